/**
 * @module Plain SQL for the per-message hot path (inbound store, accounts, sessions, outbox), beside Prisma.
 *
 * Every Prisma call, even `$executeRaw`, costs about a millisecond of CPU here (request pipeline, WebAssembly query
 * compiler, and the SQLite adapter prepares each statement again); prisma-offline.md measures 165,000 prepared
 * look-ups/s without it. A message touches the store ~10 times, so the webhook path runs these few statements on the
 * very connections Prisma uses: the better-sqlite3 handle (behind the same transaction gate) and the pg pool (named
 * prepared statements), grouping the writes of one event-loop turn (`runGrouped`). Values are written exactly as Prisma writes them, so either side reads the other's rows.
 *
 * SQL is written once with PostgreSQL's `$1…$n` placeholders and rewritten for SQLite.
 */
import { createHash } from "node:crypto";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";

export type SqlParam = string | number | boolean | Date | null;
export type SqlRow = Record<string, unknown>;

export interface SqlRunner {
  readonly dialect: "sqlite" | "postgresql";
  /** Test hook: called with every statement's text before it runs (query-plan checks). */
  onStatement?: (sql: string) => void;
  /** Executes a statement; resolves to the number of rows changed. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * Like `run`, but statements issued in the same turn of the event loop commit together (group commit): on SQLite
   * in one transaction (one WAL commit for a burst of webhook inserts instead of one each); on PostgreSQL single-row
   * `INSERT … ON CONFLICT DO NOTHING` statements with a fresh id first become one multi-row insert, the others one
   * multi-statement query. Each caller gets its own result; when the group fails, each statement is retried alone.
   */
  runGrouped(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /** Executes a query (or a statement with RETURNING); resolves to its rows. */
  all<T extends object = SqlRow>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
}

/** A stored DateTime as a Date (SQLite keeps ISO text, PostgreSQL rows arrive as Dates). */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  return new Date(String(v));
}

/** A stored boolean (SQLite keeps 0/1). */
export function toBool(v: unknown): boolean {
  return v === true || v === 1 || v === 1n || v === "1" || v === "true";
}

/**
 * Collects the items pushed during one turn of the event loop and hands them to `flush` together (group commit).
 * If `flush` fails as a whole, every caller still waiting gets the error (settling a settled promise is a no-op).
 */
function tickQueue<P extends { reject: (e: unknown) => void }>(flush: (batch: P[]) => Promise<void>): (item: P) => void {
  let queued: P[] = [];
  return (item) => {
    if (queued.push(item) > 1) return;
    setImmediate(() => {
      const batch = queued;
      queued = [];
      flush(batch).catch((err: unknown) => batch.forEach((p) => p.reject(err)));
    });
  };
}

// ---- SQLite ----

/**
 * Serialises a shared better-sqlite3 connection between interactive transactions and everything else. Prisma's
 * adapter orders transactions among themselves only: a statement issued while another caller's transaction is open
 * runs inside it, and is lost if that transaction rolls back (an acknowledged webhook, say). With the gate, such a
 * statement waits until the transaction has ended. Checking and running happen in one synchronous step, so nothing
 * can slip in between.
 */
export interface SqliteGate {
  /** Resolves when no transaction is open (synchronously usable right after). */
  idle(): Promise<void> | undefined;
  acquire(): Promise<void>;
  release(): void;
}

export function createSqliteGate(): SqliteGate {
  let held = false;
  let waiters: (() => void)[] = [];
  const wait = () => new Promise<void>((r) => waiters.push(r));
  return {
    idle() {
      if (!held) return undefined;
      return (async () => {
        while (held) await wait();
      })();
    },
    async acquire() {
      while (held) await wait();
      held = true;
    },
    release() {
      held = false;
      const woken = waiters;
      waiters = [];
      for (const w of woken) w();
    },
  };
}

/** Dates exactly as Prisma's SQLite adapter writes them (ISO text with +00:00), booleans as 0/1. */
function sqliteValue(p: SqlParam): string | number | null {
  if (p instanceof Date) return p.toISOString().replace("Z", "+00:00");
  if (typeof p === "boolean") return p ? 1 : 0;
  return p;
}

/** `$1 … $n` → positional `?` plus the order in which the parameters are used. */
function positional(sql: string): { text: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
    order.push(Number(n) - 1);
    return "?";
  });
  return { text, order };
}

export function createSqliteRunner(database: () => Promise<{ handle: BetterSqlite3.Database; gate: SqliteGate }>): SqlRunner {
  const cache = new Map<string, { stmt: BetterSqlite3.Statement; order: number[] }>();
  async function prepared(sql: string) {
    const { handle, gate } = await database();
    let entry = cache.get(sql);
    if (!entry) {
      const { text, order } = positional(sql);
      const stmt = handle.prepare(text);
      stmt.safeIntegers(false);
      cache.set(sql, (entry = { stmt, order }));
    }
    return { ...entry, handle, gate };
  }
  // Before each statement: `for (let w = gate.idle(); w; w = gate.idle()) await w;` written out at the call site and
  // followed by the statement with no await in between. A waiter woken by a release may have been overtaken by a
  // transaction that started meanwhile (hence the re-check), and any await after the last check (even returning
  // from a helper) would let one start again.
  const bind = (order: number[], params: readonly SqlParam[]) => order.map((i) => sqliteValue(params[i] ?? null));
  type Pending = { sql: string; params: readonly SqlParam[]; resolve: (n: number) => void; reject: (e: unknown) => void };
  const enqueueGrouped = tickQueue<Pending>((batch) => flushGroup(batch));
  async function flushGroup(batch: Pending[]): Promise<void> {
    const entries = await Promise.all(batch.map((p) => prepared(p.sql).catch(() => null)));
    const first = entries[0];
    if (batch.length > 1 && first && entries.every(Boolean)) {
      const { handle, gate } = first;
      for (let w = gate.idle(); w; w = gate.idle()) await w;
      // From here to COMMIT nothing awaits: no other caller's statement or transaction can interleave.
      try {
        handle.exec("BEGIN IMMEDIATE");
        const changes = batch.map((p, i) => entries[i]!.stmt.run(...bind(entries[i]!.order, p.params)).changes);
        handle.exec("COMMIT");
        return batch.forEach((p, i) => p.resolve(changes[i]!));
      } catch {
        if (handle.inTransaction) handle.exec("ROLLBACK");
        // One statement failed: run them one by one so that each caller gets its own outcome.
      }
    }
    for (const p of batch) await runner.run(p.sql, p.params).then(p.resolve, p.reject);
  }
  const runner: SqlRunner = {
    dialect: "sqlite",
    runGrouped(sql, params = []) {
      return new Promise<number>((resolve, reject) => enqueueGrouped({ sql, params, resolve, reject }));
    },
    async run(sql, params = []) {
      runner.onStatement?.(sql);
      const { stmt, order, gate } = await prepared(sql);
      for (let w = gate.idle(); w; w = gate.idle()) await w;
      return stmt.run(...bind(order, params)).changes;
    },
    async all<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      runner.onStatement?.(sql);
      const { stmt, order, gate } = await prepared(sql);
      for (let w = gate.idle(); w; w = gate.idle()) await w;
      return (stmt.reader ? stmt.all(...bind(order, params)) : (stmt.run(...bind(order, params)), [])) as T[];
    },
  };
  return runner;
}

// ---- PostgreSQL ----

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
/** `timestamp(3)` columns hold UTC without a zone (as Prisma writes them): read them as UTC whatever TZ says. */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID) return (s: string) => new Date(`${s.replace(" ", "T")}Z`);
    if (oid === INT8_OID) return (s: string) => Number(s);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Dates as UTC text without a zone, which is what a `timestamp` column stores. */
function pgValue(p: SqlParam): string | number | boolean | null {
  if (p instanceof Date) return p.toISOString().replace("T", " ").replace("Z", "");
  return p;
}

/** A statement with its `$n` placeholders replaced by escaped literals (for the simple protocol). */
function inlineParams(sql: string, params: readonly SqlParam[]): string {
  return sql.replace(/\$(\d+)/g, (_m, n: string) => {
    const v = pgValue(params[Number(n) - 1] ?? null);
    if (v === null) return "NULL";
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new RangeError("non-finite number in SQL");
      return String(v);
    }
    return pg.escapeLiteral(v);
  });
}

interface InsertShape {
  sql: string;
  head: string;
  values: string;
  tail: string;
  paramCount: number;
}

const shapes = new Map<string, InsertShape | null>();
/** `INSERT INTO t ("id", …) VALUES ($1, …) ON CONFLICT … DO NOTHING` with a fresh id first, or null. */
function insertShape(sql: string, paramCount: number): InsertShape | null {
  let shape = shapes.get(sql);
  if (shape !== undefined) return shape;
  const m = /^\s*(INSERT INTO "\w+" \(\s*"id"\s*,[^)]*\))\s*VALUES\s*\(([^()]*)\)\s*(ON CONFLICT \([^)]*\) DO NOTHING)\s*$/s.exec(sql);
  shape = m ? { sql, head: m[1]!, values: m[2]!, tail: m[3]!, paramCount } : null;
  shapes.set(sql, shape);
  return shape;
}

export function createPgRunner(pool: pg.Pool): SqlRunner {
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    let n = names.get(sql);
    if (!n) names.set(sql, (n = `hot_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`));
    return n;
  };
  const query = (sql: string, params: readonly SqlParam[]) => pool.query({ name: nameOf(sql), text: sql, values: params.map(pgValue), types: pgTypes });
  // Grouped single-row inserts become one multi-row INSERT … RETURNING "id" per tick: one round trip (and one
  // commit) for a burst. Each caller's row counts as inserted when its own fresh id comes back.
  type Pending = { params: readonly SqlParam[]; resolve: (n: number) => void; reject: (e: unknown) => void };
  const groups = new Map<string, Pending[]>();
  async function flushInserts(shape: InsertShape, batch: Pending[]): Promise<void> {
    if (batch.length === 1) return void (await runner.run(shape.sql, batch[0]!.params).then(batch[0]!.resolve, batch[0]!.reject));
    const k = shape.paramCount;
    const rows = batch.map((_, r) => `(${shape.values.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + r * k}`)})`);
    const text = `${shape.head} VALUES ${rows.join(", ")} ${shape.tail} RETURNING "id"`;
    runner.onStatement?.(text);
    try {
      // Unnamed: the text varies with the batch size, and a named statement per size would pile up on every connection.
      const values = batch.flatMap((p) => p.params.map(pgValue));
      const inserted = new Set((await pool.query({ text, values, types: pgTypes })).rows.map((r: { id: string }) => r.id));
      for (const p of batch) p.resolve(inserted.has(String(p.params[0])) ? 1 : 0);
    } catch {
      // One row failed the whole statement: each caller runs alone and gets its own outcome.
      for (const p of batch) await runner.run(shape.sql, p.params).then(p.resolve, p.reject);
    }
  }
  // Other grouped statements (the per-message UPDATEs) of one tick go as one multi-statement simple query: one round
  // trip, and PostgreSQL runs such a query as a single implicit transaction (all or nothing, no state left behind).
  // Values are inlined with pg's own literal escaping, since the simple protocol takes no parameters.
  const enqueueStatement = tickQueue<Pending & { sql: string }>((batch) => flushStatements(batch));
  async function flushStatements(batch: (Pending & { sql: string })[]): Promise<void> {
    if (batch.length === 1) return void (await runner.run(batch[0]!.sql, batch[0]!.params).then(batch[0]!.resolve, batch[0]!.reject));
    try {
      const text = batch.map((p) => inlineParams(p.sql, p.params)).join(";\n");
      runner.onStatement?.(text);
      const results = (await pool.query({ text, types: pgTypes })) as unknown as pg.QueryResult[];
      batch.forEach((p, i) => p.resolve(results[i]?.rowCount ?? 0));
    } catch {
      for (const p of batch) await runner.run(p.sql, p.params).then(p.resolve, p.reject);
    }
  }
  const runner: SqlRunner = {
    dialect: "postgresql",
    runGrouped(sql, params = []) {
      const shape = insertShape(sql, params.length);
      if (!shape) {
        return new Promise<number>((resolve, reject) => enqueueStatement({ sql, params, resolve, reject }));
      }
      return new Promise<number>((resolve, reject) => {
        const queued = groups.get(sql);
        if (queued && queued.length < 100) return void queued.push({ params, resolve, reject });
        const batch: Pending[] = [{ params, resolve, reject }];
        groups.set(sql, batch);
        setImmediate(() => {
          if (groups.get(sql) === batch) groups.delete(sql);
          flushInserts(shape, batch).catch((err: unknown) => batch.forEach((p) => p.reject(err)));
        });
      });
    },
    async run(sql, params = []) {
      runner.onStatement?.(sql);
      return (await query(sql, params)).rowCount ?? 0;
    },
    async all<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      runner.onStatement?.(sql);
      return (await query(sql, params)).rows as T[];
    },
  };
  return runner;
}
