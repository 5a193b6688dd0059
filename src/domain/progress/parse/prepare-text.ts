/**
 * @module Text preparation for the message parser: three views of one message with identical lengths, so that a
 * position found in the folded view (matching) can be read back in the accented view ("tấn" vs "tân") or the
 * original (quoting the officer's own words).
 */
import { stripDiacritics } from "../../../shared/text";

/** Longest message the parser reads; chat platforms cap messages near 4,000 characters anyway. */
export const MAX_MESSAGE_CHARS = 4000;

/** Zero-width, joiner, bidi embedding/isolate marks, soft hyphen, BOM: invisible in chat, noise for parsing. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD\u180E\u061C]/g;

export interface PreparedText {
  /** NFC, invisible and bidi marks removed, line breaks kept, other whitespace runs collapsed to one space. */
  original: string;
  /** Same length as `original`: lower-case, without diacritics (đ → d). */
  folded: string;
  /** Same length as `original`: lower-case, diacritics kept. */
  accented: string;
}

export interface Word {
  /** Folded word with the i/y spelling variant unified ("quí" and "quý" both → "qui"). */
  text: string;
  /** The word as typed (case and diacritics kept). */
  raw: string;
  start: number;
  end: number;
}

const charCache = new Map<string, string>();

function foldChar(ch: string): string {
  let f = charCache.get(ch);
  if (f === undefined) {
    f = stripDiacritics(ch.toLowerCase());
    if (charCache.size < 4096) charCache.set(ch, f);
  }
  return f;
}

/** Keeps the views aligned: a character whose folded form changes length (a stray combining mark) becomes spaces. */
function fit(s: string, length: number): string {
  if (s.length === length) return s;
  return s.length > 0 && s.length < length ? s.padEnd(length) : " ".repeat(length);
}

/** Builds the three aligned views of a raw chat message. Never throws. */
export function prepareText(input: string): PreparedText {
  const text = String(input)
    .slice(0, MAX_MESSAGE_CHARS)
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n[\s]*/g, "\n")
    .trim();
  const folded: string[] = [];
  const accented: string[] = [];
  for (const ch of text) {
    folded.push(fit(foldChar(ch), ch.length));
    accented.push(fit(ch.toLowerCase(), ch.length));
  }
  return { original: text, folded: folded.join(""), accented: accented.join("") };
}

/** Vietnamese writes final i/y both ways after a consonant (quý/quí, tỷ/tỉ, kỳ/kì); matching treats them alike. */
export function canonicalWord(w: string): string {
  return /^(?:qu|[bcdghklmnpqrstvx]{1,3})y$/.test(w) ? `${w.slice(0, -1)}i` : w;
}

/** Words (letters and digits) of the folded view with their positions. */
export function splitWords(p: PreparedText): Word[] {
  const out: Word[] = [];
  const re = /[a-z0-9]+/g;
  for (let m = re.exec(p.folded); m; m = re.exec(p.folded)) {
    out.push({ text: canonicalWord(m[0]), raw: p.original.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * True when the word at [start, end) was typed either without diacritics or with one of the allowed spellings.
 * Lets "tan" (typed without marks) mean tấn while "tân binh" (recruits) does not.
 */
export function typedAs(p: PreparedText, start: number, end: number, allowed: readonly string[]): boolean {
  const acc = p.accented.slice(start, end);
  return acc === p.folded.slice(start, end) || allowed.includes(acc);
}
