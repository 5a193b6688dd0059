/**
 * @module Word pairs between the message and indicator phrases: exact words, one-typo words, and acronyms in both
 * directions ("ĐTPT" typed for "đầu tư phát triển"; "thu ngân sách nhà nước" typed for an alias "thu NSNN").
 */
import type { Word } from "./prepare-text";
import type { IndicatorIndex } from "./indicator-index";

const FUZZY_SIM = 0.8;
const ACRONYM_SIM = 0.9;

/** A phrase word range [i0, i1] matched by the message word range [j0, j1]. */
export interface Pair {
  i0: number;
  i1: number;
  j0: number;
  j1: number;
  /** Share of the phrase's weight this pair covers (an acronym covers its whole run). */
  cover: number;
  /** Evidence the pair gives for the indicator (an acronym counts as one strong word, not as its whole run). */
  weight: number;
  /** Long enough (≥ 3 letters, or an acronym) to name an indicator on its own. */
  telling: boolean;
}

const fuzzyCache = new Map<string, string[]>();

/** Damerau-Levenshtein distance ≤ 1 (one insertion, deletion, substitution or swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function fuzzyMatches(w: string, index: IndicatorIndex): string[] {
  const hit = fuzzyCache.get(w);
  if (hit) return hit;
  const out = index.vocabulary.filter((v) => v.length >= 4 && v !== w && withinOneEdit(w, v));
  if (fuzzyCache.size > 5000) fuzzyCache.clear();
  fuzzyCache.set(w, out);
  return out;
}

function looksLikeAcronym(w: Word): boolean {
  const letters = w.raw.replace(/[^\p{L}]/gu, "");
  const allCaps = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  return allCaps || (w.text.length >= 3 && !/[aeiouy]/.test(w.text));
}

function addPair(byPhrase: Map<number, Pair[]>, p: number, pair: Pair): void {
  const list = byPhrase.get(p);
  if (list) list.push(pair);
  else byPhrase.set(p, [pair]);
}

function singlePair(index: IndicatorIndex, p: number, i: number, j0: number, j1: number, sim: number): Pair {
  const w = index.phrases[p]?.words[i];
  const weight = sim * (w?.weight ?? 0);
  return { i0: i, i1: i, j0, j1, cover: weight, weight, telling: (w?.text.length ?? 0) >= 3 || (w?.isAcronym ?? false) || j1 > j0 };
}

function runWeight(index: IndicatorIndex, p: number, i: number, len: number): number {
  let run = 0;
  for (let k = i; k < i + len; k++) run += index.phrases[p]?.words[k]?.weight ?? 0;
  return run;
}

/** Every pair of message words and phrase words, grouped by phrase index. */
export function collectPairs(words: Word[], index: IndicatorIndex): Map<number, Pair[]> {
  const byPhrase = new Map<number, Pair[]>();
  for (let j = 0; j < words.length; j++) {
    const w = words[j] as Word;
    const exact = index.byWord.get(w.text);
    if (exact) for (const [p, i] of exact) addPair(byPhrase, p, singlePair(index, p, i, j, j, 1));
    if (!exact && w.text.length >= 5) {
      for (const v of fuzzyMatches(w.text, index)) for (const [p, i] of index.byWord.get(v) ?? []) addPair(byPhrase, p, singlePair(index, p, i, j, j, FUZZY_SIM));
    }
    const acronyms = looksLikeAcronym(w) ? index.acronyms.get(w.text) : undefined;
    for (const [p, i, len] of acronyms ?? []) {
      const run = runWeight(index, p, i, len);
      addPair(byPhrase, p, { i0: i, i1: i + len - 1, j0: j, j1: j, cover: ACRONYM_SIM * run, weight: ACRONYM_SIM * Math.min(run, index.maxWeight), telling: true });
    }
  }
  let initials = "";
  for (const w of words) initials += w.text[0] ?? " ";
  for (const a of index.acronymWords) {
    for (let j = initials.indexOf(a); j >= 0; j = initials.indexOf(a, j + 1)) {
      // Two-letter acronyms ("LĐ", "ĐT") are too common as initials to name an indicator on their own.
      for (const [p, i] of index.byWord.get(a) ?? []) addPair(byPhrase, p, { ...singlePair(index, p, i, j, j + a.length - 1, ACRONYM_SIM), telling: a.length >= 3 });
    }
  }
  return byPhrase;
}
