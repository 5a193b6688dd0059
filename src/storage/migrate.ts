/**
 * @module Applies the committed migrations of prisma/<provider>/migrations at start and in tests.
 * The Prisma CLI engine cannot run PostgreSQL migrations offline here, so the app applies migration.sql files
 * itself, in order, each in a transaction, and records them in a `_prisma_migrations`-compatible table so that
 * `prisma migrate deploy` elsewhere sees them as applied. PostgreSQL takes an advisory lock (several instances
 * may start at once); SQLite relies on its write lock.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf } from "./prisma-client";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMP,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMP,
  "started_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(provider: "sqlite" | "postgres", root = "prisma"): Migration[] {
  const dir = path.join(root, provider, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Path of the SQLite file named by a `file:` URL (relative paths are relative to the working directory). */
export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
}

/** Applies pending migrations; returns the names applied now. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  return providerOf(databaseUrl) === "sqlite" ? migrateSqlite(databaseUrl) : migratePostgres(databaseUrl);
}

function migrateSqlite(databaseUrl: string): string[] {
  const file = sqliteFilePath(databaseUrl);
  const dir = path.dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const db = new Database(file);
  try {
    // WAL lets readers run during writes; NORMAL sync is durable across process crashes (not power loss).
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 10000");
    db.exec(MIGRATIONS_TABLE);
    const done = new Set(
      (db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL`).all() as { migration_name: string }[]).map(
        (r) => r.migration_name,
      ),
    );
    const applied: string[] = [];
    for (const m of listMigrations("sqlite")) {
      if (done.has(m.name)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, CURRENT_TIMESTAMP, ?, 1)`,
        ).run(randomUUID(), m.checksum, m.name);
      })();
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

async function migratePostgres(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(727274001)");
    await client.query(MIGRATIONS_TABLE);
    const res = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Set(res.rows.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const m of listMigrations("postgres")) {
      if (done.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274001)").catch(() => undefined);
    await client.end();
  }
}
