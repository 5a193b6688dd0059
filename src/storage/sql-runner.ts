/**
 * @module Plain SQL for the per-message hot path (inbound store, accounts, sessions, outbox), beside Prisma.
 *
 * Every Prisma call, even `$executeRaw`, costs about a millisecond of CPU here (request pipeline, WebAssembly query
 * compiler, and the SQLite adapter prepares each statement again); prisma-offline.md measures 165,000 prepared
 * look-ups/s without it. A message touches the store ~10 times, so the webhook path runs these few statements on the
 * very connections Prisma uses: the better-sqlite3 handle (behind the same transaction gate) and the pg pool (named
 * prepared statements), grouping the writes of one event-loop turn (`runGrouped`). Values are written exactly as Prisma writes them, so either side reads the other's rows.
 *
 * SQL is written once with PostgreSQL's `$1…$n` placeholders and rewritten for SQLite. The two implementations:
 * sqlite-runner.ts and pg-runner.ts.
 */
export type SqlParam = string | number | boolean | Date | null;
export type SqlRow = Record<string, unknown>;
/** One statement with its parameters (for `runAtomic`). */
export interface SqlStatement {
  sql: string;
  params: readonly SqlParam[];
}

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
  /**
   * Runs the statements all or nothing (one transaction), grouped like `runGrouped` with the other writes of the same
   * turn of the event loop: on PostgreSQL one round trip for all of them. Resolves to each statement's row count;
   * when the group fails, each caller's statements are retried alone, still all or nothing.
   */
  runAtomic(statements: readonly SqlStatement[]): Promise<number[]>;
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
export function tickQueue<P extends { reject: (e: unknown) => void }>(flush: (batch: P[]) => Promise<void>): (item: P) => void {
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
