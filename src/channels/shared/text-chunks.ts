/**
 * @module Splitting outgoing text under a platform limit (Telegram 4,096, Zalo 2,000) on line boundaries, then on
 * word boundaries, and only as a last resort inside a word (never inside a surrogate pair).
 */

/** Length of a chunk as the platform will count it (e.g. after HTML escaping). Defaults to UTF-16 length. */
export type Measure = (chunk: string) => number;

const plainLength: Measure = (s) => s.length;

/**
 * Splits `text` into chunks whose measured length is ≤ `max`. Lines are kept whole when they fit; blank leading and
 * trailing whitespace of each chunk is trimmed. Returns [] for blank text.
 */
export function splitText(text: string, max: number, measure: Measure = plainLength): string[] {
  if (text.trim() === "") return [];
  const chunks: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const candidate = current === "" ? line : `${current}\n${line}`;
    if (measure(candidate) <= max) {
      current = candidate;
      continue;
    }
    if (current.trim() !== "") chunks.push(current);
    current = "";
    if (measure(line) <= max) {
      current = line;
      continue;
    }
    const pieces = splitLongLine(line, max, measure);
    current = pieces.pop() ?? "";
    chunks.push(...pieces);
  }
  if (current.trim() !== "") chunks.push(current);
  return chunks.map((c) => c.replace(/^\s*\n/, "").trimEnd()).filter((c) => c !== "");
}

/** A line longer than `max`: pack words; a single over-long word is cut by code points. */
function splitLongLine(line: string, max: number, measure: Measure): string[] {
  const out: string[] = [];
  let current = "";
  for (const word of line.split(/(?<=\s)/)) {
    const candidate = current + word;
    // Trailing whitespace is trimmed from chunks, so it does not count against the limit.
    if (measure(candidate.trimEnd()) <= max) {
      current = candidate;
      continue;
    }
    if (current !== "") out.push(current);
    current = "";
    if (measure(word.trimEnd()) <= max) {
      current = word;
      continue;
    }
    const cut = cutByCodePoints(word, max, measure);
    current = cut.pop() ?? "";
    out.push(...cut);
  }
  if (current !== "") out.push(current);
  return out.map((c) => c.trimEnd());
}

function cutByCodePoints(word: string, max: number, measure: Measure): string[] {
  const out: string[] = [];
  let current = "";
  let currentLen = 0;
  for (const cp of word) {
    // Per-code-point measure is exact for escaping-style measures, which are additive per character.
    const len = measure(cp);
    if (currentLen + len > max && current !== "") {
      out.push(current);
      current = "";
      currentLen = 0;
    }
    current += cp;
    currentLen += len;
  }
  if (current !== "") out.push(current);
  return out;
}
