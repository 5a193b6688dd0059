/**
 * @module Which indicator a message names. Each name/alias is aligned with the message in order, allowing small gaps
 * ("xã được công nhận đạt chuẩn nông thôn mới"), typos (one edit on long words), i/y variants and acronyms in both
 * directions. Then mentions are resolved: a match inside a larger one is dropped ("lao động qua đào tạo" inside
 * "… qua đào tạo nghề có bằng cấp, chứng chỉ"), equal partial matches are a tie ("nước sạch" → đô thị or nông thôn?),
 * and separate strong matches are several indicators.
 */
import type { Word } from "./prepare-text";
import type { IndicatorIndex, Phrase } from "./indicator-index";
import type { Pair } from "./match-pairs";
import { collectPairs } from "./match-pairs";
import { STOP_WORDS } from "./indicator-index";

const MAX_GAP = 3;
/** Share of a candidate's matched weight that must lie outside another match for it to be a separate mention. */
const DISTINCT = 0.35;
/** Matched share of a phrase above which a match names its indicator by itself. */
const STRONG = 0.6;
/** A partial match on the same words ties with the head only when it scores at least this share of it. */
const TIE = 0.75;
/** The head has "the same words" as a candidate when at most this share of its weight lies outside the candidate. */
const SAME = 0.15;
/** Words around a match searched for more of the indicator's vocabulary. */
const CONTEXT = 4;

/** One indicator's best reading of the message. */
export interface Candidate {
  indicator: number;
  score: number;
  /** Best matched share of a phrase's weight over this indicator's phrases, 0..1. */
  coverage: number;
  /** Matched message words (index into the word list) → weight they carried, over all this indicator's phrases. */
  positions: Map<number, number>;
  /** Character range of the best phrase's match. */
  start: number;
  end: number;
  /** Word range (indexes into the word list) of the best phrase's match. */
  first: number;
  last: number;
  strong: boolean;
}

export interface MatchResult {
  /** Every indicator with some evidence, best first. */
  ranked: Candidate[];
  /** Separate mentions, in text order; each is the head of its tie group. */
  mentions: Candidate[];
  /** Tie groups keyed by the mention they tie with (same words, both partial). */
  ties: Map<Candidate, Candidate[]>;
  /** Partial matches on words of their own, too weak to be a mention by themselves (kept for diagnostics). */
  weak: Candidate[];
}

/**
 * Whether a phrase's pairs can possibly give evidence (see hasEvidence): a telling specific pair, or enough pairs to
 * cover every weighted word. Most phrases touched only by "tỷ lệ" are dropped here before any alignment.
 */
function mayGiveEvidence(pairs: Pair[], phrase: Phrase, specific: number): boolean {
  let covered = 0;
  for (const x of pairs) {
    if (x.telling && x.weight >= specific) return true;
    covered += x.i1 - x.i0 + 1;
  }
  return covered >= phrase.weighted && pairs.length >= 2;
}

interface Chain {
  weight: number;
  cover: number;
  pairs: Pair[];
}

function byPosition(a: Pair, b: Pair): number {
  return a.j0 - b.j0 || a.i0 - b.i0;
}

/** Word gaps between message positions: non-stop words between them, infinite across a figure or a line break. */
interface Gaps {
  nonStop: number[];
  segment: number[];
}

function gapBetween(g: Gaps, a: number, b: number): number {
  return g.segment[a] !== g.segment[b] ? Number.POSITIVE_INFINITY : (g.nonStop[b] ?? 0) - (g.nonStop[a + 1] ?? 0);
}

/** Best in-order alignment of one phrase with the message (a small longest-path over matched word pairs). */
function bestChain(pairs: Pair[], gaps: Gaps): Chain {
  pairs.sort(byPosition);
  const best: number[] = [];
  const prev: number[] = [];
  let top = -1;
  for (let n = 0; n < pairs.length; n++) {
    const k = pairs[n] as Pair;
    const own = k.weight + 0.01 * k.cover;
    best[n] = own;
    prev[n] = -1;
    for (let q = 0; q < n; q++) {
      const o = pairs[q] as Pair;
      if (o.i1 >= k.i0 || o.j1 >= k.j0) continue;
      const gap = gapBetween(gaps, o.j1, k.j0);
      if (gap > MAX_GAP) continue;
      const v = (best[q] ?? 0) + own - 0.05 * gap;
      if (v > (best[n] ?? 0)) {
        best[n] = v;
        prev[n] = q;
      }
    }
    if (top < 0 || (best[n] ?? 0) > (best[top] ?? 0)) top = n;
  }
  const chain: Pair[] = [];
  for (let n = top; n >= 0; n = prev[n] ?? -1) {
    const pr = pairs[n];
    if (pr) chain.unshift(pr);
  }
  return { weight: chain.reduce((s, x) => s + x.weight, 0), cover: chain.reduce((s, x) => s + x.cover, 0), pairs: chain };
}

/** Phrases this short may be written in any order ("NTM huyện" for "huyện NTM"). */
const SHORT_PHRASE = 3;

/**
 * All weighted words of a short phrase found close together in one segment, in any order, as one chain (label
 * style: "NTM huyện", "Thủy sản sản lượng"); null when some word is missing. Slightly discounted against order.
 */
function anyOrderChain(pairs: Pair[], phrase: Phrase, gaps: Gaps): Chain | null {
  const picked: Pair[] = [];
  for (let i = 0; i < phrase.words.length; i++) {
    if ((phrase.words[i]?.weight ?? 0) === 0) continue;
    const pair = pairs.find((x) => x.i0 === i && x.i1 === i);
    if (!pair) return null;
    picked.push(pair);
  }
  if (picked.length < 2) return null;
  picked.sort(byPosition);
  const first = picked[0] as Pair;
  const last = picked[picked.length - 1] as Pair;
  if (new Set(picked.map((x) => x.j0)).size < picked.length || gapBetween(gaps, first.j0, last.j1) > MAX_GAP) return null;
  return { weight: 0.95 * picked.reduce((s, x) => s + x.weight, 0), cover: 0.95 * picked.reduce((s, x) => s + x.cover, 0), pairs: picked };
}

/** Enough to name an indicator: one telling, specific word; or a whole multi-word alias of common words ("giao quân"). */
function hasEvidence(chain: Chain, coverage: number, specific: number): boolean {
  if (chain.pairs.some((x) => x.telling && x.weight >= specific)) return true;
  return coverage >= 0.95 && chain.pairs.length >= 2 && chain.weight >= 1.2 * specific;
}

/**
 * Scores every indicator against the message words (digit-free words; `text` is the scan text they come from, where
 * figures are still digits and non-figures are blank) and resolves mentions, ties and separate indicators.
 * A figure or a line break between two words ends a name.
 */
export function matchIndicators(words: Word[], index: IndicatorIndex, text: string): MatchResult {
  const gaps: Gaps = { nonStop: [0], segment: [] };
  for (let j = 0; j < words.length; j++) {
    const w = words[j] as Word;
    gaps.nonStop.push((gaps.nonStop[j] ?? 0) + (STOP_WORDS.has(w.text) ? 0 : 1));
    const between = j === 0 ? "" : text.slice(words[j - 1]?.end ?? 0, w.start);
    gaps.segment.push((gaps.segment[j - 1] ?? 0) + (/[\d\n]/.test(between) ? 1 : 0));
  }
  const specific = 0.6 * index.maxWeight;
  const perIndicator = new Map<number, Candidate>();
  for (const [p, pairs] of collectPairs(words, index)) {
    const phrase = index.phrases[p];
    if (!phrase || phrase.total <= 0 || !mayGiveEvidence(pairs, phrase, specific)) continue;
    const ordered = bestChain(pairs, gaps);
    const swapped = phrase.weighted <= SHORT_PHRASE ? anyOrderChain(pairs, phrase, gaps) : null;
    const chain = swapped && swapped.cover > ordered.cover ? swapped : ordered;
    const coverage = Math.min(1, chain.cover / phrase.total);
    if (chain.pairs.length === 0 || !hasEvidence(chain, coverage, specific)) continue;
    addChain(perIndicator, phrase.indicator, chain, coverage, words);
  }
  for (const c of perIndicator.values()) addContext(c, words, gaps.segment, index, specific);
  const ranked = [...perIndicator.values()].sort((a, b) => b.score - a.score);
  return { ranked, ...resolve(ranked) };
}

function addChain(perIndicator: Map<number, Candidate>, indicator: number, chain: Chain, coverage: number, words: Word[]): void {
  const score = chain.weight * (0.5 + 0.5 * coverage);
  const c = perIndicator.get(indicator);
  const positions = c?.positions ?? new Map<number, number>();
  for (const x of chain.pairs) for (let j = x.j0; j <= x.j1; j++) positions.set(j, Math.max(positions.get(j) ?? 0, x.weight / (x.j1 - x.j0 + 1)));
  const first = chain.pairs[0];
  const last = chain.pairs[chain.pairs.length - 1];
  if (!c || score > c.score) {
    const best = Math.max(coverage, c?.coverage ?? 0);
    const span = { start: words[first?.j0 ?? 0]?.start ?? 0, end: words[last?.j1 ?? 0]?.end ?? 0, first: first?.j0 ?? 0, last: last?.j1 ?? 0 };
    perIndicator.set(indicator, { indicator, score, coverage: best, positions, ...span, strong: best >= STRONG });
  } else if (coverage > c.coverage) {
    c.coverage = coverage;
    c.strong = coverage >= STRONG;
  }
}

/**
 * Words of the indicator's vocabulary close to its match (same line, no figure between, within a few words) count
 * as half evidence: "dân cư thành thị dùng nước sạch" leans to the đô thị/thành thị indicator although no alias
 * has that word order.
 */
function addContext(c: Candidate, words: Word[], segment: number[], index: IndicatorIndex, specific: number): void {
  const vocab = index.indicatorWords[c.indicator];
  if (!vocab) return;
  const seg = segment[c.first];
  for (let j = Math.max(0, c.first - CONTEXT); j <= Math.min(words.length - 1, c.last + CONTEXT); j++) {
    const w = words[j];
    if (!w || c.positions.has(j) || segment[j] !== seg || w.text.length < 3) continue;
    const weight = vocab.get(w.text) ?? 0;
    if (weight < 0.5 * specific) continue;
    c.positions.set(j, 0.5 * weight);
    c.score += 0.3 * weight;
  }
}

function ownWeight(a: Candidate, b: Candidate): number {
  let s = 0;
  for (const [j, w] of a.positions) if (!b.positions.has(j)) s += w;
  return s;
}

function totalWeight(a: Candidate): number {
  let s = 0;
  for (const w of a.positions.values()) s += w;
  return s;
}

function resolve(ranked: Candidate[]): Pick<MatchResult, "mentions" | "ties" | "weak"> {
  const mentions: Candidate[] = [];
  const weak: Candidate[] = [];
  const ties = new Map<Candidate, Candidate[]>();
  const ordered = [...ranked.filter((c) => c.strong), ...ranked.filter((c) => !c.strong)];
  for (const c of ordered) {
    let placed = false;
    for (const m of mentions) {
      if (ownWeight(c, m) >= DISTINCT * totalWeight(c)) continue;
      placed = true;
      const sameWords = ownWeight(m, c) <= SAME * totalWeight(m);
      const mWinsOutright = (m.coverage >= 0.95 && c.coverage < 0.95) || c.score < TIE * m.score;
      if (sameWords && !mWinsOutright) ties.set(m, [...(ties.get(m) ?? [m]), c]);
      break;
    }
    if (placed) continue;
    if (c.strong || mentions.length === 0) mentions.push(c);
    else if (weak.every((w) => ownWeight(c, w) >= DISTINCT * totalWeight(c))) weak.push(c);
  }
  mentions.sort((a, b) => a.start - b.start);
  return { mentions, ties, weak };
}
