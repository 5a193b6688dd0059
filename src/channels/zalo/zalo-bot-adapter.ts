/**
 * @module Zalo Bot Platform adapter: text only (2,000-character NFC chunks; buttons become numbered text choices with
 * a hint, since the platform has none) and inbound updates (message.text.received; dedupe key
 * `event_name:message_id`). Photos need a public HTTPS URL and files are not supported, so attachments are dropped
 * and only their text is sent.
 */
import {
  SendError,
  type Button,
  type ChannelAddress,
  type ChannelSender,
  type InboundMessage,
} from "../../conversation/channel-port.js";
import { NetworkError } from "../shared/channel-errors.js";
import { appendNumberedChoices, flattenButtons, type Translate } from "../shared/numbered-choices.js";
import { withoutEmphasis } from "../shared/emphasis.js";
import { splitText } from "../shared/text-chunks.js";
import { ZaloBotApiError, type ZaloBotClient } from "./zalo-bot-client.js";
import { zaloBotUpdateSchema } from "./zalo-schemas.js";

export const ZALO_BOT_MAX_TEXT = 2000;

export interface ZaloBotSenderDeps {
  client: ZaloBotClient;
  translate?: Translate;
  /** Told which choices were offered as numbers, so the core can map "2" back to a button's data. */
  onNumberedChoices?: (to: ChannelAddress, offered: Button[]) => void;
}

export function createZaloBotSender(deps: ZaloBotSenderDeps): ChannelSender {
  async function deliver(to: ChannelAddress, msg: Parameters<ChannelSender["send"]>[1]) {
    const buttons = flattenButtons(msg.buttons);
    const text = appendNumberedChoices(withoutEmphasis(msg.text.normalize("NFC")), buttons, deps.translate);
    if (buttons.length > 0) deps.onNumberedChoices?.(to, buttons);
    const chunks = splitText(text, ZALO_BOT_MAX_TEXT);
    if (chunks.length === 0) throw new SendError("permanent", "zalo-bot: nothing to send (attachments are not supported)");
    let last: string | undefined;
    for (const chunk of chunks) last = (await deps.client.sendMessage(to.chatId, chunk)).message_id ?? last;
    return { externalId: last };
  }
  return {
    channel: "zalo-bot",
    maxTextLength: ZALO_BOT_MAX_TEXT,
    supportsButtons: false,
    async send(to, msg) {
      try {
        return await deliver(to, msg);
      } catch (err) {
        throw toZaloBotSendError(err);
      }
    },
  };
}

/** Maps Bot Platform failures (error_code or HTTP status) to SendError kinds. */
export function toZaloBotSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof ZaloBotApiError) {
    const c = err.errorCode;
    // 429 is the quota (reportedly monthly): wait long rather than hammer.
    if (c === 429) return new SendError("rate_limited", err.message, 3600_000);
    if (c === 401) return new SendError("auth", err.message);
    if (c === 404) return new SendError("unreachable", err.message);
    // 403 is documented as "internal server error" (sic); 408 is a timeout.
    if (c === 403 || c === 408 || c >= 500) return new SendError("transient", err.message);
    return new SendError("permanent", err.message);
  }
  if (err instanceof NetworkError) return new SendError("transient", err.message);
  return new SendError("permanent", `zalo-bot: ${err instanceof Error ? err.message : "unknown error"}`);
}

/** Converts one webhook (or getUpdates) body, wrapped or unwrapped; [] for events the bot ignores. */
export function toZaloBotInboundMessages(raw: unknown): InboundMessage[] {
  const parsed = zaloBotUpdateSchema.safeParse(raw);
  if (!parsed.success) return [];
  const { event_name: eventName, message: m } = parsed.data;
  if (eventName !== "message.text.received" || !m || m.text === undefined || m.from?.is_bot) return [];
  const isGroup = (m.chat.chat_type ?? "PRIVATE").toUpperCase() === "GROUP";
  return [
    {
      updateId: `zalo-bot:${eventName}:${m.message_id}`,
      address: isGroup ? { channel: "zalo-bot", chatId: m.chat.id, isGroup: true } : { channel: "zalo-bot", chatId: m.chat.id },
      userId: m.from?.id ?? m.chat.id,
      userName: m.from?.display_name?.normalize("NFC"),
      text: m.text.normalize("NFC"),
      messageId: m.message_id,
      receivedAt: new Date(Number(m.date ?? 0)),
    },
  ];
}
