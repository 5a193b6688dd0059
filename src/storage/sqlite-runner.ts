/** @module The SqlRunner on Prisma's better-sqlite3 connection, behind the transaction gate (see sql-runner.ts). */
import type BetterSqlite3 from "better-sqlite3";
import { tickQueue, type SqlParam, type SqlRunner } from "./sql-runner";

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
