import { describe, expect, it } from "vitest";
import { callbackQueryIdOf, normalizeCommand, toInboundMessage } from "../../../../src/channels/telegram/telegram-inbound.js";
import { telegramUpdate } from "../../../fakes/fake-telegram-server.js";

describe("toInboundMessage (recorded Telegram updates)", () => {
  it("maps a private text message", () => {
    const msg = toInboundMessage(telegramUpdate("private-text"));
    expect(msg).toEqual({
      updateId: "telegram:871234501",
      address: { channel: "telegram", chatId: "5011234567" },
      userId: "5011234567",
      userName: "Lê Thị Hồng",
      languageCode: "vi",
      text: "thu ngân sách quý 1 đạt 3.200 tỷ",
      messageId: "42",
      receivedAt: new Date(1616994000 * 1000),
    });
  });

  it("normalises decomposed Vietnamese to NFC", () => {
    const nfd = "Tiến độ quý I".normalize("NFD");
    expect(toInboundMessage(telegramUpdate("private-text", { message: { text: nfd } }))?.text).toBe("Tiến độ quý I");
  });

  it("keeps /start CODE for the deep-link invite", () => {
    expect(toInboundMessage(telegramUpdate("start-code"))?.text).toBe("/start K7QF-29XM");
  });

  it("addresses a group and strips our @botname from commands", () => {
    const msg = toInboundMessage(telegramUpdate("group-command"), { botUsername: "ThiDuaTestBot" });
    expect(msg?.address).toEqual({ channel: "telegram", chatId: "-1001876543210", isGroup: true });
    expect(msg?.userId).toBe("5011234567");
    expect(msg?.text).toBe("/tiendo 2021-Q1");
  });

  it("drops commands addressed to another bot", () => {
    const update = telegramUpdate("group-command", { message: { text: "/tiendo@OtherBot" } });
    expect(toInboundMessage(update, { botUsername: "ThiDuaTestBot" })).toBeNull();
  });

  it("maps a button press to callbackData with the message to edit", () => {
    const raw = telegramUpdate("callback-query");
    const msg = toInboundMessage(raw);
    expect(msg).toMatchObject({ text: "", callbackData: "confirm:r-91", callbackMessageId: "57", userId: "5011234567" });
    expect(callbackQueryIdOf(raw)).toBe("4382bfdwdsb323b2d9");
  });

  it("reports the bot being added to a group and being blocked in private", () => {
    expect(toInboundMessage(telegramUpdate("my-chat-member-added"))).toMatchObject({
      address: { chatId: "-1001876543210", isGroup: true },
      event: { type: "bot_added" },
    });
    expect(toInboundMessage(telegramUpdate("my-chat-member-blocked"))).toMatchObject({
      address: { chatId: "5011234567" },
      event: { type: "bot_removed" },
    });
  });

  it("reports a group migrated to a supergroup with its new id", () => {
    expect(toInboundMessage(telegramUpdate("migrate-to-supergroup"))).toMatchObject({
      address: { chatId: "-4012345678", isGroup: true },
      event: { type: "group_migrated", newChatId: "-1002233445566" },
    });
  });

  it("ignores edits, bots, channel posts and garbage", () => {
    expect(toInboundMessage(telegramUpdate("edited-message"))).toBeNull();
    const fromBot = telegramUpdate("private-text", { message: { from: { id: 9, is_bot: true, first_name: "B" } } });
    expect(toInboundMessage(fromBot)).toBeNull();
    expect(toInboundMessage({ update_id: 1, channel_post: { message_id: 1 } })).toBeNull();
    expect(toInboundMessage({ hello: "world" })).toBeNull();
    expect(toInboundMessage(null)).toBeNull();
  });
});

describe("normalizeCommand", () => {
  it("strips any @suffix when the bot name is unknown, and leaves plain text alone", () => {
    expect(normalizeCommand("/huy@SomeBot")).toBe("/huy");
    expect(normalizeCommand("email a@b.vn")).toBe("email a@b.vn");
    expect(normalizeCommand("/baocao@thiduatestbot 12", "@ThiDuaTestBot")).toBe("/baocao 12");
  });
});
