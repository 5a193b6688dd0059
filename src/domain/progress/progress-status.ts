/**
 * @module Completion ratio and status of one figure against its target (pure).
 *
 * Completion is a ratio where 1 means "the target is reached" and higher is always better, whatever the comparator:
 * - `>=`, `>` (higher is better): 1 + (v − t) / |t|, which is v / t for a positive target; a negative growth rate
 *   against a positive target gives a negative completion.
 * - `<=`, `<` (lower is better): 1 + (t − v) / |t| (linear, so 0 cases never divides by zero).
 * - `=` (structure shares, "chiếm 31,51 %"): closeness 1 − |v − t| / |t|, floored at 0.
 * - `decrease_vs_previous_year`: the lower-is-better formula against the same span of the previous year.
 * - `maintain` (yes/no, 1 = đạt): 1 or 0.
 *
 * Status, judged from the share of the year elapsed (`elapsedShare`, e.g. 0.25 after Q1):
 * - accumulating quantities with a higher-is-better target (budget revenue, tonnes, jobs) are expected to have
 *   reached target × elapsedShare: `done` once the annual target itself is met, `on_track` when completion ≥
 *   elapsedShare, `at_risk` when within `atRiskMargin` (relative) below it, `behind` otherwise;
 * - accumulating quantities with a lower-is-better ceiling are compared with the ceiling × elapsedShare;
 * - rates, shares and levels are compared with the target directly: met → `on_track` (`done` at year end), within
 *   the margin → `at_risk`, otherwise `behind`; for `=` the margin is twice the equality tolerance;
 * - `no_data` when there is no value, no target (where one is needed) or no previous-year figure for a decrease.
 */
import type { Comparator, ValueKind } from "../campaigns/campaign";

/** Board-facing status of an indicator (province or unit) for a period. */
export type ProgressStatus = "on_track" | "at_risk" | "behind" | "done" | "no_data";

/** Statuses from best to worst, for legends and summaries. */
export const PROGRESS_STATUSES: readonly ProgressStatus[] = ["done", "on_track", "at_risk", "behind", "no_data"];

/** Why a status is `no_data` (shown to the board as a hint of what is missing). */
export type NoDataReason = "no_value" | "no_target" | "no_baseline" | "no_unit_target";

/** Tunables of the status rule; the defaults are in {@link DEFAULT_STATUS_OPTIONS}. */
export interface StatusOptions {
  /** Relative shortfall below the expected completion still counted as `at_risk` (0.1 = 10 %). */
  atRiskMargin: number;
  /** Tolerance of `=` for percent values, in percentage points. */
  equalityTolerancePoints: number;
  /** Tolerance of `=` for other values, as a share of the target. */
  equalityToleranceShare: number;
}

/** 10 % at-risk margin; shares met within ±0,5 percentage points (other values ±1 % of target). */
export const DEFAULT_STATUS_OPTIONS: StatusOptions = {
  atRiskMargin: 0.1,
  equalityTolerancePoints: 0.5,
  equalityToleranceShare: 0.01,
};

/** One figure to judge, with what it is judged against. */
export interface EvaluateInput {
  comparator: Comparator;
  valueKind: ValueKind;
  value: number | null;
  /** Annual target; null where the plan gives no number. */
  target: number | null;
  /** Same span of the previous year (only used by `decrease_vs_previous_year`). */
  previousValue?: number | null;
  /** true when figures add up over the year (lũy kế), so the target is pro-rated by elapsedShare. */
  accumulates: boolean;
  /** Share of the year the figure covers, in (0, 1]; 1 = the whole year. */
  elapsedShare: number;
  options?: Partial<StatusOptions>;
}

/** The outcome of `evaluateProgress`. */
export interface Evaluation {
  /** 1 = target reached (see the module header); null when it cannot be computed. */
  completion: number | null;
  /** The completion expected by now: elapsedShare for accumulating higher-is-better quantities, else 1. */
  expectedCompletion: number | null;
  /** Whether the comparator is honoured now (for accumulating quantities: the annual target already reached). */
  isMet: boolean | null;
  status: ProgressStatus;
  noDataReason?: NoDataReason;
}

const YEAR_END = 0.9999;

/** Completion ratio for higher-is-better targets (see module header). */
export function completionHigher(value: number, target: number): number {
  if (target === 0) return value >= 0 ? 1 : 0;
  return 1 + (value - target) / Math.abs(target);
}

/** Completion ratio for lower-is-better targets (see module header). */
export function completionLower(value: number, target: number): number {
  if (target === 0) return value <= 0 ? 1 : 0;
  return 1 + (target - value) / Math.abs(target);
}

/** Whether `value` honours a plain comparator against `target`. */
export function compareWith(comparator: ">=" | ">" | "<=" | "<", value: number, target: number): boolean {
  switch (comparator) {
    case ">=":
      return value >= target;
    case ">":
      return value > target;
    case "<=":
      return value <= target;
    case "<":
      return value < target;
  }
}

/** Evaluates one figure: completion, whether it is met, and the status (rules in the module header). */
export function evaluateProgress(input: EvaluateInput): Evaluation {
  const opts = { ...DEFAULT_STATUS_OPTIONS, ...input.options };
  const { value, comparator } = input;
  if (value === null || !Number.isFinite(value)) return noData("no_value");
  if (comparator === "maintain") return evaluateMaintain(value, input.target, input.elapsedShare);
  if (comparator === "decrease_vs_previous_year") return evaluateDecrease(value, input, opts);
  if (input.target === null) return noData("no_target");
  if (comparator === "=") return evaluateEquality(value, input.target, input, opts);
  if (comparator === ">=" || comparator === ">") return evaluateHigher(value, input.target, comparator, input, opts);
  return evaluateLower(value, input.target, comparator, input, opts);
}

function noData(reason: NoDataReason): Evaluation {
  return { completion: null, expectedCompletion: null, isMet: null, status: "no_data", noDataReason: reason };
}

/** met → on_track (done at year end); completion within the margin of `expected` → at_risk; else behind. */
function grade(isMet: boolean, completion: number, expected: number, elapsedShare: number, margin: number): ProgressStatus {
  if (isMet) return elapsedShare >= YEAR_END ? "done" : "on_track";
  return completion >= expected * (1 - margin) ? "at_risk" : "behind";
}

function evaluateMaintain(value: number, target: number | null, elapsedShare: number): Evaluation {
  const isMet = value >= (target ?? 1);
  const status = isMet ? (elapsedShare >= YEAR_END ? "done" : "on_track") : "behind";
  return { completion: isMet ? 1 : 0, expectedCompletion: 1, isMet, status };
}

function evaluateDecrease(value: number, input: EvaluateInput, opts: StatusOptions): Evaluation {
  const previous = input.previousValue ?? null;
  if (previous === null || !Number.isFinite(previous)) return noData("no_baseline");
  // Zero last year and zero again counts as met: there is nothing left to reduce.
  const isMet = value < previous || (value === 0 && previous === 0);
  const completion = completionLower(value, previous);
  return { completion, expectedCompletion: 1, isMet, status: grade(isMet, completion, 1, input.elapsedShare, opts.atRiskMargin) };
}

function equalityTolerance(valueKind: ValueKind, target: number, opts: StatusOptions): number {
  return valueKind === "percent" ? opts.equalityTolerancePoints : Math.abs(target) * opts.equalityToleranceShare;
}

function evaluateEquality(value: number, target: number, input: EvaluateInput, opts: StatusOptions): Evaluation {
  const tolerance = equalityTolerance(input.valueKind, target, opts);
  const deviation = Math.abs(value - target);
  const completion = target === 0 ? (deviation <= tolerance ? 1 : 0) : Math.max(0, 1 - deviation / Math.abs(target));
  const isMet = deviation <= tolerance;
  let status: ProgressStatus;
  if (isMet) status = input.elapsedShare >= YEAR_END ? "done" : "on_track";
  else status = deviation <= 2 * tolerance ? "at_risk" : "behind";
  return { completion, expectedCompletion: 1, isMet, status };
}

function evaluateHigher(value: number, target: number, comparator: ">=" | ">", input: EvaluateInput, opts: StatusOptions): Evaluation {
  const completion = completionHigher(value, target);
  const isMet = compareWith(comparator, value, target);
  if (!input.accumulates) {
    return { completion, expectedCompletion: 1, isMet, status: grade(isMet, completion, 1, input.elapsedShare, opts.atRiskMargin) };
  }
  const expected = clampShare(input.elapsedShare);
  let status: ProgressStatus;
  if (isMet) status = "done";
  else if (completion >= expected && expected < YEAR_END) status = "on_track";
  else status = completion >= expected * (1 - opts.atRiskMargin) ? "at_risk" : "behind";
  return { completion, expectedCompletion: expected, isMet, status };
}

function evaluateLower(value: number, target: number, comparator: "<=" | "<", input: EvaluateInput, opts: StatusOptions): Evaluation {
  // An accumulating ceiling (e.g. at most 100 cases a year) is pro-rated, so Q1 is judged against 25 cases.
  const ceiling = input.accumulates ? target * clampShare(input.elapsedShare) : target;
  const completion = completionLower(value, ceiling);
  const isMet = compareWith(comparator, value, ceiling);
  return { completion, expectedCompletion: 1, isMet, status: grade(isMet, completion, 1, input.elapsedShare, opts.atRiskMargin) };
}

function clampShare(share: number): number {
  return Math.min(1, Math.max(0, share));
}

/** Counts statuses, e.g. for a digest line "12 đạt tiến độ, 3 có nguy cơ…". */
export function countStatuses(statuses: Iterable<ProgressStatus>): Record<ProgressStatus, number> {
  const counts: Record<ProgressStatus, number> = { done: 0, on_track: 0, at_risk: 0, behind: 0, no_data: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}
