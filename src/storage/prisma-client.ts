/**
 * @module Builds the Prisma client for the configured database: embedded SQLite (file:) or shared PostgreSQL.
 * Both generated clients share one data model, so the rest of storage is typed against the SQLite client.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { createPgRunner } from "./pg-runner";
import type { SqlRunner } from "./sql-runner";
import { createSqliteGate, createSqliteRunner, type SqliteGate } from "./sqlite-runner";

/** The Prisma client as the repositories see it (same model API on both providers). */
export type Db = InstanceType<typeof SqliteClient>;

export type DbProvider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): DbProvider {
  return databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
}

const runners = new WeakMap<object, SqlRunner>();

/** The plain-SQL runner on the same connections as `db` (sql-runner.ts says when to use it). */
export function sqlOf(db: Db): SqlRunner {
  const r = runners.get(db);
  if (!r) throw new Error("sqlOf: this client was not made by createDb");
  return r;
}

/** Creates a client over a driver adapter; nothing is downloaded, the query compiler is bundled WebAssembly. */
export function createDb(databaseUrl: string): Db {
  if (providerOf(databaseUrl) === "sqlite") {
    let connection: { handle: BetterSqlite3.Database; gate: SqliteGate } | undefined;
    const factory = tunedSqlite(new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 }), (c) => (connection = c));
    const db = new SqliteClient({ adapter: factory });
    runners.set(db, createSqliteRunner(async () => {
      if (!connection) await db.$connect();
      if (!connection) throw new Error("SQLite connection did not open");
      return connection;
    }));
    return db;
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // A connection can fail in the same network read that made it ready, before whoever checked it out has attached
  // its error listener, and pg's 'error' event with no listener crashes the process (seen when PostgreSQL restarts).
  // The failure still reaches the query or transaction that uses the connection.
  pool.on("connect", (client) => void client.on("error", () => undefined));
  const adapter = releaseOnFailedEnd(new PrismaPg(pool, { disposeExternalPool: true }));
  const db = new PostgresClient({ adapter }) as unknown as Db;
  runners.set(db, createPgRunner(pool));
  return db;
}

/** The parts of a driver-adapter transaction the work-around below touches. */
interface EndableTransaction {
  executeRaw(q: { sql: string }): Promise<number>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Prisma 6.19 ends an interactive transaction with `executeRaw("COMMIT" | "ROLLBACK")` and only then calls
 * `commit()`/`rollback()`, which is what returns the pg client to the pool. When the connection died mid-transaction
 * (database restart, failover, pg_terminate_backend) that statement throws, the client is never released, and after
 * `max` such events every query waits forever for a client (and $disconnect hangs). Here a failed COMMIT/ROLLBACK
 * releases the client with the error, so pg-pool discards it, and the later commit()/rollback() become no-ops.
 * Measured by test/integration/faults/db-restart.test.ts.
 */
function releaseOnFailedEnd(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  return Object.assign(factory, {
    async connect() {
      const adapter = await connect();
      const start = adapter.startTransaction.bind(adapter);
      return Object.assign(adapter, {
        async startTransaction(...args: Parameters<typeof start>) {
          const tx = (await start(...args)) as Awaited<ReturnType<typeof start>> & EndableTransaction;
          const client = (tx as unknown as { client?: { release(err?: Error | boolean): void } }).client;
          const [executeRaw, commit, rollback] = [tx.executeRaw.bind(tx), tx.commit.bind(tx), tx.rollback.bind(tx)];
          let released = false;
          const once = (end: () => Promise<void>) => async () => {
            if (released) return;
            released = true;
            await end();
          };
          return Object.assign(tx, {
            commit: once(commit),
            rollback: once(rollback),
            async executeRaw(q: Parameters<typeof executeRaw>[0]) {
              try {
                return await executeRaw(q);
              } catch (err) {
                if (!released && client && /^\s*(COMMIT|ROLLBACK)\b/i.test(q.sql)) {
                  released = true;
                  client.release(err instanceof Error ? err : true);
                }
                throw err;
              }
            },
          });
        },
      });
    },
  });
}

/** The adapter members the gate wraps. */
interface GatedAdapter {
  client: BetterSqlite3.Database;
  queryRaw(q: unknown): Promise<unknown>;
  executeRaw(q: unknown): Promise<number>;
  executeScript(script: string): Promise<void>;
  startTransaction(...args: unknown[]): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
}

/**
 * Each connection gets `synchronous = NORMAL` (a per-connection setting; migrate.ts sets it only on its own): in WAL
 * mode that is still safe against application crashes, and without it each commit waits for an fsync (~5 ms here),
 * which capped the inbound store and the outbox at ~200 writes/s.
 *
 * And the transaction gate (sqlite-runner.ts): statements outside a transaction wait while one is open, instead of
 * running inside it and being rolled back with it. test/integration/storage/sqlite-transaction-gate.test.ts.
 */
function tunedSqlite(factory: PrismaBetterSQLite3, opened: (c: { handle: BetterSqlite3.Database; gate: SqliteGate }) => void): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  return Object.assign(factory, {
    async connect() {
      const adapter = await connect();
      await adapter.executeScript("PRAGMA synchronous = NORMAL;");
      const a = adapter as unknown as GatedAdapter;
      const gate = createSqliteGate();
      // The adapter runs the statement synchronously when called, so re-checking right before the call suffices.
      const gated = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
        for (let w = gate.idle(); w; w = gate.idle()) await w;
        return fn(...args);
      };
      const start = a.startTransaction.bind(a);
      Object.assign(a, {
        queryRaw: gated(a.queryRaw.bind(a)),
        executeRaw: gated(a.executeRaw.bind(a)),
        executeScript: gated(a.executeScript.bind(a)),
        async startTransaction(...args: unknown[]) {
          await gate.acquire();
          try {
            const tx = await start(...args);
            let open = true;
            const end = (fn: () => Promise<void>) => async () => {
              try {
                await fn();
              } finally {
                if (open) (open = false), gate.release();
              }
            };
            return Object.assign(tx, { commit: end(tx.commit.bind(tx)), rollback: end(tx.rollback.bind(tx)) });
          } catch (err) {
            gate.release();
            throw err;
          }
        },
      });
      opened({ handle: a.client, gate });
      return adapter;
    },
  });
}
