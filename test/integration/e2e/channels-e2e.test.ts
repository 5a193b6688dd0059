/**
 * Issue 3 "done when", part 1: through the real webhook routes of a started bot, against the fake platforms, each
 * kind of chat links with an invite code, gets help and receives a pushed reminder; redeliveries have one effect;
 * forged deliveries change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../../src/i18n/i18n";
import { testDbKinds } from "../../helpers/test-db";
import { getJson, nextId, startE2e, tgText, waitFor, zaloBotText, zaloText, type E2eServer } from "../../helpers/e2e-server";

const t = createTranslator("vi");
/** The catalog text as a person reads it (bold markers dropped). */
const say = (key: string, params?: Record<string, string | number>) => t(key, params).replace(/\*\*/g, "");
/** Time given to background processing before asserting that something did NOT happen. */
const SETTLE_MS = 400;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

describe.each(testDbKinds())("channels end to end on %s", (kind) => {
  let e: E2eServer;
  beforeAll(async () => {
    e = await startE2e(kind);
  });
  afterAll(async () => {
    await e?.stop();
  });

  /** Pushes a reminder-style message through the outbox and returns its text. */
  async function push(recipient: string): Promise<string> {
    const text = `Nhắc hạn: báo cáo quý I còn 3 ngày (${recipient})`;
    await e.runtime.outboxRepo.enqueue({ dedupeKey: `e2e:${recipient}:${nextId()}`, recipient, kind: "reminder", message: { text } }, new Date());
    e.runtime.outboxDispatcher.kick();
    return text;
  }

  it("a private Telegram chat links with an invite code, gets help and receives a reminder", async () => {
    const user = 5_100_000_001;
    expect((await e.postTelegram(tgText({ userId: user, text: "/trogiup" }))).status).toBe(200);
    await waitFor(() => e.tgTexts(user).length === 1, 5000, "unlinked help");
    expect(e.tgTexts(user)[0]).toBe(say("core.help_unlinked"));

    const { code } = await e.invite("H-RACHGIA");
    await e.postTelegram(tgText({ userId: user, text: `/start ${code}` }));
    await waitFor(() => e.tgTexts(user).length === 3, 5000, "link replies");
    expect(e.tgTexts(user)[1]).toContain("Lê Văn Cán");
    expect(e.tgTexts(user)[1]).toContain("UBND thành phố Rạch Giá");
    expect(e.tgTexts(user)[2]).toBe(say("core.help"));

    await e.postTelegram(tgText({ userId: user, text: "/trogiup" }));
    await waitFor(() => e.tgTexts(user).length === 4, 5000, "linked help");
    expect(e.tgTexts(user)[3]).toBe(say("core.help"));

    const text = await push(`telegram:${user}`);
    await waitFor(() => e.tgTexts(user).length === 5, 5000, "reminder");
    expect(e.tgTexts(user)[4]).toBe(text);
    // Replies really went through the Bot API wire format, as HTML.
    expect(e.tg.delivered(user).every((m) => m.method === "sendMessage" && m.parseMode === "HTML")).toBe(true);
  });

  it("a Telegram group is bound with /ganhom by an officer of that unit, gets help and receives a reminder", async () => {
    const officer = 5_100_000_002;
    const outsider = 5_100_000_003;
    const group = -4_100_000_002;
    const own = await e.invite("H-RACHGIA", "unit_head");
    await e.postTelegram(tgText({ userId: officer, text: `/start ${own.code}` }));
    const other = await e.invite("H-HATIEN");
    await e.postTelegram(tgText({ userId: outsider, text: `/start ${other.code}` }));
    await waitFor(() => e.tgTexts(officer).length === 2 && e.tgTexts(outsider).length === 2, 5000, "both linked");

    // An officer of another unit may not bind the group to Rạch Giá.
    await e.postTelegram(tgText({ userId: outsider, groupId: group, text: "/ganhom@ThiDuaTestBot H-RACHGIA" }));
    await waitFor(() => e.tgTexts(group).length === 1, 5000, "refusal");
    expect(e.tgTexts(group)[0]).toBe(say("core.bind_forbidden"));
    expect(await e.runtime.accounts.findGroup("telegram", String(group))).toBeNull();

    await e.postTelegram(tgText({ userId: officer, groupId: group, text: "/ganhom@ThiDuaTestBot H-RACHGIA" }));
    await waitFor(() => e.tgTexts(group).length === 2, 5000, "bound");
    expect(e.tgTexts(group)[1]).toBe(say("core.bound_unit", { name: "UBND thành phố Rạch Giá" }));
    const bound = await e.runtime.accounts.findGroup("telegram", String(group));
    expect(bound).toMatchObject({ unitId: e.runtime.org.unitByCode("H-RACHGIA")!.id, active: true });

    await e.postTelegram(tgText({ userId: officer, groupId: group, text: "/trogiup" }));
    await waitFor(() => e.tgTexts(group).length === 3, 5000, "group help");
    expect(e.tgTexts(group)[2]).toBe(say("core.help"));

    const text = await push(`telegram:g:${group}`);
    await waitFor(() => e.tgTexts(group).length === 4, 5000, "group reminder");
    expect(e.tgTexts(group)[3]).toBe(text);
  });

  it("a Zalo OA user (signed webhook) links with a bare code, gets help with the word trogiup and receives a reminder", async () => {
    const user = "4680982613400000001";
    expect((await e.postZalo(zaloText({ appId: e.zalo.appId, userId: user, text: "trogiup" }))).status).toBe(200);
    await waitFor(() => e.zaloTexts(user).length === 1, 5000, "unlinked help");
    expect(e.zaloTexts(user)[0]).toBe(say("core.help_unlinked"));

    const { code } = await e.invite("H-HATIEN");
    await e.postZalo(zaloText({ appId: e.zalo.appId, userId: user, text: code }));
    await waitFor(() => e.zaloTexts(user).length === 3, 5000, "link replies");
    expect(e.zaloTexts(user)[1]).toContain("Võ Thị Hà");
    expect(e.zaloTexts(user)[2]).toBe(say("core.help"));

    await e.postZalo(zaloText({ appId: e.zalo.appId, userId: user, text: "Trợ giúp" }));
    await waitFor(() => e.zaloTexts(user).length === 4, 5000, "linked help (with diacritics)");
    expect(e.zaloTexts(user)[3]).toBe(say("core.help"));

    const text = await push(`zalo:${user}`);
    await waitFor(() => e.zaloTexts(user).length === 5, 5000, "reminder");
    expect(e.zaloTexts(user)[4]).toBe(text);
    expect(e.zalo.delivered(user).every((m) => m.endpoint === "/v3.0/oa/message/cs")).toBe(true);
  });

  it("a Zalo Bot user (secret header) links, gets help and receives a reminder", async () => {
    const chat = "6ede9afa66b88fe6d6a90001";
    expect((await e.postZaloBot(zaloBotText({ chatId: chat, text: "trogiup" }))).status).toBe(200);
    await waitFor(() => e.zaloTexts(chat).length === 1, 5000, "unlinked help");
    expect(e.zaloTexts(chat)[0]).toBe(say("core.help_unlinked"));

    const { code } = await e.invite("BAN-TDKT", "board");
    await e.postZaloBot(zaloBotText({ chatId: chat, text: code.toLowerCase() }));
    await waitFor(() => e.zaloTexts(chat).length === 3, 5000, "link replies");
    expect(e.zaloTexts(chat)[1]).toContain("Trần Thị Ban");

    await e.postZaloBot(zaloBotText({ chatId: chat, text: "trogiup" }));
    await waitFor(() => e.zaloTexts(chat).length === 4, 5000, "linked help");
    expect(e.zaloTexts(chat)[3]).toBe(say("core.help"));

    const text = await push(`zalo-bot:${chat}`);
    await waitFor(() => e.zaloTexts(chat).length === 5, 5000, "reminder");
    expect(e.zaloTexts(chat)[4]).toBe(text);
    expect(e.zalo.delivered(chat).every((m) => m.endpoint === "sendMessage")).toBe(true);
  });

  it("the same update delivered 3× concurrently has one effect on every channel", async () => {
    const tgUser = 5_100_000_010;
    const zaloUser = "4680982613400000010";
    const botChat = "6ede9afa66b88fe6d6a90010";
    const before = await e.storedUpdates();
    const tg = tgText({ userId: tgUser, text: "/trogiup" });
    const oa = zaloText({ appId: e.zalo.appId, userId: zaloUser, text: "trogiup" });
    const bot = zaloBotText({ chatId: botChat, text: "trogiup" });
    const answers = await Promise.all([
      ...[1, 2, 3].map(() => e.postTelegram(tg)),
      ...[1, 2, 3].map(() => e.postZalo(oa)),
      ...[1, 2, 3].map(() => e.postZaloBot(bot)),
    ]);
    expect(answers.map((r) => r.status)).toEqual(Array(9).fill(200));
    await waitFor(() => e.tgTexts(tgUser).length >= 1 && e.zaloTexts(zaloUser).length >= 1 && e.zaloTexts(botChat).length >= 1, 5000, "replies");
    await settle();
    expect(e.tgTexts(tgUser)).toEqual([say("core.help_unlinked")]);
    expect(e.zaloTexts(zaloUser)).toEqual([say("core.help_unlinked")]);
    expect(e.zaloTexts(botChat)).toEqual([say("core.help_unlinked")]);
    expect(await e.storedUpdates()).toBe(before + 3);
  });

  it("a wrong secret or a bad signature changes nothing: no stored update, no reply", async () => {
    const tgUser = 5_100_000_020;
    const zaloUser = "4680982613400000020";
    const botChat = "6ede9afa66b88fe6d6a90020";
    const before = await e.storedUpdates();
    const tg = tgText({ userId: tgUser, text: "/trogiup" });
    expect((await e.postTelegram(tg, "wrong-secret")).status).toBe(401);
    expect((await e.postTelegram(tg, null)).status).toBe(401);
    // Zalo's rule: answer 200 (or the webhook gets disabled) but do not process.
    expect((await e.postZalo(zaloText({ appId: e.zalo.appId, userId: zaloUser, text: "trogiup" }), { badSignature: true })).status).toBe(200);
    expect((await e.postZaloBot(zaloBotText({ chatId: botChat, text: "trogiup" }), "wrong")).status).toBe(401);
    expect((await e.postZaloBot(zaloBotText({ chatId: botChat, text: "trogiup" }), null)).status).toBe(401);
    await settle();
    expect(await e.storedUpdates()).toBe(before);
    expect(e.tgTexts(tgUser)).toEqual([]);
    expect(e.zaloTexts(zaloUser)).toEqual([]);
    expect(e.zaloTexts(botChat)).toEqual([]);
    expect(await e.runtime.accounts.findAccount("telegram", String(tgUser))).toBeNull();
    const health = await getJson<{ webhooks: Record<string, number> }>(`${e.url}/healthz`);
    expect(health.webhooks).toMatchObject({ "telegram.bad_secret": 2, "zalo.bad_signature": 1, "zalo-bot.bad_secret": 2 });
  });
});
