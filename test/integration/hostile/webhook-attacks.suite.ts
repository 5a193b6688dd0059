/**
 * Promise: whatever arrives on the webhook routes, the bot answers with a clear status (400 unreadable, 401 wrong
 * secret, 413 too large; Zalo OA: 200 but ignored when unsigned), never 500, never stores a forged or unreadable
 * delivery, and keeps serving. A replayed delivery (the same update again, or the same button pressed again) has one
 * effect. Runs the real started bot (all three webhook routes) against the fake platforms.
 */
import { beforeAll, expect, it } from "vitest";
import { createTranslator } from "../../../src/i18n/i18n";
import { signedZaloDelivery } from "../../fakes/fake-zalo-server";
import { nextId, post, tgText, waitFor, zaloBotText, zaloText, TG_SECRET, ZALO_BOT_SECRET, ZALO_OA_SECRET_KEY } from "../../helpers/e2e-server";
import { linkTelegram, rawRequest, settle, tableCounts, tgCallback, type PlanE2e } from "./promise-kit";

const t = createTranslator("vi");
const plainKey = (key: string) => t(key).replace(/\*\*/g, "");

/** Bodies that are not a JSON object, as bytes: every route must answer 400 without storing anything. */
const NOT_AN_OBJECT: [string, Buffer][] = [
  ["empty", Buffer.alloc(0)],
  ["truncated", Buffer.from('{"update_id": 1, "message": {')],
  ["null", Buffer.from("null")],
  ["number", Buffer.from("42")],
  ["string", Buffer.from('"hello"')],
  ["binary", Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x7b, 0x80, 0x81])],
  ["invalid utf-8 inside a string", Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('"')])],
  ["1e309 at top level", Buffer.from("1e309")],
];

/** Readable JSON that is no update at all: acknowledged (200, ignored) or refused (400), never stored, never 500. */
const ODD_JSON: [string, Buffer][] = [
  ["deeply nested array", Buffer.from(`${"[".repeat(60_000)}${"]".repeat(60_000)}`)],
  ["deeply nested object", Buffer.from(`${'{"a":'.repeat(40_000)}1${"}".repeat(40_000)}`)],
  ["40-digit update id", Buffer.from(`{"update_id": ${"9".repeat(40)}, "message": {"message_id": 1, "date": 1, "text": "x"}}`)],
];

/** JSON objects of the wrong shape: acknowledged (200) or refused (400), never stored, never 500. */
const WRONG_SHAPE: unknown[] = [
  {},
  [1, 2, 3],
  { update_id: "abc", message: { text: 5 } },
  { update_id: 1e309 },
  { update_id: Number.MAX_SAFE_INTEGER + 2, message: { message_id: -1, date: "x", chat: { id: {}, type: "private" } } },
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } }, update_id: 5 },
  { ok: true, result: { event_name: "message.text.received", message: { chat: null, text: ["x"] } } },
  { event_name: "user_send_text", sender: { id: 12 }, message: { text: { $gt: "" }, msg_id: null }, timestamp: "NaN" },
  { event_name: "user_send_text", app_id: "1", sender: { id: "1".repeat(40) }, message: { text: "a".repeat(100_000), msg_id: "m" }, timestamp: "1e309" },
];

/** The webhook attacks, against a bot started by the caller (hostile.test.ts). */
export function webhookAttackTests(server: () => PlanE2e): void {
  let e: PlanE2e;
  const routes = (): { name: string; path: string; headers: Record<string, string> }[] => [
    { name: "telegram", path: "/webhooks/telegram", headers: { "x-telegram-bot-api-secret-token": TG_SECRET } },
    { name: "zalo-bot", path: "/webhooks/zalo-bot", headers: { "x-bot-api-secret-token": ZALO_BOT_SECRET } },
    { name: "zalo", path: "/webhooks/zalo", headers: { "x-zevent-signature": `mac=${"0".repeat(64)}` } },
  ];
  beforeAll(() => {
    e = server();
  });

  async function stillServing(): Promise<void> {
    const health = await post(`${e.url}/healthz`, "", {}, "GET");
    expect(health.status).toBe(200);
    const user = nextId();
    expect((await e.postTelegram(tgText({ userId: user, text: "/trogiup" }))).status).toBe(200);
    await waitFor(() => e.tgTexts(user).length === 1, 10_000, "help after hostile traffic");
  }

  it("unreadable bodies get 400 on every route, wrong shapes 200 or 400, never 500; nothing is stored", async () => {
    const before = await tableCounts(e.runtime.db);
    for (const r of routes()) {
      for (const [label, body] of NOT_AN_OBJECT) {
        const res = await post(`${e.url}${r.path}`, body, r.headers);
        expect(res.status, `${r.name} ${label}`).toBe(400);
      }
      for (const [label, body] of ODD_JSON) {
        const res = await post(`${e.url}${r.path}`, body, r.headers);
        expect([200, 400], `${r.name} ${label}`).toContain(res.status);
      }
      for (const body of WRONG_SHAPE) {
        const res = await post(`${e.url}${r.path}`, JSON.stringify(body), r.headers);
        expect([200, 400], `${r.name} ${JSON.stringify(body).slice(0, 60)}`).toContain(res.status);
      }
    }
    await settle();
    expect(await tableCounts(e.runtime.db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillServing();
  });

  it("oversized bodies get 413 (streamed ones are cut off), a wrong secret is refused before any byte is read", async () => {
    const before = await tableCounts(e.runtime.db);
    const big = JSON.stringify(tgText({ userId: 1, text: "x".repeat(300 * 1024) }));
    for (const r of routes()) {
      expect((await post(`${e.url}${r.path}`, big, r.headers)).status, r.name).toBe(413);
      // 2 MB streamed in 64 KB chunks without a length: refused (413) or the socket closed, and never buffered whole.
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const streamed = await rawRequest(`${e.url}${r.path}`, { headers: { ...r.headers, "content-type": "application/json" }, chunks: Array(32).fill(chunk) });
      expect(streamed.status === 413 || streamed.reset, `${r.name} streamed`).toBe(true);
    }
    // Telegram and Zalo Bot check the secret first: 401 even for a body far over the limit.
    const huge = await rawRequest(`${e.url}/webhooks/telegram`, { headers: { "x-telegram-bot-api-secret-token": "nope" }, chunks: Array(32).fill(Buffer.alloc(64 * 1024)) });
    expect(huge.status === 401 || huge.reset).toBe(true);
    await settle();
    expect(await tableCounts(e.runtime.db)).toEqual(before);
    await stillServing();
  });

  it("forged deliveries in every variant are refused (Zalo OA: acknowledged but ignored) and change nothing", async () => {
    const before = await tableCounts(e.runtime.db);
    const tgUser = nextId();
    const update = JSON.stringify(tgText({ userId: tgUser, text: "/trogiup" }));
    const wrongSecrets: (string | string[] | undefined)[] = [
      undefined, "", TG_SECRET.toLowerCase(), TG_SECRET.slice(0, -1), `${TG_SECRET}x`, `Bearer ${TG_SECRET}`, [TG_SECRET, TG_SECRET], ZALO_BOT_SECRET,
    ];
    for (const s of wrongSecrets) {
      const headers: Record<string, string | string[]> = { "content-type": "application/json" };
      if (s !== undefined) headers["x-telegram-bot-api-secret-token"] = s;
      expect((await rawRequest(`${e.url}/webhooks/telegram`, { headers, chunks: [update] })).status, JSON.stringify(s)).toBe(401);
    }
    const botChat = `bot${nextId()}`;
    for (const s of [undefined, "", ZALO_BOT_SECRET.toUpperCase(), TG_SECRET, [ZALO_BOT_SECRET, "x"]]) {
      const headers: Record<string, string | string[]> = { "content-type": "application/json" };
      if (s !== undefined) headers["x-bot-api-secret-token"] = s;
      const res = await rawRequest(`${e.url}/webhooks/zalo-bot`, { headers, chunks: [JSON.stringify(zaloBotText({ chatId: botChat, text: "trogiup" }))] });
      expect(res.status, JSON.stringify(s)).toBe(401);
    }

    const zaloUser = String(4_680_000_000_000_000_000n + BigInt(nextId()));
    const event = zaloText({ appId: e.zalo.appId, userId: zaloUser, text: "trogiup" });
    const good = signedZaloDelivery({ appId: e.zalo.appId, oaSecretKey: ZALO_OA_SECRET_KEY, body: event });
    const raw = good.raw.toString("utf8");
    const forged: [string, Buffer, Record<string, string>][] = [
      ["no header", good.raw, { "content-type": "application/json" }],
      ["zeros", good.raw, { "x-zevent-signature": `mac=${"0".repeat(64)}` }],
      ["not hex", good.raw, { "x-zevent-signature": "mac=zzzz" }],
      ["body tampered after signing", Buffer.from(raw.replace("trogiup", "huy")), good.headers],
      ["timestamp moved after signing", Buffer.from(raw.replace(/"timestamp":"\d+"/, `"timestamp":"${Date.now() + 1}"`)), good.headers],
      ["whitespace added (bytes differ)", Buffer.from(`${raw} `), good.headers],
      ["signed with the app secret", signedZaloDelivery({ appId: e.zalo.appId, oaSecretKey: e.zalo.appSecret, body: event }).raw, signedZaloDelivery({ appId: e.zalo.appId, oaSecretKey: e.zalo.appSecret, body: event }).headers],
      ["signed for another app id", good.raw, signedZaloDelivery({ appId: "1", oaSecretKey: ZALO_OA_SECRET_KEY, body: event }).headers],
    ];
    for (const [label, body, headers] of forged) {
      const res = await post(`${e.url}/webhooks/zalo`, body, { "content-type": "application/json", ...headers });
      expect(res.status, label).toBe(200);
    }
    await settle();
    expect(await tableCounts(e.runtime.db)).toEqual(before);
    expect(e.tgTexts(tgUser)).toEqual([]);
    expect(e.zaloTexts(zaloUser)).toEqual([]);
    expect(e.zaloTexts(botChat)).toEqual([]);
    // The genuine delivery still works afterwards.
    expect((await post(`${e.url}/webhooks/zalo`, good.raw, good.headers)).status).toBe(200);
    await waitFor(() => e.zaloTexts(zaloUser).length === 1, 10_000, "genuine Zalo delivery");
  });

  it("replays have one effect: a Zalo event re-signed later, a stale one, and a confirmation pressed many times", async () => {
    const zaloUser = String(4_680_000_000_000_000_000n + BigInt(nextId()));
    const msgId = `replay${nextId()}`;
    const first = zaloText({ appId: e.zalo.appId, userId: zaloUser, text: "trogiup", msgId });
    expect((await e.postZalo(first)).status).toBe(200);
    await waitFor(() => e.zaloTexts(zaloUser).length === 1, 10_000, "first Zalo delivery");
    // Zalo retries with the same msg_id (a fresh, valid signature and timestamp): no second effect.
    expect((await e.postZalo({ ...first, timestamp: String(Date.now() + 5) })).status).toBe(200);
    // A captured delivery replayed two days later is outside the allowed skew: ignored even though correctly signed.
    const stale = zaloText({ appId: e.zalo.appId, userId: zaloUser, text: "trogiup", msgId: `stale${nextId()}` });
    expect((await e.postZalo({ ...stale, timestamp: String(Date.now() - 2 * 86_400_000) })).status).toBe(200);

    const user = nextId();
    await linkTelegram(e, user, "H-RACHGIA");
    await e.postTelegram(tgText({ userId: user, text: "Thu ngân sách quý 1 đạt 3.200 tỷ đồng" }));
    await waitFor(() => e.tgTexts(user).length === 3, 10_000, "read-back");
    expect(e.tgTexts(user)[2]).toContain("3.200 tỷ đồng");
    const reportsBefore = await e.runtime.db.progressReport.count();
    const readBack = e.tg.delivered(user)[2]!.messageId;
    // The same update delivered 5× at once (platform redelivery), then the button tapped 3 more times.
    const press = tgCallback({ userId: user, data: "rep:ok", messageId: readBack });
    const answers = await Promise.all(Array.from({ length: 5 }, () => e.postTelegram(press)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    for (let i = 0; i < 3; i++) await e.postTelegram(tgCallback({ userId: user, data: "rep:ok", messageId: readBack }));
    await waitFor(() => e.tgTexts(user).length === 6, 10_000, "answers to the presses");
    await settle();
    expect(await e.runtime.db.progressReport.count()).toBe(reportsBefore + 1);
    // The read-back was edited into the receipt once; the later presses find the draft gone.
    expect(e.tgTexts(user)[2]).toContain("Đã lưu");
    expect(e.tgTexts(user).slice(3)).toEqual(Array(3).fill(plainKey("core.expired_button")));
    expect(e.zaloTexts(zaloUser)).toHaveLength(1);
  });
}
