/**
 * `npm run cli -- reminders run --at <ISO-8601>` as an operator runs it: a separate process on the configured
 * database, sending through Telegram (a fake Bot API on 127.0.0.1), printing planned/sent/skipped/failed, idempotent
 * when repeated, deferring at night, and failing with a one-line reason on bad input.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import { importOrg } from "../../../src/storage/prisma-org-import";
import { importPlanPack } from "../../../src/storage/prisma-campaign-repository";
import { createFakeTelegramServer, type FakeTelegramServer } from "../../fakes/fake-telegram-server";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db";
import { at, kgPack, REMINDER_ORG, ZONE } from "./reminder-env";

const run = promisify(execFile);

interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(testDbKinds())("reminders run CLI on %s", (kind) => {
  let tdb: TestDb;
  let db: Db;
  let tg: FakeTelegramServer;

  async function cli(...args: string[]): Promise<CliOutcome> {
    const env = {
      ...process.env, DATABASE_URL: tdb.url, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url,
      APP_TIMEZONE: ZONE, LOG_LEVEL: "silent", SCHEDULER_ENABLED: "false",
    };
    try {
      const { stdout, stderr } = await run("node_modules/.bin/tsx", ["src/cli/cli.ts", ...args], { env, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const counts = (stdout: string) => {
    const m = /planned=(\d+) sent=(\d+) skipped=(\d+) failed=(\d+)/.exec(stdout);
    if (!m) throw new Error(`no counts in: ${stdout}`);
    return { planned: Number(m[1]), sent: Number(m[2]), skipped: Number(m[3]), failed: Number(m[4]) };
  };

  beforeAll(async () => {
    tg = await createFakeTelegramServer();
    tdb = await createTestDb(kind);
    db = createDb(tdb.url);
    await importOrg(db, REMINDER_ORG);
    await importPlanPack(db, await kgPack(), ZONE);
    for (const [i, code] of ["TC-O", "KH-O", "RG-O", "HT-O"].entries()) {
      const officer = await db.officer.findUniqueOrThrow({ where: { code } });
      await db.channelAccount.create({ data: { platform: "telegram", externalId: String(301 + i), chatId: String(301 + i), officerId: officer.id, lastInteractionAt: at("2021-03-01T09:00") } });
    }
  }, 120_000);
  afterAll(async () => {
    await db?.$disconnect();
    await tdb?.drop();
    await tg?.close();
  });

  it("runs one pass as if the clock read --at, sends through Telegram and prints the counts", async () => {
    const out = await cli("reminders", "run", "--at", "2021-03-31T08:00:00+07:00");
    expect(out.code, out.stderr).toBe(0);
    const c = counts(out.stdout);
    // Q1 report (5 days left) and pledge (due today) for the four linked officers.
    expect(c).toEqual({ planned: 8, sent: 8, skipped: 0, failed: 0 });
    const texts = tg.delivered("301").map((m) => m.text ?? "");
    expect(texts.some((t) => t.includes("Báo cáo số liệu quý I/2021") && t.includes("còn 5 ngày"))).toBe(true);
    expect(texts.some((t) => t.includes("giao ước"))).toBe(true);
  }, 180_000);

  it("sends nothing twice when repeated with the same --at", async () => {
    const before = tg.delivered("301").length;
    const out = await cli("reminders", "run", "--at", "2021-03-31T08:00+07:00");
    expect(out.code, out.stderr).toBe(0);
    expect(counts(out.stdout)).toEqual({ planned: 8, sent: 0, skipped: 0, failed: 0 });
    expect(out.stdout).toContain("already-queued=8");
    expect(tg.delivered("301").length).toBe(before);
  }, 180_000);

  it("sends nothing at 23:00 and says when sending resumes (local time without offset)", async () => {
    const out = await cli("reminders", "run", "--at", "2021-04-02T23:00");
    expect(out.code, out.stderr).toBe(0);
    expect(counts(out.stdout)).toEqual({ planned: 0, sent: 0, skipped: 0, failed: 0 });
    expect(out.stdout).toContain("sending resumes 2021-04-05T07:30");
  }, 180_000);

  it("exits non-zero with a one-line reason on bad input", async () => {
    // (parseIsoInstant's unit test covers the other malformed inputs.)
    for (const args of [["--at", "2021-02-30T08:00"], []]) {
      const out = await cli("reminders", "run", ...args);
      expect(out.code).not.toBe(0);
      const lines = out.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: (--at|usage)/);
    }
  }, 180_000);
});
