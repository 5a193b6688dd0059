/**
 * @module JSON parsing that keeps large integers exact. Zalo ids (user_id, msg_id, oa_id) are documented as strings but
 * can exceed 2^53; if one ever arrives as a bare number, JSON.parse would silently round it. Integers of 16 or more
 * digits outside string literals are quoted before parsing, so they reach the schemas as exact strings.
 */

const BIG_DIGITS = 16;

/** JSON.parse, except that integer literals with ≥ 16 digits become strings. Throws SyntaxError like JSON.parse. */
export function parseJsonKeepingBigInts(text: string): unknown {
  // Most bodies (every Telegram update) hold no run of 16 digits at all: nothing to rewrite.
  return JSON.parse(LONG_DIGIT_RUN.test(text) ? quoteBigIntegers(text) : text);
}

const LONG_DIGIT_RUN = new RegExp(`\\d{${BIG_DIGITS}}`);

/** Rewrites bare integer literals of ≥ 16 digits as string literals; leaves string contents untouched. */
export function quoteBigIntegers(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      const lit = m?.[0] ?? ch;
      const digits = lit.replace(/^-/, "");
      out += /^\d+$/.test(digits) && digits.length >= BIG_DIGITS ? `"${lit}"` : lit;
      i += lit.length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else i += 1;
  }
  return text.length;
}
