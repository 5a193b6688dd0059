/**
 * A turn's replies are stored already claimed and handed straight to the outbox sender (no claim round trip), and
 * still keep each recipient's order with what the pump claims: an answer never overtakes the message before it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SendError, type ChannelAddress, type ChannelSender, type OutboundMessage } from "../../../src/conversation/channel-port";
import { inboundRef } from "../../../src/conversation/inbound-processor";
import { createOutboxDispatcher, type OutboxDispatcher } from "../../../src/delivery/outbox-dispatcher";
import { systemClock } from "../../../src/shared/clock";
import { createLogger } from "../../../src/shared/logger";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import { createPrismaInboundStore } from "../../../src/storage/prisma-inbound-store";
import { createPrismaOutboxRepository } from "../../../src/storage/prisma-outbox-repository";
import { FAST_LIMITS, waitFor } from "../../helpers/e2e-server";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db";

/** A Telegram-like sender that records what it sent, in order, and can be told to hold a message or to fail. */
function recordingSender() {
  const sent: string[] = [];
  const held = new Map<string, Promise<void>>();
  const failOnce = new Set<string>();
  const sender: ChannelSender = {
    channel: "telegram", maxTextLength: 4096, supportsButtons: true,
    async send(_to: ChannelAddress, m: OutboundMessage) {
      await held.get(m.text);
      if (failOnce.delete(m.text)) throw new SendError("rate_limited", "429", 150);
      sent.push(m.text);
      return { externalId: String(sent.length) };
    },
  };
  /** Holds the send of this text until the returned function is called. */
  const hold = (text: string) => {
    let release = () => undefined as void;
    held.set(text, new Promise<void>((r) => (release = r)));
    return () => release();
  };
  return { sender, sent, hold, failOnce };
}

describe.each(testDbKinds())("reply hand-off on %s", (kind) => {
  let tdb: TestDb;
  let db: Db;
  let outbox: OutboxDispatcher;
  let platform: ReturnType<typeof recordingSender>;
  let n = 0;
  beforeAll(async () => {
    tdb = await createTestDb(kind);
    db = createDb(tdb.url);
    platform = recordingSender();
    outbox = createOutboxDispatcher({
      repo: createPrismaOutboxRepository(db), senders: new Map([["telegram", platform.sender]]), clock: systemClock,
      logger: createLogger({ level: "silent" }), holderId: "me", limits: FAST_LIMITS,
    });
  });
  afterAll(async () => {
    await outbox.stop();
    await db.$disconnect();
    await tdb.drop();
  });

  /** Stores an update and ends its turn with these replies, claimed for this sender; returns the claimed rows. */
  async function turn(chat: string, texts: string[]) {
    const store = createPrismaInboundStore(db);
    const now = new Date();
    const msg = { updateId: `telegram:${++n}`, address: { channel: "telegram" as const, chatId: chat }, userId: chat, text: "x", receivedAt: now };
    await store.record(msg, {}, { now, lockMs: 60_000 });
    const replies = texts.map((text, i) => ({ dedupeKey: `reply:${msg.updateId}:${i}`, recipient: `telegram:${chat}`, kind: "reply", message: { text } }));
    return store.finish(inboundRef(msg), now, { replies, claimReplies: { holder: outbox.holderId, until: new Date(now.getTime() + outbox.lockMs) } });
  }

  it("takes replies only while running and only for channels it sends on", async () => {
    expect(outbox.adopts("telegram")).toBe(false);
    outbox.start(10_000); // a long poll: whatever is sent below was handed over or kicked, not polled
    expect(outbox.adopts("telegram")).toBe(true);
    expect(outbox.adopts("zalo")).toBe(false);
  });

  it("sends adopted replies without claiming them, marks them sent, and keeps a recipient's order with the pump", async () => {
    // A reminder the pump claims first, held on the platform; the chat's answer is handed over meanwhile.
    const release = platform.hold("reminder");
    await createPrismaOutboxRepository(db).enqueue({ dedupeKey: "rem:1", recipient: "telegram:77", kind: "reminder", message: { text: "reminder" } }, new Date());
    outbox.kick();
    await waitFor(async () => (await db.delivery.findFirst({ where: { dedupeKey: "rem:1" } }))?.status === "sending", 5000, "reminder claimed");
    const claimed = await turn("77", ["answer 1", "answer 2"]);
    expect(claimed).toHaveLength(2);
    outbox.adopt(claimed);
    // Another chat's answer is not held up by chat 77's pending reminder; chat 77's answers are.
    outbox.adopt(await turn("78", ["other chat"]));
    await waitFor(() => platform.sent.includes("other chat"), 5000, "the other chat's answer");
    await new Promise((r) => setTimeout(r, 100));
    expect(platform.sent).toEqual(["other chat"]);
    release();
    await waitFor(() => platform.sent.length === 4, 5000, `4 sent: ${platform.sent}`);
    expect(platform.sent).toEqual(["other chat", "reminder", "answer 1", "answer 2"]);
    // Marked sent shortly after (sent marks are committed in small batches), each after one attempt.
    const rows = await waitFor(async () => {
      const all = await db.delivery.findMany({ where: { recipient: { in: ["telegram:77", "telegram:78"] } } });
      return all.every((r) => r.status === "sent") ? all : undefined;
    }, 2000, "rows marked sent");
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([0, 1, 2, 3].map(() => ["sent", 1]));
  });

  it("a handed-over reply that meets a 429 is retried after retry_after, after which the chat's next answer follows", async () => {
    platform.failOnce.add("first");
    const before = platform.sent.length;
    outbox.adopt(await turn("79", ["first"]));
    outbox.adopt(await turn("79", ["second"]));
    await waitFor(() => platform.sent.length === before + 2, 5_000);
    expect(platform.sent.slice(before)).toEqual(["first", "second"]);
  });
});
