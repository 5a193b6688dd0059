/**
 * @module Turns indicator matches into one indicator or a reason to ask. Figures belong to the indicator named before
 * them ("thủy sản 185.300 tấn, trong đó tôm nuôi 21.500 tấn" → two indicators, two figures → ask which); a name
 * without a figure of its own is only context ("thu ngân sách …, chủ yếu từ thuế sản phẩm").
 */
import type { IndicatorDef } from "../../campaigns/campaign";
import type { Candidate, MatchResult } from "./match-indicator";
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
  /** Word indexes that are the unit of a figure ("người" in "3.000 người"): not evidence of an indicator. */
  unitWords: ReadonlySet<number>;
  /** Weight a word needs to name an indicator by itself. */
  specific: number;
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

/** Weak matches with telling words of their own (not a figure's unit) that are followed by a figure of their kind. */
function weakWithFigures(input: PickInput): Candidate[] {
  const { match, unitWords, specific } = input;
  const owned = new Set<number>();
  for (const m of match.mentions) for (const j of m.positions.keys()) owned.add(j);
  const eligible = match.weak.filter((w) => {
    let own = 0;
    for (const [j, weight] of w.positions) if (!owned.has(j) && !unitWords.has(j)) own += weight;
    return own >= specific;
  });
  if (eligible.length === 0) return [];
  const all = [...match.mentions, ...eligible].sort((a, b) => a.start - b.start);
  const zones = zonesOf(all, input.numbers);
  return eligible.filter((w) => {
    const def = input.indicators[w.indicator];
    return def !== undefined && (zones[all.indexOf(w)] ?? []).some((n) => fitsMeasure(n, def));
  });
}

/** One clear indicator, none, or a reason to ask (a tie on shared words; several indicators each with a figure). */
export function pickIndicator(input: PickInput): IndicatorPick {
  const { match, numbers, indicators } = input;
  const code = (c: Candidate): string => indicators[c.indicator]?.code ?? "";
  const list = [...match.mentions, ...weakWithFigures(input)].sort((a, b) => a.start - b.start);
  if (list.length === 0) return { kind: "none" };
  if (list.length === 1) {
    const m = list[0] as Candidate;
    const tie = match.ties.get(m);
    if (tie) return { kind: "ask", reason: "unclear_indicator", choices: tie.map(code) };
    return m.strong ? { kind: "one", cand: m, numbers } : { kind: "ask", reason: "unclear_indicator", choices: [code(m)] };
  }
  const zones = zonesOf(list, numbers);
  const withFigures = list.filter((_, k) => (zones[k]?.length ?? 0) > 0);
  if (withFigures.length === 1) {
    const m = withFigures[0] as Candidate;
    if (m.strong && !match.ties.has(m)) return { kind: "one", cand: m, numbers: zones[list.indexOf(m)] ?? [] };
  }
  return { kind: "ask", reason: "several_indicators", choices: list.map(code) };
}
