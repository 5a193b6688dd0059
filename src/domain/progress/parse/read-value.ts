/**
 * @module Picks the figure of one indicator among the numbers of a message and converts it into the indicator's
 * measure. Each number is classified (the figure itself, a share of the target, a change, a level, another kind of
 * unit…) from its unit, the words before it and the indicator's data; the most explicit figure wins.
 */
import type { AmbiguityReason, ValueSource } from "./message-reading";
import type { IndicatorProfile } from "./indicator-profile";
import type { NumberMention } from "./read-numbers";
import type { PreparedText } from "./prepare-text";
import type { Cues } from "./read-cues";
import { readCues } from "./read-cues";
import { nounsCompatible } from "./units";

/** A figure above this many times the annual target is not believed without asking. */
export const FAR_ABOVE_TARGET = 10;
/** "N% kế hoạch" above this share of the target is not believed without asking. */
const MAX_RATIO = 5;

type Kind = "direct" | "scaled" | "bare" | "ratio" | "implicit_ratio" | "other_noun" | "change" | "level_stated" | "wrong_dim";

const RANK: Record<Kind, number> = { direct: 1, scaled: 2, bare: 3, ratio: 4, implicit_ratio: 5, other_noun: 6, change: 9, level_stated: 9, wrong_dim: 9 };

interface Classified {
  n: NumberMention;
  kind: Kind;
  value: number;
  ratio?: number;
  cues: Cues;
  text?: string;
}

export interface ValueChoice {
  value: number | null;
  source?: ValueSource;
  /** Where the chosen figure starts (the period named closest before it is the figure's period). */
  at: number | null;
  ambiguity: AmbiguityReason | null;
  explain: string[];
}

export interface ValueInput {
  p: PreparedText;
  scan: string;
  numbers: NumberMention[];
  profile: IndicatorProfile;
  /** Where the indicator was named. */
  span: { start: number; end: number };
  /** The indicator was named with "giảm" ("giảm tỷ lệ hộ nghèo 0,4%"). */
  reductionNamed: boolean;
  isCorrection: boolean;
}

/** Rounds away binary noise (0.27 × 11560 = 3121.2000000000003) and negative zero. */
export function tidy(v: number): number {
  const r = Number(v.toPrecision(12));
  return r === 0 ? 0 : r;
}

function cueWindowStart(n: NumberMention, prev: NumberMention | undefined, span: { start: number; end: number }): number {
  const afterPrev = prev ? prev.end : 0;
  return span.end <= n.start && span.end > afterPrev ? span.end : afterPrev;
}

function classify(n: NumberMention, cues: Cues, input: ValueInput): Classified {
  const { measure } = input.profile;
  const dim = n.unit?.dimension ?? null;
  const base = n.number * (n.scale?.factor ?? 1) * (n.unit?.factor ?? 1);
  const c = (kind: Kind, value: number, ratio?: number): Classified => ({ n, kind, value, cues, ...(ratio !== undefined ? { ratio } : {}) });
  if (n.denominator !== undefined && n.ofTarget) return c("ratio", 0, n.number / n.denominator);
  if (dim === "percent" && n.ofTarget) return c("ratio", 0, n.number / 100);
  if (measure.dimension === "percent") {
    if (dim !== null && dim !== "percent") return c("wrong_dim", 0);
    if (n.scale) return c("wrong_dim", 0);
    return applySense(c(dim === "percent" ? "direct" : "bare", n.number), input);
  }
  if (dim === "percent") {
    const change = ((cues.up || cues.down) && !cues.level) || n.vsLastYear;
    return change ? c("change", 0) : c("implicit_ratio", 0, n.number / 100);
  }
  if (dim === null) return applySense(c(n.scale ? "scaled" : "bare", n.scale ? base / measure.factor : n.number), input);
  if (dim !== measure.dimension) return c("wrong_dim", 0);
  if (dim === "count" && !nounsCompatible(measure.noun, n.unit?.noun ?? null)) return applySense(c("other_noun", base / measure.factor), input);
  if (dim === "other" && measure.noun !== n.unit?.noun) return c("wrong_dim", 0);
  return applySense(c("direct", base / measure.factor), input);
}

/** Signs and meanings that depend on what the indicator measures (growth, reduction, level, share). */
function applySense(x: Classified, input: ValueInput): Classified {
  const { sense } = input.profile;
  const { cues, n } = x;
  const changed = (cues.up || cues.down) && !cues.level;
  if (sense === "growth") {
    if (!n.negative && cues.down && !cues.level) return { ...x, value: -Math.abs(x.value) };
    return x;
  }
  if (sense === "reduction") {
    if (cues.level) return { ...x, kind: "level_stated" };
    if (n.negative) return x;
    if (cues.up && !cues.down) return { ...x, value: -Math.abs(x.value) };
    if (cues.down || input.reductionNamed) return { ...x, value: Math.abs(x.value) };
    return { ...x, kind: "level_stated" };
  }
  if (changed || (n.unit?.dimension === "percent" && n.vsLastYear && input.profile.measure.dimension === "percent")) return { ...x, kind: "change" };
  return x;
}

/** "giảm từ 3,1% xuống 2,1%" for a reduction: the figure is the difference. */
function fromToDifference(list: Classified[], input: ValueInput): Classified | null {
  if (input.profile.sense !== "reduction") return null;
  for (let k = 0; k + 1 < list.length; k++) {
    const a = list[k];
    const b = list[k + 1];
    if (!a || !b || !a.cues.from || !b.cues.level) continue;
    const va = a.n.number;
    const vb = b.n.number;
    return { n: a.n, kind: "direct", value: va - vb, cues: a.cues, text: input.p.original.slice(a.n.start, b.n.end) };
  }
  return null;
}

function pick(list: Classified[], input: ValueInput): Classified | null {
  let usable = list.filter((x) => RANK[x.kind] < 9);
  if (input.isCorrection) {
    const to = usable.filter((x) => x.cues.to);
    const notFrom = usable.filter((x) => !x.cues.from);
    usable = to.length > 0 ? to : notFrom.length > 0 ? notFrom : usable;
  }
  if (usable.length === 0) return null;
  const best = Math.min(...usable.map((x) => RANK[x.kind]));
  const tier = usable.filter((x) => RANK[x.kind] === best);
  return tier.find((x) => x.n.start >= input.span.start) ?? tier[0] ?? null;
}

function noFigureReason(list: Classified[]): AmbiguityReason {
  if (list.some((x) => x.kind === "level_stated")) return "level_not_change";
  if (list.some((x) => x.kind === "change")) return "change_not_level";
  if (list.some((x) => x.kind === "wrong_dim")) return "wrong_dimension";
  return "missing_value";
}

/** Chooses, converts and sanity-checks the figure of one indicator. */
export function chooseValue(input: ValueInput): ValueChoice {
  const list = input.numbers.map((n, k) => classify(n, readCues(input.p, input.scan, cueWindowStart(n, input.numbers[k - 1], input.span), n.start), input));
  const explain = list.map((x) => `number:${x.n.text.trim()}=${x.kind}`);
  const chosen = fromToDifference(list, input) ?? pick(list, input);
  if (!chosen) return { value: null, at: null, ambiguity: noFigureReason(list), explain };
  const target = input.profile.def.target;
  let value = chosen.value;
  if (chosen.ratio !== undefined) {
    if (target === null || target <= 0 || chosen.ratio > MAX_RATIO) return { value: null, at: chosen.n.start, ambiguity: target === null ? "missing_value" : "implausible_value", explain };
    value = chosen.ratio * target;
  }
  value = tidy(value);
  const source: ValueSource = {
    text: chosen.text ?? chosen.n.text.trim(),
    number: chosen.n.number,
    unit: chosen.n.unit?.label ?? null,
    scale: chosen.n.scale?.factor ?? 1,
    ...(chosen.ratio !== undefined ? { ratioOfTarget: chosen.ratio } : {}),
  };
  const bad = implausibility(value, chosen, input.profile);
  if (bad) return { value: null, source, at: chosen.n.start, ambiguity: bad, explain: [...explain, `rejected:${value}`] };
  return { value, source, at: chosen.n.start, ambiguity: null, explain: [...explain, `value:${value}`] };
}

function implausibility(value: number, chosen: Classified, profile: IndicatorProfile): AmbiguityReason | null {
  const target = profile.def.target;
  const bare = chosen.kind === "bare";
  if (chosen.n.absurd || !Number.isFinite(value)) return bare ? "missing_unit" : "implausible_value";
  if (value < 0 && !profile.allowsNegative) return "implausible_value";
  if (profile.maxValue !== null && value > profile.maxValue + 1e-9) return "implausible_value";
  if (target !== null && target > 0 && Math.abs(value) > FAR_ABOVE_TARGET * target) {
    return bare && profile.measure.dimension !== "percent" ? "missing_unit" : "implausible_value";
  }
  return null;
}
