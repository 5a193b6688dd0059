/**
 * @module Buttons as numbered text choices, for platforms (or message kinds) without buttons: Zalo Bot Platform, Zalo
 * OA group messages, and Zalo OA messages with more than five buttons. The officer replies with the number; the
 * conversation layer keeps the last choices offered and maps "2" back to the button's data with
 * `resolveNumberedChoice`.
 */
import type { Button } from "../../conversation/channel-port.js";

/** The translator signature the composition root provides (channels do not import i18n themselves). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Locale key of the hint line shown under numbered choices. */
export const CHOICE_HINT_KEY = "channels.choices.hint";

/** Flattens button rows in reading order. */
export function flattenButtons(rows: Button[][] | undefined): Button[] {
  return (rows ?? []).flat();
}

/** Appends "1. label" lines (and the translated hint, when a translator is given) to `text`. */
export function appendNumberedChoices(text: string, buttons: Button[], translate?: Translate): string {
  if (buttons.length === 0) return text;
  const lines = buttons.map((b, i) => `${i + 1}. ${b.label}`);
  if (translate) lines.push(translate(CHOICE_HINT_KEY, { max: buttons.length }));
  const head = text.trimEnd();
  return head === "" ? lines.join("\n") : `${head}\n\n${lines.join("\n")}`;
}

/**
 * Maps a reply such as "2", " 2. ", or "2." to the data of the second button offered; undefined when the reply is not
 * a number in range.
 */
export function resolveNumberedChoice(reply: string, offered: Button[]): string | undefined {
  const m = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(reply);
  if (!m) return undefined;
  return offered[Number(m[1]) - 1]?.data;
}
