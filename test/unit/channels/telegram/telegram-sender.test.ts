import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SendError } from "../../../../src/conversation/channel-port.js";
import { createTelegramSender } from "../../../../src/channels/telegram/telegram-sender.js";
import { createTelegramApi, TelegramApiError } from "../../../../src/channels/telegram/telegram-api.js";
import { buildBotCommands, registerBotCommands, TELEGRAM_COMMANDS } from "../../../../src/channels/telegram/telegram-commands.js";
import { createFakeTelegramServer, type FakeTelegramServer } from "../../../fakes/fake-telegram-server.js";

let fake: FakeTelegramServer;
const chat = "5011234567";
const to = { channel: "telegram" as const, chatId: chat };

beforeEach(async () => {
  fake = await createFakeTelegramServer();
});
afterEach(() => fake.close());

const sender = () => createTelegramSender({ token: fake.token, apiRoot: fake.url });

describe("Telegram sender specifics", () => {
  it("sends HTML with bold and the inline keyboard on the last chunk only", async () => {
    const text = `**Tiến độ**\n${"x".repeat(4090)}\ncuối`;
    await sender().send(to, { text, buttons: [[{ label: "OK", data: "ok" }]] });
    const sent = fake.delivered(chat);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.parseMode).toBe("HTML");
    expect(sent[0]!.text).toMatch(/^<b>Tiến độ<\/b>/);
    expect(sent[0]!.replyMarkup).toBeUndefined();
    expect(sent[1]!.replyMarkup).toEqual({ inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] });
  });

  it("edits a read-back in place and tolerates 'message is not modified'", async () => {
    const s = sender();
    const first = await s.send(to, { text: "Xác nhận 3.200?", buttons: [[{ label: "Đúng", data: "y" }]] });
    const edited = await s.send(to, { text: "Đã ghi nhận 3.200", editMessageId: first.externalId });
    expect(edited.externalId).toBe(first.externalId);
    expect(fake.delivered(chat)).toHaveLength(1);
    expect(fake.delivered(chat)[0]!.text).toBe("Đã ghi nhận 3.200");
    await expect(s.send(to, { text: "Đã ghi nhận 3.200", editMessageId: first.externalId })).resolves.toBeDefined();
  });

  it("falls back to a new message when the message to edit is gone", async () => {
    const res = await sender().send(to, { text: "mới", editMessageId: "999999" });
    expect(fake.delivered(chat).map((m) => m.text)).toEqual(["mới"]);
    expect(res.externalId).toBe(String(fake.delivered(chat)[0]!.messageId));
  });

  it("sends a chart as multipart sendPhoto with the caption and buttons", async () => {
    const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    await sender().send(to, { text: "Biểu đồ **quý I**", imagePng: png, buttons: [[{ label: "Chi tiết", data: "d" }]] });
    const [photo] = fake.delivered(chat);
    expect(photo).toMatchObject({ method: "sendPhoto", caption: "Biểu đồ <b>quý I</b>", file: { filename: "chart.png", size: 7, type: "image/png" } });
    expect(photo!.replyMarkup?.inline_keyboard[0]![0]!.text).toBe("Chi tiết");
    expect(fake.requests.at(-1)!.contentType).toMatch(/^multipart\/form-data/);
  });

  it("sends a long caption's text after the document", async () => {
    const bytes = new TextEncoder().encode("a,b\n1,2");
    await sender().send(to, { text: "y".repeat(1500), document: { filename: "tien-do.csv", bytes, mime: "text/csv" } });
    expect(fake.delivered(chat).map((m) => m.method)).toEqual(["sendDocument", "sendMessage"]);
    expect(fake.delivered(chat)[0]!.caption).toBeUndefined();
  });

  it("carries the new chat id when a group was migrated", async () => {
    fake.failNext(chat, { type: "migrated", newChatId: -1002233445566 });
    const err = await sender().send(to, { text: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ kind: "unreachable", newChatId: "-1002233445566" });
  });

  it("reads retry_after into retryAfterMs; chat not found is unreachable; HTML 502 is transient", async () => {
    fake.failNext(chat, { type: "rate_limited", retryAfter: 33 });
    await expect(sender().send(to, { text: "x" })).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 33_000 });
    fake.failNext(chat, { type: "chat_not_found" });
    await expect(sender().send(to, { text: "x" })).rejects.toMatchObject({ kind: "unreachable" });
    fake.failNext(chat, { type: "bad_gateway_html" });
    await expect(sender().send(to, { text: "x" })).rejects.toMatchObject({ kind: "transient" });
  });

  it("refuses oversize callback data as permanent without calling Telegram", async () => {
    await expect(sender().send(to, { text: "x", buttons: [[{ label: "a", data: "d".repeat(65) }]] })).rejects.toMatchObject({ kind: "permanent" });
    expect(fake.requests).toHaveLength(0);
  });

  it("a wrong token is auth and the message names the method, not the token", async () => {
    const api = createTelegramApi({ token: "999:WRONG-secret", apiRoot: fake.url });
    const err = (await api.getMe().catch((e: unknown) => e)) as TelegramApiError;
    expect(err).toBeInstanceOf(TelegramApiError);
    expect(err.message).toBe("telegram getMe failed: 401 Unauthorized");
    await expect(createTelegramSender({ api }).send(to, { text: "x" })).rejects.toMatchObject({ kind: "auth" });
  });
});

describe("Telegram helpers", () => {
  it("registers the contract's commands with translated descriptions, vi default and en", async () => {
    const vi = (k: string) => `vi:${k}`;
    const en = (k: string) => `en:${k}`;
    expect(buildBotCommands(vi).map((c) => c.command)).toEqual([...TELEGRAM_COMMANDS]);
    await registerBotCommands(createTelegramApi({ token: fake.token, apiRoot: fake.url }), { vi, en });
    const calls = fake.requests.filter((r) => r.path.endsWith("/setMyCommands"));
    expect(calls).toHaveLength(2);
    expect(calls[0]!.body.language_code).toBeUndefined();
    expect((calls[0]!.body.commands as { description: string }[])[1]!.description).toBe("vi:channels.telegram.commands.dangky");
    expect(calls[1]!.body.language_code).toBe("en");
  });

  it("sets and deletes the webhook with the secret and allowed updates", async () => {
    const api = createTelegramApi({ token: fake.token, apiRoot: fake.url });
    await api.setWebhook({ url: "https://bot.example.vn/webhooks/telegram", secretToken: "s3cr3t" });
    expect(fake.requests.at(-1)!.body).toMatchObject({ secret_token: "s3cr3t", allowed_updates: ["message", "callback_query", "my_chat_member"] });
    expect((await api.getWebhookInfo()).url).toBe("https://bot.example.vn/webhooks/telegram");
    await api.deleteWebhook();
    expect(fake.webhookUrl()).toBeUndefined();
    expect((await api.getMe()).username).toBe("ThiDuaTestBot");
  });
});
