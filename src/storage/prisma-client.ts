/**
 * @module Builds the Prisma client for the configured database: embedded SQLite (file:) or shared PostgreSQL.
 * Both generated clients share one data model, so the rest of storage is typed against the SQLite client.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";

/** The Prisma client as the repositories see it (same model API on both providers). */
export type Db = InstanceType<typeof SqliteClient>;

export type DbProvider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): DbProvider {
  return databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
}

/** Creates a client over a driver adapter; nothing is downloaded, the query compiler is bundled WebAssembly. */
export function createDb(databaseUrl: string): Db {
  if (providerOf(databaseUrl) === "sqlite") {
    return new SqliteClient({ adapter: tunedSqlite(new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 })) });
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
  return new PostgresClient({ adapter }) as unknown as Db;
}

/**
 * `synchronous` is a per-connection setting (migrate.ts sets it only on its own connection), so every client's
 * connection gets it here. In WAL mode NORMAL is still safe against application crashes; without it each commit
 * waits for an fsync (~5 ms here), which capped the inbound store and the outbox at ~200 writes/s.
 */
function tunedSqlite(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  return Object.assign(factory, {
    async connect() {
      const adapter = await connect();
      await adapter.executeScript("PRAGMA synchronous = NORMAL;");
      return adapter;
    },
  });
}
