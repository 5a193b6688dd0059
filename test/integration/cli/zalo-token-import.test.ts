/**
 * `npm run cli -- zalo token import` as an operator runs it after re-consenting the OA: the pair comes from the
 * environment, is stored due for refresh, is never printed in full; without a pair or a configured OA it fails with
 * a one-line reason and stores nothing.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import { createTestDb, type TestDb } from "../../helpers/test-db";

const run = promisify(execFile);

describe("zalo token import CLI", () => {
  let tdb: TestDb;
  let db: Db;
  beforeAll(async () => {
    tdb = await createTestDb("sqlite");
    db = createDb(tdb.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await tdb.drop();
  });

  async function cli(env: Record<string, string | undefined>) {
    const base = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: tdb.url, LOG_LEVEL: "silent", SCHEDULER_ENABLED: "false" };
    try {
      const { stdout } = await run("node_modules/.bin/tsx", ["src/cli/cli.ts", "zalo", "token", "import"], { env: { ...base, ...env }, timeout: 120_000 });
      return { code: 0, out: stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: `${e.stdout}${e.stderr}` };
    }
  }

  const oa = { ZALO_OA_APP_ID: "1234567890", ZALO_OA_APP_SECRET: "app-secret-xyz", ZALO_OA_SECRET_KEY: "oa-secret-key" };

  it("refuses without a configured OA or without the pair, storing nothing", async () => {
    const noOa = await cli({ ZALO_OA_ACCESS_TOKEN: "AT", ZALO_OA_REFRESH_TOKEN: "RT" });
    expect(noOa.code).not.toBe(0);
    expect(noOa.out).toMatch(/not configured/);
    const noPair = await cli(oa);
    expect(noPair.code).not.toBe(0);
    expect(noPair.out).toMatch(/ZALO_OA_ACCESS_TOKEN/);
    expect(await db.channelToken.count()).toBe(0);
  }, 60_000);

  it("stores the new pair due for refresh and prints only its last characters", async () => {
    const access = "ACCESS-TOKEN-FROM-RECONSENT-0001";
    const refresh = "REFRESH-TOKEN-FROM-RECONSENT-0002";
    const before = Date.now();
    const res = await cli({ ...oa, ZALO_OA_ACCESS_TOKEN: access, ZALO_OA_REFRESH_TOKEN: refresh });
    expect(res.code).toBe(0);
    expect(res.out).toContain("…0001");
    expect(res.out).not.toContain(access);
    expect(res.out).not.toContain(refresh);
    const row = await db.channelToken.findUniqueOrThrow({ where: { id: "zalo-oa" } });
    expect([row.accessToken, row.refreshToken]).toEqual([access, refresh]);
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
  }, 60_000);
});
