/**
 * @module Zalo OA webhook event → InboundMessage(s). Handles user_send_text (a tap on one of our oa.query buttons
 * arrives as text carrying our prefix and becomes callbackData), user_send_group_text, follow and unfollow. The OA's
 * own echoes (oa_send_*, or sender == oa_id) and other events are dropped. msg_id is the dedupe key.
 */
import type { InboundMessage } from "../../conversation/channel-port.js";
import { zaloOaEventSchema, type ZaloOaEvent } from "./zalo-schemas.js";

/** Prefix of our button payloads; text starting with it is a button tap. */
export const ZALO_CALLBACK_PREFIX = "#cb:";

export interface ZaloOaInboundOptions {
  /** Our OA id, to drop echoes whose sender is the OA itself. */
  oaId?: string;
}

/** Converts one parsed event body; [] for events the bot ignores. */
export function toInboundMessages(raw: unknown, opts: ZaloOaInboundOptions = {}): InboundMessage[] {
  const parsed = zaloOaEventSchema.safeParse(raw);
  if (!parsed.success) return [];
  const e = parsed.data;
  if (e.event_name.startsWith("oa_send_")) return [];
  if (e.sender && (e.sender.id === opts.oaId || e.sender.id === e.oa_id)) return [];
  const receivedAt = new Date(Number(e.timestamp ?? 0));
  switch (e.event_name) {
    case "user_send_text":
      return textMessage(e, receivedAt, false);
    case "user_send_group_text":
      return textMessage(e, receivedAt, true);
    case "follow":
    case "unfollow":
      return followEvent(e, receivedAt);
    default:
      return [];
  }
}

function textMessage(e: ZaloOaEvent, receivedAt: Date, inGroup: boolean): InboundMessage[] {
  const msgId = e.message?.msg_id;
  const text = e.message?.text;
  if (!e.sender || !e.recipient || msgId === undefined || text === undefined) return [];
  const address = inGroup
    ? { channel: "zalo" as const, chatId: e.recipient.id, isGroup: true }
    : { channel: "zalo" as const, chatId: e.sender.id };
  const nfc = text.normalize("NFC");
  const isTap = nfc.startsWith(ZALO_CALLBACK_PREFIX);
  return [
    {
      updateId: `zalo:${msgId}`,
      address,
      userId: e.sender.id,
      text: isTap ? "" : nfc,
      ...(isTap ? { callbackData: nfc.slice(ZALO_CALLBACK_PREFIX.length) } : {}),
      messageId: msgId,
      receivedAt,
    },
  ];
}

function followEvent(e: ZaloOaEvent, receivedAt: Date): InboundMessage[] {
  if (!e.follower) return [];
  const type = e.event_name === "follow" ? "follow" : "unfollow";
  return [
    {
      // No msg_id on follow events: event, subject and timestamp identify the delivery (zalo.md §8).
      updateId: `zalo:${type}:${e.follower.id}:${e.timestamp ?? ""}`,
      address: { channel: "zalo", chatId: e.follower.id },
      userId: e.follower.id,
      text: "",
      receivedAt,
      event: { type },
    },
  ];
}
