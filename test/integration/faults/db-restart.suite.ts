/**
 * Promise: PostgreSQL dropping every connection under load loses nothing. A webhook that could not store its update
 * answers non-200, so the platform redelivers it; one that answered 200 is processed even if the database fails
 * again while it is handled (the sweep picks up what was left unfinished). Every message gets exactly one answer
 * (its reply, or an apology when the failure struck in the middle of handling it), the outbox sends nothing twice,
 * the bot recovers by itself, and the errors logged carry no message text.
 * PostgreSQL only: "restart" = pg_terminate_backend on every connection of the test database, several times.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTranslator } from "../../../src/i18n/i18n";
import { nextId, plain, post, tgText, waitFor } from "../../helpers/e2e-server";
import { createDb } from "../../../src/storage/prisma-client";
import { createTestDb, PG_ADMIN_URL } from "../../helpers/test-db";
import { captureLog, postUntilAccepted, settle, startBot, type Bot } from "../hostile/promise-kit";

const t = createTranslator("vi");
const USERS = 40;
const KILLS = 4;

/** The database-restart tests (PostgreSQL; they start their own bot). */
export function dbRestartTests(): void {
  let bot: Bot;
  let admin: pg.Client;
  const log = captureLog("debug");
  /** Errors nobody handled (a pg 'error' event without a listener would crash the process in production). */
  const uncaught: unknown[] = [];
  const monitor = (err: unknown) => void uncaught.push(err);

  beforeAll(async () => {
    process.on("uncaughtExceptionMonitor", monitor);
    bot = await startBot("postgres", { logger: log.logger, sweepEveryMs: 300 });
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
  });
  afterAll(async () => {
    process.off("uncaughtExceptionMonitor", monitor);
    await admin?.end();
    await bot?.stop();
  });

  /** Resolves once `progress()` has not changed for 1.5 s (bounded: 30 s). */
  async function quiet(progress: () => number): Promise<void> {
    let last = -1;
    let since = Date.now();
    const end = Date.now() + 30_000;
    while (Date.now() < end && Date.now() - since < 1500) {
      const now = progress();
      if (now !== last) [last, since] = [now, Date.now()];
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function killConnections(): Promise<number> {
    const name = new URL(bot.tdb.url).pathname.slice(1);
    const res = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
    return res.rowCount ?? 0;
  }

  it("every message is answered exactly once although all connections are dropped 4 times", async () => {
    const users = Array.from({ length: USERS }, () => nextId());
    // "/trogiup" with words after it: the help answer, and words that must not reach the log.
    const texts = new Map(users.map((u, i) => [u, `/trogiup ghi chú riêng QUUX-${i}`]));
    let killed = 0;
    let tries = 0;
    // Four workers post the messages (retrying like the platform), while the database loses its connections.
    const queue = [...users];
    const workers = Array.from({ length: 4 }, async () => {
      for (let u = queue.shift(); u !== undefined; u = queue.shift()) {
        const update = tgText({ userId: u, text: texts.get(u)! });
        const n = await postUntilAccepted(() => bot.postTelegram(update));
        tries += n;
      }
    });
    const killer = (async () => {
      for (let k = 0; k < KILLS; k++) {
        await new Promise((r) => setTimeout(r, 250));
        killed += await killConnections();
      }
    })();
    await Promise.all([...workers, killer]);
    expect(killed).toBeGreaterThan(0);

    // Most answers come at once. A few rows may be orphaned by a failure at the worst moment: an update whose claim
    // or completion failed, a delivery sent but not marked. They are retried when their lock expires (inbound 2 min,
    // outbox 1 min) by the sweep and the outbox loop. Once nothing moves any more, the test expires those locks
    // instead of waiting minutes.
    await quiet(() => users.reduce((n, u) => n + bot.tgTexts(u).length, 0));
    const orphans = {
      inbound: (await bot.runtime.db.inboundUpdate.updateMany({ where: { status: "processing" }, data: { lockedUntil: new Date(Date.now() - 1) } })).count,
      outbox: (await bot.runtime.db.delivery.updateMany({ where: { status: "sending" }, data: { lockedUntil: new Date(Date.now() - 1) } })).count,
    };
    bot.runtime.outboxDispatcher.kick();
    await waitFor(() => users.every((u) => bot.tgTexts(u).length >= 1), 20_000, "an answer for every message");
    await settle(800);
    const answers = users.map((u) => bot.tgTexts(u));
    const allowed = [plain(t("core.help_unlinked")), plain(t("core.error_apology"))];
    for (const [i, a] of answers.entries()) {
      expect(a.length, `user ${i}`).toBeGreaterThanOrEqual(1);
      expect(allowed, `user ${i}`).toContain(a[0]);
    }
    // Exactly one each, except that an orphaned delivery may have been sent before its row could be marked: the
    // in-flight window, at most one extra copy per orphan.
    expect(answers.reduce((n, a) => n + a.length - 1, 0)).toBeLessThanOrEqual(orphans.outbox);
    const apologies = answers.filter((a) => a[0] === allowed[1]).length;
    console.log(`database dropped ${killed} connections in ${KILLS} rounds; ${tries} webhook posts for ${USERS} messages; ${apologies} apologies; orphans ${JSON.stringify(orphans)}`);
    expect(await bot.runtime.db.inboundUpdate.count()).toBe(USERS);
    const outbox = await bot.runtime.db.delivery.groupBy({ by: ["status"], _count: { _all: true } });
    expect(Object.fromEntries(outbox.map((o) => [o.status, o._count._all]))).toEqual({ sent: USERS });

    // It recovered by itself: healthy, and a new message is answered normally.
    expect((await post(`${bot.url}/healthz`, "", {}, "GET")).status).toBe(200);
    const after = nextId();
    await bot.postTelegram(tgText({ userId: after, text: "/trogiup" }));
    await waitFor(() => bot.tgTexts(after).length === 1, 10_000, "answer after recovery");
    expect(bot.tgTexts(after)[0]).toBe(plain(t("core.help_unlinked")));

    // Errors were logged, without what people wrote.
    const text = log.lines.join("");
    expect(text).not.toContain("QUUX");
    expect(text).not.toContain("ghi chú riêng");
    expect(uncaught).toEqual([]);
  }, 120_000);

  it("connections dropped in the middle of transactions leak nothing: afterwards every query answers and shutdown completes", async () => {
    const tdb = await createTestDb("postgres");
    const db = createDb(tdb.url);
    const name = new URL(tdb.url).pathname.slice(1);
    const within = <T,>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms))]);
    try {
      // Before the fix in prisma-client.ts each round leaked every connection it killed (the pool holds 10), and the
      // second round already hung forever.
      for (let round = 0; round < 4; round++) {
        const work = Promise.allSettled(Array.from({ length: 20 }, (_, i) => db.$transaction(async (tx) => {
          await tx.channelAccount.upsert({ where: { platform_externalId: { platform: "t", externalId: `u${i}` } }, create: { platform: "t", externalId: `u${i}`, chatId: "c" }, update: { chatId: `c${round}` } });
          await tx.$queryRawUnsafe("SELECT 1 FROM pg_sleep(0.02)");
          await tx.channelAccount.count();
        })));
        await new Promise((r) => setTimeout(r, 30));
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
        expect(await within(work, 15_000), `round ${round}`).not.toBe("timeout");
      }
      // Still fully usable: a query and a transaction answer at once.
      expect(typeof (await within(db.channelAccount.count(), 5000))).toBe("number");
      expect(await within(db.$transaction(async (tx) => tx.channelAccount.count()), 5000)).not.toBe("timeout");
    } finally {
      expect(await within(db.$disconnect(), 5000)).not.toBe("timeout");
      await tdb.drop();
      await settle(300);
      expect(uncaught).toEqual([]);
    }
  });
}
