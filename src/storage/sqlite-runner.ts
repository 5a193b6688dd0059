/** @module The SqlRunner on Prisma's better-sqlite3 connection, behind the transaction gate (see sql-runner.ts). */
import type BetterSqlite3 from "better-sqlite3";
import { tickQueue, type SqlParam, type SqlRunner, type SqlStatement } from "./sql-runner";

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
  type Pending = { stmts: readonly SqlStatement[]; resolve: (n: number[]) => void; reject: (e: unknown) => void };
  type Prepared = Awaited<ReturnType<typeof prepared>>;
  const enqueueGrouped = tickQueue<Pending>((batch) => flushGroup(batch));
  /** Runs the statements in one transaction; throws (rolled back) if any fails. */
  async function inTransaction(stmts: readonly SqlStatement[], entries: readonly Prepared[]): Promise<number[]> {
    const { handle, gate } = entries[0]!;
    for (let w = gate.idle(); w; w = gate.idle()) await w;
    // From here to COMMIT nothing awaits: no other caller's statement or transaction can interleave.
    try {
      handle.exec("BEGIN IMMEDIATE");
      const changes = stmts.map((st, i) => entries[i]!.stmt.run(...bind(entries[i]!.order, st.params)).changes);
      handle.exec("COMMIT");
      return changes;
    } catch (err) {
      if (handle.inTransaction) handle.exec("ROLLBACK");
      throw err;
    }
  }
  async function flushGroup(batch: Pending[]): Promise<void> {
    const all = batch.flatMap((p) => p.stmts);
    const entries = await Promise.all(all.map((st) => prepared(st.sql).catch(() => null)));
    if (all.length > 1 && entries.every(Boolean)) {
      for (const st of all) runner.onStatement?.(st.sql);
      try {
        const changes = await inTransaction(all, entries as Prepared[]);
        let at = 0;
        for (const p of batch) p.resolve(changes.slice(at, (at += p.stmts.length)));
        return;
      } catch {
        // One statement failed: each caller's statements run alone, so that each caller gets its own outcome.
      }
    }
    for (const p of batch) await runAlone(p.stmts).then(p.resolve, p.reject);
  }
  async function runAlone(stmts: readonly SqlStatement[]): Promise<number[]> {
    if (stmts.length === 1) return [await runner.run(stmts[0]!.sql, stmts[0]!.params)];
    for (const st of stmts) runner.onStatement?.(st.sql);
    return inTransaction(stmts, await Promise.all(stmts.map((st) => prepared(st.sql))));
  }
  const runner: SqlRunner = {
    dialect: "sqlite",
    runGrouped(sql, params = []) {
      return new Promise<number>((resolve, reject) => enqueueGrouped({ stmts: [{ sql, params }], resolve: (n) => resolve(n[0]!), reject }));
    },
    runAtomic(stmts) {
      if (stmts.length === 0) return Promise.resolve([]);
      return new Promise<number[]>((resolve, reject) => enqueueGrouped({ stmts, resolve, reject }));
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
