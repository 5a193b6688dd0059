/**
 * Promise: when the platforms misbehave (5xx, HTML error pages, resets, 429, calls that never answer), every message
 * is still delivered, and exactly once, with one documented exception: a call the platform ACCEPTED but whose answer
 * never arrived (timeout after delivery) is retried, so that message arrives twice. That in-flight window is the only
 * source of duplicates, and it costs at most one extra copy per such timeout.
 *
 * The real outbox and the real channel senders (short timeouts, so hangs cost milliseconds) run against the fake
 * platforms, behind a fault proxy for the faults the fakes cannot script. 429 with retry_after, blocked users and
 * token expiry are covered by test/integration/e2e/delivery-e2e.test.ts.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTelegramApi } from "../../../src/channels/telegram/telegram-api";
import { createTelegramSender } from "../../../src/channels/telegram/telegram-sender";
import { createZaloBotSender } from "../../../src/channels/zalo/zalo-bot-adapter";
import { createZaloBotClient } from "../../../src/channels/zalo/zalo-bot-client";
import { createZaloClient } from "../../../src/channels/zalo/zalo-client";
import { createZaloOaSender } from "../../../src/channels/zalo/zalo-oa-adapter";
import type { ChannelSender } from "../../../src/conversation/channel-port";
import { createOutboxDispatcher, type OutboxDispatcher } from "../../../src/delivery/outbox-dispatcher";
import type { NewDelivery } from "../../../src/delivery/outbox";
import { systemClock } from "../../../src/shared/clock";
import { createLogger } from "../../../src/shared/logger";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import { createPrismaOutboxRepository } from "../../../src/storage/prisma-outbox-repository";
import { createFakeTelegramServer, type FakeTelegramServer } from "../../fakes/fake-telegram-server";
import { createFakeZaloServer, type FakeZaloServer } from "../../fakes/fake-zalo-server";
import { FAST_LIMITS, nextId, waitFor } from "../../helpers/e2e-server";
import { createTestDb, type TestDb, type TestDbKind } from "../../helpers/test-db";
import { settle } from "../hostile/promise-kit";
import { createFaultProxy, type FaultProxy } from "./fault-proxy";

/** Per-call timeout of the senders here (production: 15 s): short, so hangs cost little; long enough for a busy CI. */
const TIMEOUT_MS = 1500;

/** The platform-fault tests on one database (they start their own outbox, senders, fakes and proxies). */
export function platformFaultTests(kind: TestDbKind): void {
  let tdb: TestDb;
  let db: Db;
  let tg: FakeTelegramServer;
  let zalo: FakeZaloServer;
  let tgProxy: FaultProxy;
  let zaloProxy: FaultProxy;
  let outbox: OutboxDispatcher;
  const repo = () => createPrismaOutboxRepository(db);

  beforeAll(async () => {
    tdb = await createTestDb(kind);
    db = createDb(tdb.url);
    [tg, zalo] = await Promise.all([createFakeTelegramServer(), createFakeZaloServer()]);
    [tgProxy, zaloProxy] = await Promise.all([createFaultProxy(tg.url), createFaultProxy(zalo.url)]);
    const accessToken = zalo.issueAccessToken();
    const senders: ChannelSender[] = [
      createTelegramSender({ api: createTelegramApi({ token: tg.token, apiRoot: tgProxy.url, timeoutMs: TIMEOUT_MS }) }),
      createZaloOaSender({ client: createZaloClient({ apiBase: zaloProxy.url, timeoutMs: TIMEOUT_MS, tokens: { getAccessToken: async () => accessToken, refreshAfterRejection: async () => accessToken } }) }),
      createZaloBotSender({ client: createZaloBotClient({ token: zalo.botToken, apiBase: zaloProxy.url, timeoutMs: TIMEOUT_MS }) }),
    ];
    outbox = createOutboxDispatcher({
      repo: repo(), senders: new Map(senders.map((s) => [s.channel as string, s])), clock: systemClock, logger: createLogger({ level: "silent" }),
      holderId: `faults-${kind}`, limits: FAST_LIMITS,
      // The shortest backoff the policy allows (0.5 s, 1 s, 2 s…), so retries take as little wall time as possible.
      random: () => 0,
    });
    outbox.start(50);
  });
  afterAll(async () => {
    await outbox?.stop();
    await db?.$disconnect();
    await Promise.all([tgProxy?.close(), zaloProxy?.close()]);
    await Promise.all([tg?.close(), zalo?.close()]);
    await tdb?.drop();
  });

  async function push(recipient: string, texts: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const text of texts) {
      const d: NewDelivery = { dedupeKey: `fault:${nextId()}`, recipient, kind: "reminder", message: { text } };
      ids.push((await repo().enqueue(d, new Date())).id);
    }
    outbox.kick();
    return ids;
  }
  const rows = (ids: string[]) => db.delivery.findMany({ where: { id: { in: ids } } });
  const settled = async (ids: string[]) => (await rows(ids)).every((r) => ["sent", "dead", "unreachable"].includes(r.status));
  const tgTexts = (chat: number) => tg.delivered(chat).map((m) => m.text);
  /** Calls the platforms handled but whose answer the sender never got, so far (see FaultProxy.unacknowledged). */
  const unacknowledged = () => tgProxy.unacknowledged() + zaloProxy.unacknowledged();
  const zaloTexts = (to: string) => zalo.delivered(to).map((m) => m.text);

  it("5xx, HTML error pages, resets and 429 on all three platforms: every message arrives exactly once", async () => {
    const unackBefore = unacknowledged();
    const [a, b] = [nextId(), nextId()];
    const oaUser = String(4_680_000_000_000_000_000n + BigInt(nextId()));
    const botChat = `bot${nextId()}`;
    tg.failNext(a, { type: "server_error" }, 2);
    tg.failNext(b, { type: "bad_gateway_html" });
    tg.failNext(b, { type: "rate_limited", retryAfter: 1 });
    zalo.failNext(oaUser, 503, 2);
    zalo.failBotNext(botChat, 500);
    zaloProxy.fail({ type: "reset" }, 1, "sendMessage");
    const texts = (who: string) => [1, 2, 3].map((i) => `Tin ${i} cho ${who}`);
    const ids = [
      ...(await push(`telegram:${a}`, texts("A"))), ...(await push(`telegram:${b}`, texts("B"))),
      ...(await push(`zalo:${oaUser}`, texts("OA"))), ...(await push(`zalo-bot:${botChat}`, texts("BOT"))),
    ];
    await waitFor(() => settled(ids), 20_000, "all settled");
    const final = await rows(ids);
    expect(final.map((r) => r.status)).toEqual(Array(12).fill("sent"));
    // Each at least once; more only for calls the platform handled after the sender had given up (the in-flight
    // window; on a quiet machine there are none and every message arrives exactly once). Order within a chat is not
    // promised around a retried message.
    const delivered = [...tgTexts(a), ...tgTexts(b), ...zaloTexts(oaUser), ...zaloTexts(botChat)];
    expect(new Set(delivered)).toEqual(new Set([...texts("A"), ...texts("B"), ...texts("OA"), ...texts("BOT")]));
    expect(delivered.length - 12).toBe(unacknowledged() - unackBefore);
    // The failures were real: more attempts than messages.
    expect(final.reduce((n, r) => n + r.attempts, 0)).toBeGreaterThanOrEqual(12 + 2 + 2 + 2 + 1);
  });

  it("a platform that never answers (retried, arrives once) and one that accepted but never answered (the in-flight window: one extra copy per such timeout)", async () => {
    const hungChat = nextId();
    const acceptedChat = `bot${nextId()}`;
    const [tgBefore, zaloBefore] = [tgProxy.unacknowledged(), zaloProxy.unacknowledged()];
    const hangsBefore = tgProxy.log.filter((l) => l.fault === "hang").length;
    tgProxy.fail({ type: "hang" }, 1, "/sendMessage");
    zaloProxy.fail({ type: "forward_then_hang" }, 1, "/sendMessage");
    const ids = [...(await push(`telegram:${hungChat}`, ["Nhắc hạn qua mạng chập chờn"])), ...(await push(`zalo-bot:${acceptedChat}`, ["Một tin Zalo"]))];
    await waitFor(() => settled(ids), 20_000, "settled after the faults");
    await settle(100);
    expect(tgProxy.log.filter((l) => l.fault === "hang").length - hangsBefore).toBe(1);
    expect(zaloProxy.unacknowledged() - zaloBefore).toBeGreaterThanOrEqual(1);
    // Never answered: the platform did nothing, so exactly one copy (plus one per late answer on a very slow machine).
    expect(tgTexts(hungChat)).toEqual(Array(1 + tgProxy.unacknowledged() - tgBefore).fill("Nhắc hạn qua mạng chập chờn"));
    // Accepted but never answered: the retry sends it again; exactly 1 + the number of such timeouts.
    expect(zaloTexts(acceptedChat)).toEqual(Array(1 + zaloProxy.unacknowledged() - zaloBefore).fill("Một tin Zalo"));
    const final = await rows(ids);
    expect(final.map((r) => r.status)).toEqual(["sent", "sent"]);
    expect(final.every((r) => r.attempts >= 2)).toBe(true);
  });
}
