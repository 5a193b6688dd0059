/**
 * @module Telegram formatting. Parse mode is always HTML with ONE escaping helper: MarkdownV2 breaks on unit names
 * containing ( ) . - _ (peers.md §4 pain 10), whereas HTML only needs & < > escaped.
 */
import type { Button } from "../../conversation/channel-port.js";
import { EMPHASIS } from "../shared/emphasis.js";
import { splitText } from "../shared/text-chunks.js";

/** Telegram's limit for one text message. */
export const TELEGRAM_MAX_TEXT = 4096;
/** Telegram's limit for a photo or document caption. */
export const TELEGRAM_MAX_CAPTION = 1024;
/** Telegram's limit for callback_data, in bytes. */
export const TELEGRAM_MAX_CALLBACK_BYTES = 64;

/** The only HTML escaper for Telegram: & < > (quotes need no escaping outside attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes plain text and turns `**bold**` spans (within one line) into <b>…</b>. */
export function renderTelegramHtml(text: string): string {
  return escapeHtml(text.normalize("NFC")).replace(EMPHASIS, "<b>$1</b>");
}

/** Splits plain text on line boundaries so that every rendered chunk fits `max`, and renders each chunk. */
export function renderTelegramChunks(text: string, max = TELEGRAM_MAX_TEXT): string[] {
  const measure = (chunk: string) => renderTelegramHtml(chunk).length;
  return splitText(text.normalize("NFC"), max, measure).map(renderTelegramHtml);
}

/** Telegram's InlineKeyboardMarkup, the only reply markup we send. */
export interface InlineKeyboardMarkup {
  inline_keyboard: { text: string; callback_data: string }[][];
}

/** Thrown when a button cannot be rendered (callback data over 64 bytes): a bug in the caller, never retried. */
export class ButtonDataTooLongError extends Error {
  constructor(readonly bytes: number) {
    super(`callback data is ${bytes} bytes; Telegram allows ${TELEGRAM_MAX_CALLBACK_BYTES}`);
    this.name = "ButtonDataTooLongError";
  }
}

/** Button rows → inline keyboard; empty rows are dropped. Throws ButtonDataTooLongError on oversize data. */
export function toInlineKeyboard(rows: Button[][]): InlineKeyboardMarkup | undefined {
  const keyboard = rows
    .filter((row) => row.length > 0)
    .map((row) =>
      row.map((b) => {
        const bytes = Buffer.byteLength(b.data, "utf8");
        if (bytes > TELEGRAM_MAX_CALLBACK_BYTES) throw new ButtonDataTooLongError(bytes);
        return { text: b.label.normalize("NFC"), callback_data: b.data };
      }),
    );
  return keyboard.length > 0 ? { inline_keyboard: keyboard } : undefined;
}
