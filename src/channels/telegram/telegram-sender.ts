/**
 * @module Telegram ChannelSender: text (HTML, split under 4,096), inline keyboards, edits for read-backs, photos and
 * documents (multipart), and the mapping from Bot API failures to SendError kinds the outbox acts on.
 */
import {
  SendError,
  type ChannelAddress,
  type ChannelSender,
  type OutboundMessage,
  type SendResult,
} from "../../conversation/channel-port.js";
import { NetworkError, UnexpectedResponseError } from "../shared/channel-errors.js";
import type { FetchLike } from "../shared/http-request.js";
import { createTelegramApi, TelegramApiError, type TelegramApi } from "./telegram-api.js";
import {
  ButtonDataTooLongError,
  renderTelegramChunks,
  TELEGRAM_MAX_CAPTION,
  TELEGRAM_MAX_TEXT,
  toInlineKeyboard,
  type InlineKeyboardMarkup,
} from "./telegram-render.js";

export interface TelegramSenderDeps {
  token: string;
  apiRoot?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

interface SentMessage {
  message_id: number;
}

/** Creates the Telegram sender; `api` is exposed for the webhook/command helpers sharing the same client. */
export function createTelegramSender(deps: TelegramSenderDeps | { api: TelegramApi }): ChannelSender & { api: TelegramApi } {
  const api = "api" in deps ? deps.api : createTelegramApi(deps);

  async function sendText(chatId: string, html: string, markup?: InlineKeyboardMarkup): Promise<number> {
    const sent = await api.call<SentMessage>("sendMessage", {
      chat_id: chatId,
      text: html,
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_markup: markup,
    });
    return sent.message_id;
  }

  /** Edits a read-back in place; falls back to a new message when the old one is gone or too old to edit. */
  async function editText(chatId: string, messageId: string, html: string, markup?: InlineKeyboardMarkup) {
    try {
      await api.call("editMessageText", {
        chat_id: chatId,
        message_id: Number(messageId),
        text: html,
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup: markup,
      });
      return Number(messageId);
    } catch (err) {
      if (err instanceof TelegramApiError && /message is not modified/i.test(err.description)) return Number(messageId);
      if (err instanceof TelegramApiError && /message to edit not found|message can't be edited/i.test(err.description)) {
        return sendText(chatId, html, markup);
      }
      throw err;
    }
  }

  async function sendAttachment(chatId: string, msg: OutboundMessage, caption?: string, markup?: InlineKeyboardMarkup) {
    const fields = {
      chat_id: chatId,
      caption,
      parse_mode: caption ? "HTML" : undefined,
      reply_markup: markup ? JSON.stringify(markup) : undefined,
    };
    const file = msg.imagePng
      ? { method: "sendPhoto", field: "photo" as const, filename: "chart.png", bytes: msg.imagePng, mime: "image/png" }
      : { method: "sendDocument", field: "document" as const, ...msg.document! };
    const sent = await api.callMultipart<SentMessage>(file.method, fields, file);
    return sent.message_id;
  }

  async function deliver(to: ChannelAddress, msg: OutboundMessage): Promise<SendResult> {
    let chunks = renderTelegramChunks(msg.text);
    const markup = msg.buttons ? toInlineKeyboard(msg.buttons) : undefined;
    const hasAttachment = msg.imagePng !== undefined || msg.document !== undefined;
    if (chunks.length === 0 && !hasAttachment) throw new SendError("permanent", "telegram: empty message");
    let last: number | undefined;
    if (hasAttachment) {
      // The text rides as the caption when it fits; otherwise it follows as ordinary messages.
      const captionFits = chunks.length === 1 && chunks[0]!.length <= TELEGRAM_MAX_CAPTION;
      const markupHere = captionFits || chunks.length === 0 ? markup : undefined;
      last = await sendAttachment(to.chatId, msg, captionFits ? chunks[0] : undefined, markupHere);
      if (captionFits) chunks = [];
    } else if (msg.editMessageId) {
      const [first, ...rest] = chunks;
      last = await editText(to.chatId, msg.editMessageId, first!, rest.length === 0 ? markup : undefined);
      chunks = rest;
    }
    for (const [i, html] of chunks.entries()) {
      last = await sendText(to.chatId, html, i === chunks.length - 1 ? markup : undefined);
    }
    return { externalId: last === undefined ? undefined : String(last) };
  }

  return {
    channel: "telegram",
    maxTextLength: TELEGRAM_MAX_TEXT,
    supportsButtons: true,
    api,
    async send(to, msg) {
      try {
        return await deliver(to, msg);
      } catch (err) {
        throw toSendError(err);
      }
    },
  };
}

/** Maps any failure of a Bot API call to the SendError kind the outbox acts on. Messages never contain the token. */
export function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof TelegramApiError) return classifyTelegramError(err);
  if (err instanceof NetworkError) return new SendError("transient", err.message);
  if (err instanceof UnexpectedResponseError) return new SendError("permanent", err.message);
  if (err instanceof ButtonDataTooLongError) return new SendError("permanent", err.message);
  return new SendError("permanent", `telegram: ${err instanceof Error ? err.name : "unknown error"}`);
}

function classifyTelegramError(err: TelegramApiError): SendError {
  const { errorCode: code, description, parameters } = err;
  if (code === 429) {
    const retryAfterMs = (parameters.retry_after ?? 5) * 1000;
    return new SendError("rate_limited", err.message, retryAfterMs);
  }
  if (parameters.migrate_to_chat_id !== undefined) {
    // The group became a supergroup: this address is dead, the new one is known; the outbox remaps and resends.
    return new SendError("unreachable", err.message, undefined, String(parameters.migrate_to_chat_id));
  }
  if (code === 401) return new SendError("auth", err.message);
  if (code === 403) return new SendError("unreachable", err.message);
  if (code === 400 && /chat not found|user not found|PEER_ID_INVALID|have no rights to send/i.test(description)) {
    return new SendError("unreachable", err.message);
  }
  if (code >= 500) return new SendError("transient", err.message);
  return new SendError("permanent", err.message);
}
