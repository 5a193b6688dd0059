/**
 * Promise: killing the bot process outright (SIGKILL: no shutdown handler, nothing flushed) loses nothing. A button
 * press acknowledged with 200 just before the kill is processed after the restart and stores its figure exactly
 * once; a reminder batch interrupted half-way is finished after the restart. Duplicates only come from the in-flight
 * window: a message the platform accepted while its row was still "sending" when the process died (at most one extra
 * copy per such row).
 *
 * The bot runs as its own process (`tsx src/main.ts`, configured by environment variables) against the fake Telegram
 * and a test database. A crashed process's claims stay locked (inbound 2 min, outbox 1 min) until they expire; the
 * test expires them instead of waiting. SQLite only (the embedded default, where an application crash must not cost
 * a committed write in WAL mode); on PostgreSQL the server keeps durability and the claims work the same way.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { NewDelivery } from "../../../src/delivery/outbox";
import { createPrismaAccountRepository } from "../../../src/storage/prisma-account-repository";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import { importOrg } from "../../../src/storage/prisma-org-import";
import { createPrismaOutboxRepository } from "../../../src/storage/prisma-outbox-repository";
import { createFakeTelegramServer, type FakeTelegramServer } from "../../fakes/fake-telegram-server";
import { SMALL_ORG } from "../../helpers/bot-harness";
import { nextId, plain, post, tgText, waitFor, TG_SECRET } from "../../helpers/e2e-server";
import { seedKg2021 } from "../../helpers/seed-plan";
import { createTestDb, type TestDb } from "../../helpers/test-db";
import { tgCallback } from "../hostile/promise-kit";
import { startChildBot, type ChildBot } from "./child-bot";

const BATCH = 120;

/** The SIGKILL test (SQLite; it runs the bot as a child process). */
export function sigkillTests(): void {
  let tdb: TestDb;
  let db: Db;
  let tg: FakeTelegramServer;
  let child: ChildBot | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    tdb = await createTestDb("sqlite");
    db = createDb(tdb.url);
    await importOrg(db, SMALL_ORG);
    await seedKg2021(tdb.url);
    tg = await createFakeTelegramServer();
    env = {
      PORT: "0", DATABASE_URL: tdb.url, SCHEDULER_ENABLED: "false", SEED_ON_START: "false", LOG_LEVEL: "warn",
      TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_BOT_USERNAME: "ThiDuaTestBot",
    };
  }, 120_000);
  afterAll(async () => {
    await child?.stop();
    await db?.$disconnect();
    await tg?.close();
    await tdb?.drop();
  });

  const postTelegram = (update: unknown) => post(`${child!.url}/webhooks/telegram`, JSON.stringify(update), { "x-telegram-bot-api-secret-token": TG_SECRET });
  const texts = (chat: number) => tg.delivered(chat).map((m) => plain(m.text ?? ""));

  it("nothing is lost and nothing is stored twice; duplicates stay within the in-flight window", async () => {
    child = await startChildBot(env);
    const user = nextId();
    const officer = await db.officer.findFirstOrThrow({ where: { role: "officer", unit: { code: "H-RACHGIA" } } });
    const code = await createPrismaAccountRepository(db).createInvite(officer.id, new Date(Date.now() + 3600_000));
    await postTelegram(tgText({ userId: user, text: `/start ${code}` }));
    await waitFor(() => texts(user).length === 2, 20_000, "linked");
    await postTelegram(tgText({ userId: user, text: "Thu ngân sách quý 1 đạt 3.200 tỷ đồng" }));
    await waitFor(() => texts(user).length === 3, 20_000, "read-back");
    const readBack = tg.delivered(user)[2]!.messageId;

    // A reminder batch, as a reminder pass enqueues it; the running bot's outbox loop picks it up by itself.
    const chats = Array.from({ length: BATCH }, () => nextId());
    const batch: NewDelivery[] = chats.map((c, i) => ({ dedupeKey: `kill:${c}`, recipient: `telegram:${c}`, kind: "reminder", message: { text: `Nhắc hạn số ${i}` } }));
    await createPrismaOutboxRepository(db).enqueueMany(batch, new Date());
    const reminderSends = () => tg.requests.filter((r) => r.path.endsWith("/sendMessage") && chats.includes(Number(r.body.chat_id))).length;
    await waitFor(() => reminderSends() >= 35, 20_000, "the batch under way");

    // The confirmation is stored (200), then the process dies at once.
    const press = tgCallback({ userId: user, data: "rep:ok", messageId: readBack });
    expect((await postTelegram(press)).status).toBe(200);
    await child.kill9();
    await new Promise((r) => setTimeout(r, 200)); // requests already on the wire reach the fake
    const orphanRows = await db.delivery.findMany({ where: { status: "sending" }, select: { recipient: true } });
    // Rows the dead process had handed to the platform but not yet marked sent: exactly these will arrive twice.
    const isReminder = (recipient: string) => chats.includes(Number(recipient.split(":")[1]));
    const inFlight = orphanRows.filter((r) => isReminder(r.recipient) && tg.delivered(r.recipient.split(":")[1]!).length > 0).length;
    const receiptsSent = () => tg.requests.filter((r) => String(r.body.chat_id) === String(user) && String(r.body.text ?? "").includes("Đã lưu")).length;
    const receiptInFlight = orphanRows.some((r) => r.recipient === `telegram:${user}`) && receiptsSent() > 0 ? 1 : 0;
    const atKill = {
      confirmation: (await db.inboundUpdate.findFirstOrThrow({ where: { updateId: `telegram:${press.update_id}` } })).status,
      reports: await db.progressReport.count(),
      sent: reminderSends(),
      orphans: await db.delivery.count({ where: { status: "sending" } }),
    };
    console.log(`killed: confirmation ${atKill.confirmation}, ${atKill.reports} report(s) stored, ${atKill.sent}/${BATCH} reminders sent, ${atKill.orphans} row(s) claimed, ${inFlight} of them already delivered`);
    expect(atKill.sent).toBeLessThan(BATCH);

    // Time passes: the dead process's claims expire (instead of waiting 1–2 minutes).
    const past = new Date(Date.now() - 1);
    await db.inboundUpdate.updateMany({ where: { status: "processing" }, data: { lockedUntil: past } });
    await db.delivery.updateMany({ where: { status: "sending" }, data: { lockedUntil: past } });

    child = await startChildBot(env);
    await waitFor(async () => (await db.delivery.count({ where: { dedupeKey: { startsWith: "kill:" }, status: "sent" } })) === BATCH, 30_000, "batch finished");
    await waitFor(() => texts(user).some((x) => x.includes("Đã lưu")), 20_000, "receipt");
    await waitFor(async () => (await db.inboundUpdate.count({ where: { status: { not: "done" } } })) === 0, 10_000, "every update done");

    // The figure: stored exactly once, with its provenance.
    const reports = await db.progressReport.findMany();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ value: 3200, period: "2021-Q1", channel: "telegram" });
    // The receipt: once, or twice if it had been delivered but not yet marked when the process died.
    expect(receiptsSent()).toBe(1 + receiptInFlight);
    // The batch: every reminder arrived, and an extra copy exactly for each row delivered but not yet marked.
    for (const [i, c] of chats.entries()) expect(texts(c).length, `chat ${i}`).toBeGreaterThanOrEqual(1);
    const extra = chats.reduce((n, c) => n + texts(c).length - 1, 0);
    expect(extra).toBe(inFlight);
  }, 240_000);
}
