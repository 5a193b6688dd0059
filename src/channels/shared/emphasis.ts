/**
 * @module Emphasis in message texts. The catalogs mark a few words `**bold**` (a title, a figure): Telegram renders
 * them bold, and platforms without formatting (Zalo OA consultation texts, the Zalo Bot Platform) get the words
 * without the markers, which would otherwise show as literal asterisks.
 */

/** A `**…**` span within one line that starts and ends with a non-space. */
export const EMPHASIS = /\*\*(?=\S)([^\n]*?\S)\*\*/g;

/** The text with emphasis markers removed ("**Bằng khen**" → "Bằng khen"); other asterisks stay. */
export function withoutEmphasis(text: string): string {
  return text.replace(EMPHASIS, "$1");
}
