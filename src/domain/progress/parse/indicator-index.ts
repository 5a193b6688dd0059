/**
 * @module Vocabulary built from the indicators' names and aliases: phrases of folded words, a weight per word that
 * falls with the number of indicators using it (so "tỷ lệ" counts little and "BHYT" a lot), and the acronyms
 * Vietnamese officials form from syllable initials ("vốn đầu tư phát triển" → "ĐTPT").
 */
import type { IndicatorDef } from "../../campaigns/campaign";
import { canonicalWord, prepareText, splitWords } from "./prepare-text";
import { readPeriods } from "./read-period";

/** Words that glue phrases together; they may be matched or skipped but never count as evidence. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  "dat", "duoc", "cua", "va", "cac", "tren", "trong", "cho", "voi", "co", "la", "nhung", "mot", "tai", "theo", "thuc",
  "hien", "chi", "tieu", "dia", "ban", "nam", "ve", "vi", "tu", "den", "nay", "muc", "don", "phuong",
].map(canonicalWord));

/** Change verbs: part of some names ("giảm nghèo") but never enough, alone, to name an indicator. */
const WEAK_WORDS: ReadonlySet<string> = new Set(["tang", "giam"]);
const WEAK_WEIGHT = 1;

export interface PhraseWord {
  text: string;
  weight: number;
  /** Written in capitals in the alias ("NSNN"): may stand for a run of message words by their initials. */
  isAcronym: boolean;
}

export interface Phrase {
  indicator: number;
  words: PhraseWord[];
  /** Sum of the word weights: a full match scores this much. */
  total: number;
  /** Number of words with a weight (stop words excluded). */
  weighted: number;
}

export interface IndicatorIndex {
  indicators: readonly IndicatorDef[];
  phrases: Phrase[];
  /** word → occurrences [phrase, word position]. */
  byWord: Map<string, [number, number][]>;
  /** initials of a run of ≥2 phrase words → occurrences [phrase, first word, run length]. */
  acronyms: Map<string, [number, number, number][]>;
  /** Phrase words written as capitals, longest first (for reverse acronym matching). */
  acronymWords: string[];
  vocabulary: string[];
  /** Per indicator: every word of its phrases → weight. */
  indicatorWords: Map<string, number>[];
  /** Weight of a word used by a single indicator: the scale for "enough evidence". */
  maxWeight: number;
}

const cache = new WeakMap<readonly IndicatorDef[], IndicatorIndex>();

/** Name without its parenthetical note ("… (có thêm trong năm)"), an acronym in parentheses ("(GRDP)"), aliases. */
function phraseTexts(def: IndicatorDef): string[] {
  const texts = [def.name.replace(/\([^)]*\)/g, " "), ...def.aliases];
  for (const m of def.name.matchAll(/\(([^)]*)\)/g)) {
    const inner = (m[1] ?? "").trim();
    if (/^[A-ZĐ0-9-]{2,12}$/.test(inner)) texts.push(inner);
  }
  return texts;
}

function wordsOf(text: string): { text: string; isAcronym: boolean }[] {
  const prepared = prepareText(text);
  // Period words inside an alias ("sản lượng lúa cả năm") name a period, not the indicator.
  const periods = readPeriods(prepared, { campaignYear: 2000, today: null }).mentions;
  return splitWords(prepared)
    .filter((w) => !/\d/.test(w.text) && !periods.some((x) => w.start >= x.start && w.end <= x.end))
    .map((w) => ({ text: w.text, isAcronym: w.raw.length >= 2 && w.raw === w.raw.toUpperCase() && /[A-ZĐ]/.test(w.raw) }));
}

type RawPhrase = { indicator: number; words: { text: string; isAcronym: boolean }[] };

/** Every phrase of every indicator, and in how many indicators each word appears. */
function rawPhrases(indicators: readonly IndicatorDef[]): { raw: RawPhrase[]; df: Map<string, Set<number>> } {
  const raw: RawPhrase[] = [];
  const df = new Map<string, Set<number>>();
  indicators.forEach((def, i) => {
    for (const t of phraseTexts(def)) {
      const words = wordsOf(t);
      if (words.length === 0) continue;
      raw.push({ indicator: i, words });
      for (const w of words) {
        const set = df.get(w.text) ?? new Set<number>();
        set.add(i);
        df.set(w.text, set);
      }
    }
  });
  return { raw, df };
}

/** Builds (once per indicator list) the matching vocabulary. */
export function indexIndicators(indicators: readonly IndicatorDef[]): IndicatorIndex {
  const hit = cache.get(indicators);
  if (hit) return hit;
  const { raw, df } = rawPhrases(indicators);
  const n = Math.max(2, indicators.length);
  const weightOf = (w: string): number => {
    if (STOP_WORDS.has(w)) return 0;
    const idf = Math.log(n / (df.get(w)?.size ?? 1)) + 0.3;
    return WEAK_WORDS.has(w) ? Math.min(WEAK_WEIGHT, idf) : idf;
  };
  const phrases: Phrase[] = raw.map((r) => {
    const words = r.words.map((w) => ({ text: w.text, weight: weightOf(w.text), isAcronym: w.isAcronym }));
    return { indicator: r.indicator, words, total: words.reduce((s, w) => s + w.weight, 0), weighted: words.filter((w) => w.weight > 0).length };
  });
  const index: IndicatorIndex = {
    indicators,
    phrases,
    byWord: new Map(),
    acronyms: new Map(),
    acronymWords: [],
    vocabulary: [...df.keys()],
    indicatorWords: indicators.map(() => new Map<string, number>()),
    maxWeight: Math.log(n) + 0.3,
  };
  fillLookups(index);
  cache.set(indicators, index);
  return index;
}

function fillLookups(index: IndicatorIndex): void {
  const acronymWords = new Set<string>();
  index.phrases.forEach((ph, p) => {
    ph.words.forEach((w, i) => {
      index.indicatorWords[ph.indicator]?.set(w.text, w.weight);
      const list = index.byWord.get(w.text) ?? [];
      list.push([p, i]);
      index.byWord.set(w.text, list);
      if (w.isAcronym && w.text.length >= 2) acronymWords.add(w.text);
    });
    for (let i = 0; i < ph.words.length; i++) {
      let initials = "";
      for (let len = 1; len <= 7 && i + len <= ph.words.length; len++) {
        initials += ph.words[i + len - 1]?.text[0] ?? "";
        if (len < 2) continue;
        const list = index.acronyms.get(initials) ?? [];
        list.push([p, i, len]);
        index.acronyms.set(initials, list);
      }
    }
  });
  index.acronymWords = [...acronymWords].sort((a, b) => b.length - a.length);
}
