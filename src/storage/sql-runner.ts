/**
 * @module Plain SQL for the per-message hot path (inbound store, accounts, sessions, outbox), beside Prisma.
 *
 * Every Prisma call, even `$executeRaw`, costs about a millisecond of CPU here (request pipeline, WebAssembly query
 * compiler, and the SQLite adapter prepares each statement again); prisma-offline.md measures 165,000 prepared
 * look-ups/s without it. A message touches the store ~10 times, so the webhook path runs these few statements on the
 * very connections Prisma uses: the better-sqlite3 handle (behind the same transaction gate) and the pg pool (named
 * prepared statements). Values are written exactly as Prisma writes them, so either side reads the other's rows.
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
    const waiting = gate.idle();
    if (waiting) await waiting;
    return entry;
  }
  const bind = (order: number[], params: readonly SqlParam[]) => order.map((i) => sqliteValue(params[i] ?? null));
  const runner: SqlRunner = {
    dialect: "sqlite",
    async run(sql, params = []) {
      runner.onStatement?.(sql);
      const { stmt, order } = await prepared(sql);
      return stmt.run(...bind(order, params)).changes;
    },
    async all<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      runner.onStatement?.(sql);
      const { stmt, order } = await prepared(sql);
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

export function createPgRunner(pool: pg.Pool): SqlRunner {
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    let n = names.get(sql);
    if (!n) names.set(sql, (n = `hot_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`));
    return n;
  };
  const query = (sql: string, params: readonly SqlParam[]) => pool.query({ name: nameOf(sql), text: sql, values: params.map(pgValue), types: pgTypes });
  const runner: SqlRunner = {
    dialect: "postgresql",
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
