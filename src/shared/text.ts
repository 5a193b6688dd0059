/** @module Vietnamese text normalisation shared by the parser, criteria search and command matching. */

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\u00AD]/g;

/** NFC, invisible/bidi characters removed, whitespace collapsed. Keeps case and diacritics. */
export function cleanText(input: string): string {
  return input.normalize("NFC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** Removes Vietnamese diacritics (đ → d) after NFD decomposition. */
export function stripDiacritics(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

/** Lower-case, diacritics-free, invisible-free form used for matching ("Thu NS Quý I" → "thu ns quy i"). */
export function foldText(input: string): string {
  return stripDiacritics(cleanText(input)).toLowerCase();
}
