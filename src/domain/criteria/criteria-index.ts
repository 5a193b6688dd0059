/**
 * @module Search index over the knowledge base. Two signals:
 * (1) alias alignment — how completely and compactly a title's name, abbreviation or synonym appears in the
 *     question (order-free, typo-tolerant per token, idf-weighted); this alone decides what is answered;
 * (2) MiniSearch full-text ranking over names, keywords and bullet text; it proposes suggestions when the bot
 *     declines (never an answer: a body-text hit is too weak to answer from).
 */
import MiniSearch from "minisearch";
import type { CriteriaKb, KbEntry, KbBullet, RegimeBlock } from "./criteria-kb.js";
import { SECTION_NAMES } from "./criteria-kb.js";
import { confusedSpellings, createTokenNormalizer, repairTelex, typoDistance, type TokenNormalizer } from "./search-text.js";

interface Alias {
  entryId: string;
  tokens: string[];
  weight: number;
  /** Length credited to the alias (an abbreviation stands for its full name). */
  effLength: number;
}

/** The best way one entry's aliases appear in a question. */
export interface EntryMatch {
  entryId: string;
  score: number;
  /** Share of the alias's tokens found (typos count a little less). */
  coverage: number;
  /** Found tokens / width of the question span they occupy. */
  compactness: number;
  /** Token positions [start, end] in the question the alias occupies. */
  span: [number, number];
  weak: boolean;
}

export interface CriteriaIndex {
  normalizer: TokenNormalizer;
  /** Entries whose aliases appear in the question tokens, best first. */
  match(tokens: string[]): EntryMatch[];
  /**
   * Full-text ranking (MiniSearch) of entries for the tokens, best first, scores normalised to the top hit;
   * `onNames` tells whether a term hit the entry's names or keywords (not only its body text).
   */
  rankText(tokens: string[]): { entryId: string; score: number; onNames: boolean }[];
}

const WEAK_WEIGHT = 0.8;
/** Below this coverage an alias can neither be answered from nor suggested. */
const MIN_USEFUL_COVERAGE = 0.35;
const MAX_SHIFT = 3;

function blockText(block: RegimeBlock): string {
  return SECTION_NAMES.flatMap((s) => (block[s] ?? []) as KbBullet[])
    .map((b) => `${b.vi} ${b.en ?? ""}`)
    .join(" ");
}

function buildAliases(entries: readonly KbEntry[], norm: TokenNormalizer): Alias[] {
  const out: Alias[] = [];
  for (const e of entries) {
    const nameLength = Math.max(3, norm.tokensOf(e.names.vi.replace(/\(.*\)/, "")).length);
    const seen = new Map<string, Alias>();
    const add = (phrase: string, weight: number, isAbbreviation: boolean): void => {
      const tokens = norm.tokensOf(phrase);
      if (tokens.length === 0) return;
      const key = tokens.join(" ");
      const effLength = isAbbreviation && tokens.length === 1 ? nameLength : tokens.length;
      const prev = seen.get(key);
      if (!prev || prev.weight < weight) seen.set(key, { entryId: e.id, tokens, weight, effLength });
    };
    [e.names.vi, e.names.en, e.short?.vi ?? "", ...e.aliases.vi, ...e.aliases.en].forEach((p) => add(p, 1, false));
    e.abbreviations.forEach((p) => add(p, 1, true));
    [...e.weakAliases.vi, ...e.weakAliases.en].forEach((p) => add(p, WEAK_WEIGHT, false));
    out.push(...seen.values());
  }
  return out;
}

type Occurrences = Map<string, { pos: number; quality: number }[]>;

/**
 * Aligns one alias with the question: anchored on each occurrence of its rarest token, greedy for the rest.
 * `matched` sums quality × idf of the tokens found, so missing "tỉnh" costs more than missing "đua".
 */
function align(alias: Alias, occ: Occurrences, idf: (t: string) => number): { matched: number; count: number; span: [number, number] } | null {
  const lists = alias.tokens.map((t) => occ.get(t) ?? []);
  let anchorIdx = -1;
  lists.forEach((l, i) => {
    if (l.length > 0 && (anchorIdx < 0 || l.length < (lists[anchorIdx] as unknown[]).length)) anchorIdx = i;
  });
  if (anchorIdx < 0) return null;
  let best: { matched: number; count: number; span: [number, number] } | null = null;
  for (const anchor of lists[anchorIdx] as { pos: number; quality: number }[]) {
    const used = new Set([anchor.pos]);
    let matched = anchor.quality * idf(alias.tokens[anchorIdx] as string);
    let lo = anchor.pos;
    let hi = anchor.pos;
    lists.forEach((l, j) => {
      if (j === anchorIdx) return;
      const expected = anchor.pos + (j - anchorIdx);
      let pick: { pos: number; quality: number } | undefined;
      for (const o of l) {
        if (used.has(o.pos) || Math.abs(o.pos - expected) > MAX_SHIFT) continue;
        if (!pick || Math.abs(o.pos - expected) < Math.abs(pick.pos - expected)) pick = o;
      }
      if (!pick) return;
      used.add(pick.pos);
      matched += pick.quality * idf(alias.tokens[j] as string);
      lo = Math.min(lo, pick.pos);
      hi = Math.max(hi, pick.pos);
    });
    const cand = { matched, count: used.size, span: [lo, hi] as [number, number] };
    if (!best || cand.matched > best.matched || (cand.matched === best.matched && cand.span[1] - cand.span[0] < best.span[1] - best.span[0])) best = cand;
  }
  return best;
}

/** Builds the index once per knowledge base (a few milliseconds). */
export function createCriteriaIndex(kb: CriteriaKb): CriteriaIndex {
  const normalizer = createTokenNormalizer(kb.expansions);
  const aliases = buildAliases(kb.entries, normalizer);
  const byToken = new Map<string, number[]>();
  aliases.forEach((a, i) => a.tokens.forEach((t) => byToken.set(t, [...new Set([...(byToken.get(t) ?? []), i])])));
  const vocabulary = [...byToken.keys()];
  const idfOf = new Map<string, number>();
  for (const [token, ids] of byToken) {
    const entries = new Set(ids.map((i) => (aliases[i] as Alias).entryId)).size;
    idfOf.set(token, Math.log(1 + kb.entries.length / entries));
  }
  const idf = (t: string): number => idfOf.get(t) ?? 1;
  const aliasIdf = aliases.map((a) => a.tokens.reduce((sum, t) => sum + idf(t), 0));
  const fuzzyCache = new Map<string, { token: string; quality: number }[]>();

  function equivalents(q: string): { token: string; quality: number }[] {
    if (byToken.has(q)) return [{ token: q, quality: 1 }];
    if (q.length < 3 || /^\d/.test(q)) return [];
    const cached = fuzzyCache.get(q);
    if (cached) return cached;
    const out: { token: string; quality: number }[] = confusedSpellings(q)
      .filter((v) => byToken.has(v))
      .map((token) => ({ token, quality: 0.85 }));
    const telex = repairTelex(q);
    if (telex !== q && byToken.has(telex)) out.push({ token: telex, quality: 0.9 });
    if (q.endsWith("s") && byToken.has(q.slice(0, -1))) out.push({ token: q.slice(0, -1), quality: 0.95 });
    if (out.length === 0 && q.length >= 4) {
      const max = q.length >= 8 ? 2 : 1;
      for (const v of vocabulary) {
        if (v.length < 4) continue;
        const d = typoDistance(q, v, max);
        if (d <= max) out.push({ token: v, quality: d === 1 ? 0.8 : 0.65 });
      }
    }
    if (fuzzyCache.size > 5000) fuzzyCache.clear();
    fuzzyCache.set(q, out);
    return out;
  }

  const mini = new MiniSearch<{ id: string; names: string; keywords: string; body: string }>({
    fields: ["names", "keywords", "body"],
    tokenize: (s) => s.split(" ").filter(Boolean),
    processTerm: (t) => t,
    searchOptions: { boost: { names: 3, keywords: 2, body: 1 }, fuzzy: (t) => (t.length >= 6 ? 1 : false), combineWith: "OR" },
  });
  mini.addAll(
    kb.entries.map((e) => ({
      id: e.id,
      names: aliases.filter((a) => a.entryId === e.id).map((a) => a.tokens.join(" ")).join(" "),
      keywords: normalizer.tokensOf([...e.keywords.vi, ...e.keywords.en].join(" ")).join(" "),
      body: normalizer.tokensOf(Object.values(e.regimes).map((b) => (b ? blockText(b) : "")).join(" ")).join(" "),
    })),
  );

  function rankText(tokens: string[]): { entryId: string; score: number; onNames: boolean }[] {
    const words = tokens.filter((t) => !/^\d+$/.test(t));
    if (words.length === 0) return [];
    const query = words.join(" ");
    // Exact terms first; fuzzy only when nothing matches (it is the costly part of a MiniSearch query).
    const exact = mini.search(query, { fuzzy: false });
    const hits = exact.length > 0 ? exact : mini.search(query);
    const top = hits[0]?.score ?? 1;
    return hits.map((h) => ({
      entryId: String(h.id),
      score: h.score / top,
      onNames: Object.values(h.match).some((fields) => fields.includes("names") || fields.includes("keywords")),
    }));
  }

  function match(tokens: string[]): EntryMatch[] {
    const occ: Occurrences = new Map();
    tokens.forEach((q, pos) => {
      for (const eq of equivalents(q)) occ.set(eq.token, [...(occ.get(eq.token) ?? []), { pos, quality: eq.quality }]);
    });
    const candidates = new Set<number>();
    for (const t of occ.keys()) for (const i of byToken.get(t) ?? []) candidates.add(i);
    const best = new Map<string, EntryMatch>();
    for (const i of candidates) {
      const alias = aliases[i] as Alias;
      const total = aliasIdf[i] as number;
      // Cheap upper bound first: an alias whose present tokens cannot reach a useful coverage is not aligned.
      if (alias.tokens.reduce((sum, t) => sum + (occ.has(t) ? idf(t) : 0), 0) < MIN_USEFUL_COVERAGE * total) continue;
      const a = align(alias, occ, idf);
      if (!a) continue;
      const coverage = a.matched / total;
      const compactness = a.count / (a.span[1] - a.span[0] + 1);
      const score = alias.weight * coverage * Math.sqrt(compactness) * (1 + 0.1 * Math.min(alias.effLength, 6));
      const cand: EntryMatch = { entryId: alias.entryId, score, coverage, compactness, span: a.span, weak: alias.weight < 1 };
      const prev = best.get(alias.entryId);
      // A full match of a generic alias beats a partial match of a specific one: confidence first, then score.
      if (!prev || rank(cand) > rank(prev)) best.set(alias.entryId, cand);
    }
    return [...best.values()].sort((x, y) => rank(y) - rank(x));
  }

  return { normalizer, match, rankText };
}

/** Whether a match is strong enough to answer from (never answer from a partial or scattered match). */
export function isConfident(m: EntryMatch): boolean {
  return m.coverage >= CONFIDENT_COVERAGE && m.compactness >= 0.6;
}

/** Coverage (idf-weighted) needed to answer: one missing common syllable passes, a missing "tỉnh" does not. */
const CONFIDENT_COVERAGE = 0.82;

const rank = (m: EntryMatch): number => m.score + (isConfident(m) ? 10 : 0);
