/**
 * Test databases: every test file gets its own, on SQLite (temp file) and, when PostgreSQL is reachable, on a fresh
 * PostgreSQL database. TEST_DB=sqlite|postgres|both chooses (default both; .ci/run runs both).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { migrate } from "../../src/storage/migrate";

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDbKind = "sqlite" | "postgres";

export function testDbKinds(): TestDbKind[] {
  const want = process.env.TEST_DB ?? "both";
  return want === "sqlite" ? ["sqlite"] : want === "postgres" ? ["postgres"] : ["sqlite", "postgres"];
}

export interface TestDb {
  url: string;
  kind: TestDbKind;
  drop(): Promise<void>;
}

export async function createTestDb(kind: TestDbKind): Promise<TestDb> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "thidua-test-"));
    const url = `file:${path.join(dir, "test.db")}`;
    await migrate(url);
    return { url, kind, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `thidua_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  await migrate(url);
  return {
    url,
    kind,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The databases a bench runs on: SQLite, and PostgreSQL when a test database can be created. */
export async function benchDbKinds(): Promise<TestDbKind[]> {
  try {
    await (await createTestDb("postgres")).drop();
    return ["sqlite", "postgres"];
  } catch {
    return ["sqlite"];
  }
}
