/** @module The SqlRunner on Prisma's pg pool: named prepared statements, grouped writes (see sql-runner.ts). */
import { createHash } from "node:crypto";
import pg from "pg";
import { tickQueue, type SqlParam, type SqlRunner, type SqlStatement } from "./sql-runner";

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
    return quoteLiteral(v);
  });
}

/** pg.escapeLiteral, without its character-by-character walk for the usual text with no quote or backslash. */
function quoteLiteral(v: string): string {
  return v.includes("'") || v.includes("\\") ? pg.escapeLiteral(v) : `'${v}'`;
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
  // Other grouped statements (the per-message UPDATEs, each turn's atomic writes) of one tick go as one
  // multi-statement simple query: one round trip, and PostgreSQL runs such a query as a single implicit transaction
  // (all or nothing, no state left behind). Values are inlined with pg's own literal escaping, since the simple
  // protocol takes no parameters.
  type Atomic = { stmts: readonly SqlStatement[]; resolve: (n: number[]) => void; reject: (e: unknown) => void };
  const enqueueAtomic = tickQueue<Atomic>((batch) => flushStatements(batch));
  async function simpleQuery(stmts: readonly SqlStatement[]): Promise<number[]> {
    const text = stmts.map((st) => inlineParams(st.sql, st.params)).join(";\n");
    runner.onStatement?.(text);
    const res = (await pool.query({ text, types: pgTypes })) as unknown as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(res) ? res : [res]).map((r) => r.rowCount ?? 0);
  }
  async function runAlone(stmts: readonly SqlStatement[]): Promise<number[]> {
    return stmts.length === 1 ? [await runner.run(stmts[0]!.sql, stmts[0]!.params)] : simpleQuery(stmts);
  }
  async function flushStatements(batch: Atomic[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const counts = await simpleQuery(batch.flatMap((p) => p.stmts));
        let at = 0;
        for (const p of batch) p.resolve(counts.slice(at, (at += p.stmts.length)));
        return;
      } catch {
        // One statement failed the whole query: each caller's statements run alone for their own outcome.
      }
    }
    for (const p of batch) await runAlone(p.stmts).then(p.resolve, p.reject);
  }
  const runner: SqlRunner = {
    dialect: "postgresql",
    runGrouped(sql, params = []) {
      const shape = insertShape(sql, params.length);
      if (!shape) {
        return new Promise<number>((resolve, reject) => enqueueAtomic({ stmts: [{ sql, params }], resolve: (n) => resolve(n[0]!), reject }));
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
    runAtomic(stmts) {
      if (stmts.length === 0) return Promise.resolve([]);
      return new Promise<number[]>((resolve, reject) => enqueueAtomic({ stmts, resolve, reject }));
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
