import { describe, expect, it } from "vitest";
import { buttonAttachment, toInboundMessages } from "../../../../src/channels/zalo/zalo-oa-adapter.js";
import { toZaloBotInboundMessages } from "../../../../src/channels/zalo/zalo-bot-adapter.js";
import { zaloFixture } from "../../../fakes/fake-zalo-server.js";

const oaId = "579745863508352884";

describe("Zalo OA toInboundMessages", () => {
  it("maps user_send_text with msg_id as the update id and string ids", () => {
    expect(toInboundMessages(zaloFixture("user-send-text"), { oaId })).toEqual([
      {
        updateId: "zalo:96d3cdf3af150460909",
        address: { channel: "zalo", chatId: "4680982613432547863" },
        userId: "4680982613432547863",
        text: "báo cáo: thu ngân sách quý 1 đạt 3.200 tỷ",
        messageId: "96d3cdf3af150460909",
        receivedAt: new Date(1616994000123),
      },
    ]);
  });

  it("normalises NFD text to NFC", () => {
    const [msg] = toInboundMessages(zaloFixture("user-send-text-nfd"));
    expect(msg!.text).toBe("Tiến độ của Phòng Nội vụ (Sở) đạt 85%");
    expect(msg!.text.normalize("NFC")).toBe(msg!.text);
  });

  it("turns a tap on one of our oa.query buttons into callbackData", () => {
    const payload = (buttonAttachment([{ label: "Đúng", data: "confirm:r-9" }]).payload as { buttons: { payload: string }[] }).buttons[0]!.payload;
    const event = zaloFixture("user-send-text");
    (event.message as { text: string }).text = payload;
    expect(toInboundMessages(event)[0]).toMatchObject({ text: "", callbackData: "confirm:r-9" });
  });

  it("addresses group messages to the group and keeps the member as sender", () => {
    expect(toInboundMessages(zaloFixture("user-send-group-text"))[0]).toMatchObject({
      updateId: "zalo:b1f0aa11cc22dd33ee4",
      address: { channel: "zalo", chatId: "f414c8f76fa586fbdfb4", isGroup: true },
      userId: "4680982613432547863",
    });
  });

  it("maps follow/unfollow to events with a stable id", () => {
    expect(toInboundMessages(zaloFixture("follow"))[0]).toMatchObject({
      updateId: "zalo:follow:4680982613432547863:1616990000000",
      event: { type: "follow" },
      address: { channel: "zalo", chatId: "4680982613432547863" },
    });
    expect(toInboundMessages(zaloFixture("unfollow"))[0]!.event).toEqual({ type: "unfollow" });
  });

  it("drops OA echoes, events whose sender is the OA, unsupported events and garbage", () => {
    expect(toInboundMessages(zaloFixture("oa-send-text-echo"), { oaId })).toEqual([]);
    const spoofed = zaloFixture("user-send-text", { sender: { id: oaId } });
    expect(toInboundMessages(spoofed, { oaId })).toEqual([]);
    expect(toInboundMessages(zaloFixture("user-send-image"))).toEqual([]);
    expect(toInboundMessages({ nope: 1 })).toEqual([]);
  });
});

describe("Zalo Bot toZaloBotInboundMessages", () => {
  it("accepts the wrapped and unwrapped forms with event_name:message_id as the id", () => {
    expect(toZaloBotInboundMessages(zaloFixture("bot-text-wrapped"))).toEqual([
      {
        updateId: "zalo-bot:message.text.received:2d758cb5e222177a4e35",
        address: { channel: "zalo-bot", chatId: "6ede9afa66b88fe6d6a9" },
        userId: "6ede9afa66b88fe6d6a9",
        userName: "Trần Minh",
        text: "/baocao",
        messageId: "2d758cb5e222177a4e35",
        receivedAt: new Date(1750316131602),
      },
    ]);
    expect(toZaloBotInboundMessages(zaloFixture("bot-text-unwrapped"))[0]).toMatchObject({ text: "tiendo" });
  });

  it("ignores stickers and other non-text events", () => {
    expect(toZaloBotInboundMessages(zaloFixture("bot-sticker"))).toEqual([]);
  });
});
