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
  if (!def) return null;
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
  const list = match.mentions;
  if (list.length === 0) return { kind: "none" };
  if (list.length === 1) {
    const m = list[0] as Candidate;
    const tie = match.ties.get(m);
    if (tie) return { kind: "ask", reason: "unclear_indicator", choices: tie.map(code) };
    if (!m.strong) return { kind: "ask", reason: "unclear_indicator", choices: [code(m)] };
    const other = otherCountOwner(input, m, numbers);
    if (other) return { kind: "ask", reason: "several_indicators", choices: [code(m), code(other)] };
    return { kind: "one", cand: m, numbers };
  }
  const zones = zonesOf(list, numbers);
  const withFigures = list.filter((_, k) => (zones[k]?.length ?? 0) > 0);
  if (withFigures.length === 1) {
    const m = withFigures[0] as Candidate;
    if (m.strong && !match.ties.has(m)) return { kind: "one", cand: m, numbers: zones[list.indexOf(m)] ?? [] };
  }
  return { kind: "ask", reason: "several_indicators", choices: list.map(code) };
}
