/**
 * @module Turns indicator matches into one indicator or a reason to ask. Figures belong to the indicator named before
 * them ("thủy sản 185.300 tấn, trong đó tôm nuôi 21.500 tấn" → two indicators, two figures → ask which); a name
 * without a figure of its own is only context ("thu ngân sách …, chủ yếu từ thuế sản phẩm").
 */
import type { IndicatorDef } from "../../campaigns/campaign";
import type { Candidate, MatchResult } from "./match-indicator";
import type { IndicatorIndex } from "./indicator-index";
import type { Word } from "./prepare-text";
import type { NumberMention } from "./read-numbers";
import { resolveIndicatorProfile } from "./indicator-profile";
import { nounsCompatible } from "./units";

export type IndicatorPick =
  | { kind: "one"; cand: Candidate; numbers: NumberMention[] }
  | { kind: "none" }
  | { kind: "ask"; reason: "several_indicators" | "unclear_indicator"; choices: string[] };

export interface PickInput {
  match: MatchResult;
  numbers: NumberMention[];
  indicators: readonly IndicatorDef[];
  /** The folded message (to see the words before a mention). */
  folded: string;
  /** The words the match positions refer to. */
  words: Word[];
  index: IndicatorIndex;
}

/** "tỷ trọng dịch vụ trong GRDP", "… so với GRDP": a later name that qualifies the one before it (not "trong đó"). */
const QUALIFIER_RE = /(?:\btrong|\bcua|\bso voi|\bso)\s*$/;

function withoutQualifiers(mentions: Candidate[], folded: string): Candidate[] {
  return mentions.filter((m, k) => {
    if (k === 0) return true;
    const before = folded.slice(Math.max(0, m.start - 12), m.start);
    const sameLine = !folded.slice(mentions[k - 1]?.end ?? 0, m.start).includes("\n");
    return !(sameLine && QUALIFIER_RE.test(before));
  });
}

function zonesOf(list: Candidate[], numbers: NumberMention[]): NumberMention[][] {
  return list.map((m, k) => {
    const from = k === 0 ? 0 : m.start;
    const to = list[k + 1]?.start ?? Number.POSITIVE_INFINITY;
    return numbers.filter((n) => n.start >= from && n.start < to);
  });
}

function fitsMeasure(n: NumberMention, def: IndicatorDef): boolean {
  const m = resolveIndicatorProfile(def).measure;
  const u = n.unit;
  return u !== null && u.dimension === m.dimension && (u.dimension !== "count" || nounsCompatible(m.noun, u.noun));
}

/**
 * A count whose noun is exactly another candidate's measure ("25 vụ" while the chosen indicator counts người) means
 * the message carries that indicator's figure too: "TNGT quý 1: 25 vụ, chết 12 người, bị thương 18 người".
 */
function otherCountOwner(input: PickInput, chosen: Candidate, numbers: NumberMention[]): Candidate | null {
  const def = input.indicators[chosen.indicator];
  if (!def || resolveIndicatorProfile(def).measure.dimension !== "count") return null;
  for (const n of numbers) {
    if (n.unit?.dimension !== "count" || fitsMeasure(n, def)) continue;
    const owner = input.match.ranked.find((c) => {
      const other = input.indicators[c.indicator];
      return c !== chosen && other !== undefined && resolveIndicatorProfile(other).measure.noun === n.unit?.noun;
    });
    if (owner) return owner;
  }
  return null;
}

/** One clear indicator, none, or a reason to ask (a tie on shared words; several indicators each with a figure). */
export function pickIndicator(input: PickInput): IndicatorPick {
  const { match, numbers, indicators } = input;
  const code = (c: Candidate): string => indicators[c.indicator]?.code ?? "";
  const list = withoutQualifiers(match.mentions, input.folded);
  if (list.length === 0) return { kind: "none" };
  const zones = zonesOf(list, numbers);
  const withFigures = list.length === 1 ? list : list.filter((_, k) => (zones[k]?.length ?? 0) > 0);
  if (withFigures.length !== 1) return { kind: "ask", reason: "several_indicators", choices: list.map(code) };
  const m = withFigures[0] as Candidate;
  const own = list.length === 1 ? numbers : (zones[list.indexOf(m)] ?? []);
  const chosen = settleTie(input, m, own);
  if (!chosen) return { kind: "ask", reason: "unclear_indicator", choices: (match.ties.get(m) ?? [m]).map(code) };
  if (!chosen.strong && !match.ties.has(m)) {
    // A lone partial match ("… của huyện") is only worth asking about when it is substantial and a figure of its
    // kind is there; otherwise the message names no indicator.
    const def = indicators[chosen.indicator];
    const worthAsking = chosen.coverage >= WEAK_ASK && def !== undefined && own.some((n) => fitsMeasure(n, def));
    return worthAsking ? { kind: "ask", reason: "unclear_indicator", choices: [code(chosen)] } : { kind: "none" };
  }
  const other = otherCountOwner(input, chosen, own) ?? siblingWithFigure(input, chosen);
  if (other) return { kind: "ask", reason: "several_indicators", choices: [code(chosen), code(other)] };
  return { kind: "one", cand: chosen, numbers: own };
}

/** Weight of the specific words two indicators' names share ("nước sạch" for đô thị / nông thôn; not "tỷ lệ"). */
function sharedWeight(index: IndicatorIndex, a: number, b: number, specific: number): number {
  const va = index.indicatorWords[a];
  const vb = index.indicatorWords[b];
  let shared = 0;
  if (va && vb) for (const [w, weight] of va) if (weight >= specific && vb.has(w)) shared += weight;
  return shared;
}

/**
 * An elliptical list of sibling indicators: "Nước sạch đô thị 88%, nông thôn 63%". A partial match on words of
 * its own, for an indicator sharing a name with the chosen one, followed by its own figure, is a second indicator.
 */
function siblingWithFigure(input: PickInput, chosen: Candidate): Candidate | null {
  const specific = 0.6 * input.index.maxWeight;
  for (const w of input.match.weak) {
    if (sharedWeight(input.index, chosen.indicator, w.indicator, specific) < 2 * specific) continue;
    // Its own words must be telling and foreign to the chosen indicator ("nông thôn" vs đô thị), not shared stems.
    const chosenWords = input.index.indicatorWords[chosen.indicator];
    const own = [...w.positions.keys()].filter((j) => !chosen.positions.has(j) && !chosenWords?.has(input.words[j]?.text ?? ""));
    const ownWeight = own.reduce((sum, j) => sum + (w.positions.get(j) ?? 0), 0);
    if (ownWeight < specific) continue;
    const from = Math.min(...own.map((j) => input.words[j]?.start ?? Number.POSITIVE_INFINITY));
    if (!Number.isFinite(from) || from < chosen.end) continue;
    const def = input.indicators[w.indicator];
    const next = input.numbers.find((n) => n.start >= from);
    if (def && next && fitsMeasure(next, def)) return w;
  }
  return null;
}

/** Least coverage of a lone partial match for the bot to ask "did you mean …?" rather than "which indicator?". */
const WEAK_ASK = 0.35;

/**
 * A tie on shared words ("TNGT … 20 vụ") is settled by the figures when exactly one of the tied indicators has a
 * figure in its own unit (vụ → số vụ); otherwise it stays a tie (null).
 */
function settleTie(input: PickInput, m: Candidate, numbers: NumberMention[]): Candidate | null {
  const tie = input.match.ties.get(m);
  if (!tie) return m;
  const fitting = tie.filter((c) => {
    const def = input.indicators[c.indicator];
    return def !== undefined && numbers.some((n) => fitsMeasure(n, def) && (n.unit?.dimension !== "count" || n.unit.noun === resolveIndicatorProfile(def).measure.noun));
  });
  return fitting.length === 1 ? (fitting[0] ?? null) : null;
}
