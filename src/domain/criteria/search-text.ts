/**
 * @module Text normalisation for criteria search: folding, tokens, stop-words, abbreviation expansion and typo distance.
 * The same pipeline runs on questions and on knowledge-base aliases, so both sides always meet in one form.
 */
import { foldText } from "../../shared/text.js";

/**
 * Function words dropped from both sides. "có"/"cờ", "thi"/"thì" and "thể"/"the" collide after folding,
 * so those stay: losing "cờ thi đua" would cost more than the noise they add.
 */
const STOPWORDS = new Set([
  "cua", "va", "cho", "la", "cac", "nhung", "gi", "nao", "o", "ve", "voi", "ma", "duoc", "nhieu",
  "khong", "a", "ah", "nhe", "vay", "sao", "xin", "toi", "em", "ban", "oi", "thi",
  "the", "of", "for", "to", "in", "on", "at", "is", "are", "what", "which", "how", "does", "do", "be", "by", "with",
  "and", "or", "an", "my", "our", "can", "i", "we", "it", "this", "that", "there", "please",
]);

/** Stop-words that are also syllables of names ("thi đua", "tập thể", "ban ngành"): kept when a neighbour needs them. */
const GLUED = new Map<string, Set<string>>([
  ["thi", new Set(["dua", "si", "co"])],
  ["the", new Set(["tap"])],
  ["ban", new Set(["bo", "nganh"])],
]);

/** Fold diacritics and case, keep letters, digits, "%" and "/" (document numbers), collapse the rest to spaces. */
export function searchFold(input: string): string {
  return foldText(input.replace(/[\u00D0\u0110]/g, "D").replace(/[\u00F0\u0111]/g, "d"))
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\s+/g, " ");
}

/** Splits folded text into word tokens (letters/digits/%), dropping punctuation. */
export function splitTokens(folded: string): string[] {
  return folded.split(/[^a-z0-9%]+/).filter((t) => t.length > 0);
}

function keepStopword(tokens: string[], i: number): boolean {
  const t = tokens[i] ?? "";
  const glue = GLUED.get(t);
  if (!glue) return false;
  return glue.has(tokens[i + 1] ?? "") || glue.has(tokens[i - 1] ?? "");
}

/** Expands abbreviations ("cstd" → "chien si thi dua"), then drops stop-words. Input: folded tokens. */
export interface TokenNormalizer {
  normalize(tokens: string[]): string[];
  /** fold → split → normalize. */
  tokensOf(text: string): string[];
}

export function createTokenNormalizer(expansions: Record<string, string>): TokenNormalizer {
  const rules = Object.entries(expansions)
    .map(([k, v]) => ({ key: splitTokens(searchFold(k)), value: splitTokens(searchFold(v)) }))
    .filter((r) => r.key.length > 0)
    .sort((a, b) => b.key.length - a.key.length);
  const byFirst = new Map<string, typeof rules>();
  for (const r of rules) {
    const first = r.key[0] as string;
    byFirst.set(first, [...(byFirst.get(first) ?? []), r]);
  }
  function expand(tokens: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const rule = (byFirst.get(tokens[i] as string) ?? []).find((r) => r.key.every((k, j) => tokens[i + j] === k));
      if (rule) {
        out.push(...rule.value);
        i += rule.key.length;
      } else {
        out.push(tokens[i] as string);
        i += 1;
      }
    }
    return out;
  }
  function normalize(tokens: string[]): string[] {
    const expanded = expand(tokens);
    return expanded.filter((t, i) => !STOPWORDS.has(t) || keepStopword(expanded, i));
  }
  return { normalize, tokensOf: (text) => normalize(splitTokens(searchFold(text))) };
}

/** Optimal-string-alignment distance (Levenshtein + adjacent transposition), stopping early above `max`. */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * Undoes Telex typing left in the text when the input method was off ("tieeuf chuaarn" → "tieu chuan"):
 * doubled vowels/d, the "w" hook and a trailing tone letter.
 */
export function repairTelex(token: string): string {
  return token
    .replace(/([aeo])\1/g, "$1")
    .replace(/dd/g, "d")
    .replace(/([aou])w/g, "$1")
    .replace(/^w/, "u")
    .replace(/(?<=[a-z]{2})[sfrxj]$/, "");
}

/** Initial consonants Vietnamese writers commonly confuse (regional pronunciation): "xuất xắc" for "xuất sắc". */
const CONFUSED_INITIALS: [RegExp, string][] = [
  [/^x/, "s"],
  [/^s/, "x"],
  [/^tr/, "ch"],
  [/^ch/, "tr"],
  [/^gi/, "d"],
  [/^d/, "gi"],
  [/^r/, "d"],
  [/^l/, "n"],
  [/^n/, "l"],
];

/** Spellings of a token with a commonly confused initial consonant swapped. */
export function confusedSpellings(token: string): string[] {
  return CONFUSED_INITIALS.filter(([re]) => re.test(token)).map(([re, to]) => token.replace(re, to));
}
