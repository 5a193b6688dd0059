/**
 * Across instances, an update waits while an earlier one of its conversation is unfinished elsewhere, but not
 * forever: an instance that died holding the earlier one must not silence the chat for the two minutes its claim lasts.
 */
import { describe, expect, it } from "vitest";
import type { InboundMessage } from "../../../src/conversation/channel-port";
import { createInboundProcessor, type InboundStore, type TurnOutcome } from "../../../src/conversation/inbound-processor";
import { createFixedClock } from "../../../src/shared/clock";
import { createLogger } from "../../../src/shared/logger";

function memoryStore(blockedFor: (updateId: string) => boolean, earlierOf: (updateId: string) => string[] = () => ["held-elsewhere"]) {
  const finished: { updateId: string; outcome: TurnOutcome }[] = [];
  let checks = 0;
  const store: InboundStore = {
    record: async () => "accepted",
    claim: async () => true,
    finish: async (ref, _now, outcome) => {
      finished.push({ updateId: ref.updateId, outcome });
      return [];
    },
    unfinished: async () => [],
    begin: async (msg, { checkOrder }) => {
      if (checkOrder) checks++;
      const account = { id: "a", platform: "telegram", externalId: msg.userId, chatId: msg.userId, officerId: null, locale: null, lastInteractionAt: null, unreachableAt: null };
      return { account, session: null, earlierUnfinished: checkOrder && blockedFor(msg.updateId) ? earlierOf(msg.updateId) : [] };
    },
  };
  return { store, finished, checks: () => checks };
}

const message = (n: number): InboundMessage => ({ updateId: `u${n}`, address: { channel: "telegram", chatId: "1" }, userId: "1", text: `m${n}`, receivedAt: new Date() });

describe("conversation order across instances", () => {
  function processor(store: InboundStore, sleeps: number[], orderAcrossInstances = true) {
    return createInboundProcessor({
      store, handle: async (m) => ({ replies: [{ text: `re ${m.text}` }] }), kickOutbox: () => undefined,
      clock: createFixedClock("2026-03-02T02:00:00Z"), logger: createLogger({ level: "silent" }), defaultLocale: "vi", flood: null,
      orderAcrossInstances, orderWaitMs: 1000,
      sleep: async (ms) => void sleeps.push(ms),
    });
  }

  it("waits, backing off, while the earlier update is unfinished, then handles it", async () => {
    let unfinishedChecks = 3;
    const mem = memoryStore(() => unfinishedChecks-- > 0);
    const sleeps: number[] = [];
    await processor(mem.store, sleeps).acceptAndWait(message(1));
    expect(sleeps).toEqual([20, 40, 80]);
    expect(mem.finished.map((f) => [f.updateId, f.outcome.replies[0]?.message.text, f.outcome.error])).toEqual([["u1", "re m1", undefined]]);
  });

  it("goes ahead after the longest wait (the earlier one's holder may be dead), still answering", async () => {
    const mem = memoryStore(() => true);
    const sleeps: number[] = [];
    await processor(mem.store, sleeps).acceptAndWait(message(2));
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(2000);
    expect(mem.finished.map((f) => f.updateId)).toEqual(["u2"]);
  });

  it("does not wait for an earlier update queued behind it in this same process (it would wait for itself)", async () => {
    // u1 was stored first but queued second (both arrived at the same moment); u2 sees u1 unfinished.
    const mem = memoryStore((id) => id === "u2" && !mem.finished.some((f) => f.updateId === "u1"), () => ["u1"]);
    const sleeps: number[] = [];
    const p = processor(mem.store, sleeps);
    await Promise.all([p.accept(message(2), null), p.accept(message(1), null)]);
    await p.idle();
    expect(sleeps).toEqual([]);
    expect(mem.finished.map((f) => f.updateId)).toEqual(["u2", "u1"]);
  });

  it("does not check the order on a single instance (SQLite)", async () => {
    const mem = memoryStore(() => true);
    const sleeps: number[] = [];
    await processor(mem.store, sleeps, false).acceptAndWait(message(3));
    expect(mem.checks()).toBe(0);
    expect(sleeps).toEqual([]);
    expect(mem.finished).toHaveLength(1);
  });
});
