/**
 * Issue 3 "done when", part 2: what the platforms throw back at a started bot. 429 retry_after is honoured exactly;
 * a blocked user does not stop a 1,000-message batch; a group migrated to a supergroup is remapped (both when the
 * service message arrives and when a send discovers it); an expired Zalo token costs one refresh and one retry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewDelivery } from "../../../src/delivery/outbox";
import { testDbKinds } from "../../helpers/test-db";
import { getJson, nextId, startE2e, tgText, waitFor, type E2eServer } from "../../helpers/e2e-server";

describe.each(testDbKinds())("delivery end to end on %s", (kind) => {
  let e: E2eServer;
  beforeAll(async () => {
    e = await startE2e(kind);
  });
  afterAll(async () => {
    await e?.stop();
  });

  const delivery = (recipient: string, text: string, prefix = "e2e"): NewDelivery => ({ dedupeKey: `${prefix}:${nextId()}`, recipient, kind: "reminder", message: { text } });
  async function push(recipient: string, text: string): Promise<string> {
    const { id } = await e.runtime.outboxRepo.enqueue(delivery(recipient, text), new Date());
    e.runtime.outboxDispatcher.kick();
    return id;
  }
  const row = (id: string) => e.runtime.db.delivery.findUniqueOrThrow({ where: { id } });
  /** The row once it has left the in-flight states (the fake sees a message just before the row is marked). */
  const settledRow = (id: string) => waitFor(async () => {
    const r = await row(id);
    return ["sent", "dead", "unreachable"].includes(r.status) ? r : null;
  }, 5000, `delivery ${id} settled`, 50);
  const sendsTo = (chat: number | string) => e.tg.requests.filter((r) => r.path.endsWith("/sendMessage") && String(r.body.chat_id) === String(chat));

  /** Links a Telegram user through the webhook (so a channel account exists) and waits for the two link replies. */
  async function linkTelegram(user: number, unit = "H-RACHGIA", role = "officer") {
    const { code } = await e.invite(unit, role);
    await e.postTelegram(tgText({ userId: user, text: `/start ${code}` }));
    await waitFor(() => e.tgTexts(user).length >= 2, 5000, "link replies");
  }

  it("a 429 with retry_after delays that message exactly retry_after, then it is delivered once", async () => {
    const chat = 5_200_000_001;
    e.tg.failNext(chat, { type: "rate_limited", retryAfter: 1 });
    const id = await push(`telegram:${chat}`, "Nhắc hạn sau 429");
    const retry = await waitFor(async () => {
      const r = await row(id);
      return r.status === "retry" ? r : null;
    }, 5000, "retry scheduled", 20);
    const seenRetryAt = Date.now();
    const [first] = sendsTo(chat);
    const firstAt = e.tgArrival(first!)!;
    // nextAttemptAt = (the moment the 429 was handled) + retry_after, and that moment lies between the fake
    // receiving the call and us seeing the row in "retry".
    const handledAt = retry.nextAttemptAt.getTime() - 1000;
    expect(handledAt).toBeGreaterThanOrEqual(firstAt);
    expect(handledAt).toBeLessThanOrEqual(seenRetryAt);
    expect(retry.lastError).toContain("429");

    await waitFor(() => e.tgTexts(chat).length === 1, 5000, "delivered after retry");
    const [, second] = sendsTo(chat);
    const secondAt = e.tgArrival(second!)!;
    expect(secondAt).toBeGreaterThanOrEqual(retry.nextAttemptAt.getTime());
    // Retried when due: the loop wakes for it (typically 20-130 ms late here, the time to claim and send on a loaded
    // machine); the bound is loose because a shared 2-core CI box stalls a process for half a second now and then.
    expect(secondAt - retry.nextAttemptAt.getTime()).toBeLessThan(1000);
    expect(sendsTo(chat)).toHaveLength(2);
    expect(await settledRow(id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("a blocked user (403) does not stop a 1,000-message batch", async () => {
    const blocked = 5_200_000_100;
    await linkTelegram(blocked);
    e.tg.failNext(blocked, { type: "blocked" });
    const chats = Array.from({ length: 333 }, (_, i) => 5_300_000_000 + i);
    const batch: NewDelivery[] = [];
    for (let i = 0; i < 999; i++) {
      batch.push(delivery(`telegram:${chats[i % chats.length]}`, `Nhắc hạn #${i}`, "batch"));
      if (i === 499) batch.push(delivery(`telegram:${blocked}`, "Nhắc hạn cho người đã chặn bot", "batch"));
    }
    expect(batch).toHaveLength(1000);
    expect(await e.runtime.outboxRepo.enqueueMany(batch, new Date())).toBe(1000);
    e.runtime.outboxDispatcher.kick();
    // (SQLite caps bound parameters, so the batch is selected by its key prefix rather than a 1,000-key IN list.)
    const inBatch = { dedupeKey: { startsWith: "batch:" } };
    const settled = () => e.runtime.db.delivery.count({ where: { ...inBatch, status: { in: ["sent", "unreachable"] } } });
    await waitFor(async () => (await settled()) === 1000, 40_000, "batch settled", 250);

    const statuses = await e.runtime.db.delivery.groupBy({ by: ["status"], where: inBatch, _count: { _all: true } });
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count._all]))).toEqual({ sent: 999, unreachable: 1 });
    const dead = await e.runtime.db.delivery.findFirstOrThrow({ where: { ...inBatch, status: "unreachable" } });
    expect(dead.recipient).toBe(`telegram:${blocked}`);
    expect(dead.lastError).toContain("403");
    const account = await e.runtime.accounts.findAccount("telegram", String(blocked));
    expect(account?.unreachableAt).toBeInstanceOf(Date);

    // Every other message arrived exactly once. (Order per chat is kept on the happy path; a message whose first
    // attempt hit a transient error, e.g. a reset keep-alive socket on a loaded machine, goes out on its retry.)
    for (const [i, chat] of chats.entries()) {
      expect(e.tgTexts(chat).sort()).toEqual([`Nhắc hạn #${i}`, `Nhắc hạn #${i + 333}`, `Nhắc hạn #${i + 666}`].sort());
    }
    expect(e.tgTexts(blocked)).toHaveLength(2); // only the two link replies from before the block
  }, 60_000);

  it("a group migrated to a supergroup is remapped: by the service message, and by a send that finds out", async () => {
    const officer = 5_200_000_200;
    await linkTelegram(officer, "H-RACHGIA", "unit_head");
    const [groupA, superA] = [-4_200_000_001, -1_002_200_000_001];
    const [groupB, superB] = [-4_200_000_002, -1_002_200_000_002];
    for (const g of [groupA, groupB]) {
      await e.postTelegram(tgText({ userId: officer, groupId: g, text: "/ganhom H-RACHGIA" }));
      await waitFor(() => e.tgTexts(g).length === 1, 5000, "group bound");
    }
    const unitId = e.runtime.org.unitByCode("H-RACHGIA")!.id;

    // 1. Telegram tells us in the old group (message.migrate_to_chat_id).
    const migrate = tgText({ userId: officer, groupId: groupA, text: "" }) as { message: Record<string, unknown> };
    delete migrate.message.text;
    migrate.message.migrate_to_chat_id = superA;
    expect((await e.postTelegram(migrate)).status).toBe(200);
    await waitFor(async () => (await e.runtime.accounts.findGroup("telegram", String(superA))) !== null, 5000, "group A remapped", 50);
    expect(await e.runtime.accounts.findGroup("telegram", String(superA))).toMatchObject({ unitId, active: true });
    expect(await e.runtime.accounts.findGroup("telegram", String(groupA))).toBeNull();

    // 2. We learn it from a send: 400 with migrate_to_chat_id → remap the group, resend to the new chat.
    e.tg.failNext(groupB, { type: "migrated", newChatId: superB });
    const id = await push(`telegram:g:${groupB}`, "Nhắc hạn cho nhóm");
    await waitFor(() => e.tgTexts(superB).length === 1, 5000, "delivered to the supergroup");
    expect(e.tgTexts(superB)).toEqual(["Nhắc hạn cho nhóm"]);
    expect(await settledRow(id)).toMatchObject({ status: "sent", recipient: `telegram:g:${superB}` });
    expect(await e.runtime.accounts.findGroup("telegram", String(superB))).toMatchObject({ unitId, active: true });
    expect(await e.runtime.accounts.findGroup("telegram", String(groupB))).toBeNull();
  });

  it("an expired Zalo OA token costs exactly one refresh and one retry", async () => {
    const user = "4680982613400000300";
    // First send: the env-seeded pair has an unknown expiry, so it is refreshed once up front.
    await push(`zalo:${user}`, "Tin thứ nhất");
    await waitFor(() => e.zaloTexts(user).length === 1, 5000, "first send");
    const tokenCallsBefore = e.zalo.tokenCalls();
    const sendsBefore = e.zalo.requests.filter((r) => r.path === "/v3.0/oa/message/cs").length;

    e.zalo.expireAccessTokens();
    const id = await push(`zalo:${user}`, "Tin sau khi token hết hạn");
    await waitFor(() => e.zaloTexts(user).length === 2, 5000, "second send");
    expect(e.zaloTexts(user)).toEqual(["Tin thứ nhất", "Tin sau khi token hết hạn"]);
    expect(e.zalo.tokenCalls() - tokenCallsBefore).toBe(1);
    const sends = e.zalo.requests.filter((r) => r.path === "/v3.0/oa/message/cs").slice(sendsBefore);
    expect(sends).toHaveLength(2); // the rejected one and the retry with the new token
    expect(sends[0]!.headers.access_token).not.toBe(sends[1]!.headers.access_token);
    expect(await settledRow(id)).toMatchObject({ status: "sent", attempts: 1 });
    const health = await getJson<{ channels: { zalo: { token: { state: string } } } }>(`${e.url}/healthz`);
    expect(health.channels.zalo.token.state).toBe("ok");
  });
});
