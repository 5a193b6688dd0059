/**
 * @module Telegram Update → InboundMessage. Translates, never decides: private vs group address, NFC text, commands
 * with their @botname suffix stripped, button presses, and the service events the core needs (bot added/removed,
 * group migrated to a supergroup).
 */
import type { ChannelAddress, InboundMessage } from "../../conversation/channel-port.js";
import {
  telegramUpdateSchema,
  type TelegramChat,
  type TelegramChatMemberUpdated,
  type TelegramMessage,
  type TelegramUpdate,
  type TelegramUser,
} from "./telegram-schemas.js";

export interface TelegramInboundOptions {
  /** The bot's username (without @). When known, commands addressed to another bot ("/tiendo@otherbot") are dropped. */
  botUsername?: string;
}

/** Converts one raw update; null for updates the bot ignores (edits, channel posts, other bots, unparseable). */
export function toInboundMessage(raw: unknown, opts: TelegramInboundOptions = {}): InboundMessage | null {
  const parsed = telegramUpdateSchema.safeParse(raw);
  if (!parsed.success) return null;
  const update = parsed.data;
  if (update.message) return fromMessage(update, update.message, opts);
  if (update.callback_query) return fromCallbackQuery(update);
  if (update.my_chat_member) return fromMyChatMember(update, update.my_chat_member);
  return null;
}

/** The callback query id of an update, for answerCallbackQuery (the spinner on the pressed button). */
export function callbackQueryIdOf(raw: unknown): string | undefined {
  // Most updates are messages: no second validation of the whole update for them.
  if (typeof raw !== "object" || raw === null || !Object.hasOwn(raw, "callback_query")) return undefined;
  const parsed = telegramUpdateSchema.safeParse(raw);
  return parsed.success ? parsed.data.callback_query?.id : undefined;
}

function addressOf(chat: TelegramChat): ChannelAddress {
  const isGroup = chat.type === "group" || chat.type === "supergroup";
  return isGroup ? { channel: "telegram", chatId: String(chat.id), isGroup: true } : { channel: "telegram", chatId: String(chat.id) };
}

function userFields(user: TelegramUser) {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ").normalize("NFC") || user.username;
  return { userId: String(user.id), userName: name, languageCode: user.language_code };
}

function base(update: TelegramUpdate, chat: TelegramChat, user: TelegramUser, date: number) {
  return {
    updateId: `telegram:${update.update_id}`,
    address: addressOf(chat),
    ...userFields(user),
    receivedAt: new Date(date * 1000),
  };
}

function fromMessage(update: TelegramUpdate, m: TelegramMessage, opts: TelegramInboundOptions): InboundMessage | null {
  if (m.chat.type === "channel" || !m.from || m.from.is_bot) return null;
  if (m.migrate_to_chat_id !== undefined) {
    return { ...base(update, m.chat, m.from, m.date), text: "", messageId: String(m.message_id),
      event: { type: "group_migrated", newChatId: String(m.migrate_to_chat_id) } };
  }
  const rawText = m.text ?? m.caption;
  if (rawText === undefined) return null;
  const text = normalizeCommand(rawText.normalize("NFC"), opts.botUsername);
  if (text === null) return null;
  return { ...base(update, m.chat, m.from, m.date), text, messageId: String(m.message_id) };
}

/**
 * "/baocao@ThiDuaBot 120" → "/baocao 120". Returns null when the command names another bot (groups with several
 * bots): that command is not ours to answer.
 */
export function normalizeCommand(text: string, botUsername?: string): string | null {
  const m = /^\/([A-Za-z0-9_]+)@([A-Za-z0-9_]+)(?=\s|$)/.exec(text);
  if (!m) return text;
  if (botUsername && m[2]!.toLowerCase() !== botUsername.replace(/^@/, "").toLowerCase()) return null;
  return `/${m[1]}${text.slice(m[0].length)}`;
}

function fromCallbackQuery(update: TelegramUpdate): InboundMessage | null {
  const q = update.callback_query!;
  if (!q.message || q.data === undefined) return null;
  return {
    ...base(update, q.message.chat, q.from, q.message.date),
    text: "",
    callbackData: q.data,
    callbackMessageId: String(q.message.message_id),
  };
}

const PRESENT = new Set(["member", "administrator", "creator", "restricted"]);

function fromMyChatMember(update: TelegramUpdate, c: TelegramChatMemberUpdated): InboundMessage | null {
  if (c.chat.type === "channel") return null;
  const wasIn = PRESENT.has(c.old_chat_member.status);
  const isIn = PRESENT.has(c.new_chat_member.status);
  if (wasIn === isIn) return null;
  // In a private chat, "kicked" means the user blocked the bot: the same "bot_removed" signal for the core.
  const event = isIn ? ({ type: "bot_added" } as const) : ({ type: "bot_removed" } as const);
  return { ...base(update, c.chat, c.from, c.date), text: "", event };
}
