/**
 * @module Scoring one unit against the scoring model: a ratio and points per criterion (pure).
 */
import type { Criterion, ScoringModel } from "./scoring-model";
import { CRITERIA } from "./scoring-model";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** One report deadline already due for the unit, and when the unit first sent the figures it asks for. */
export interface DeadlineOutcome {
  deadlineCode: string;
  due: Date;
  submittedAt: Date | null;
}

/** What the ranking needs to know about one unit (built by the caller from progress, deadlines and registrations). */
export interface UnitScoreInput {
  unitId: string;
  unitName: string;
  /** Completion ratios of the unit's judged indicators (see `completionsOf`); nulls are ignored. */
  completions: readonly (number | null)[];
  deadlines: readonly DeadlineOutcome[];
  reportsExpected: number;
  reportsSubmitted: number;
  registrationSubmitted: boolean;
  pledgeSigned: boolean;
}

/** Score of one criterion. `ratio` is null when there was nothing to judge (then 0 points). */
export interface CriterionScore {
  criterion: Criterion;
  ratio: number | null;
  points: number;
  maxPoints: number;
}

/** Rounds points to 2 decimals so that equal scores compare equal (no float noise in ties). */
export function roundPoints(n: number): number {
  return Math.round(n * 100) / 100;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean completion, each indicator floored at 0 and capped at `cap`. */
export function completionRatio(completions: readonly (number | null)[], cap: number): number | null {
  const judged = completions.filter((c): c is number => c !== null && Number.isFinite(c));
  return mean(judged.map((c) => Math.min(cap, Math.max(0, c))));
}

/** Credit of one deadline: 1 on time, minus the late penalty per started day after the grace period. */
export function deadlineCredit(outcome: DeadlineOutcome, model: ScoringModel): number {
  if (!outcome.submittedAt) return 0;
  const lateMs = outcome.submittedAt.getTime() - outcome.due.getTime() - model.graceHours * HOUR_MS;
  if (lateMs <= 0) return 1;
  return Math.max(0, 1 - Math.ceil(lateMs / DAY_MS) * model.latePenaltyPerDay);
}

/** Mean deadline credit; null when no deadline is due yet. */
export function timelinessRatio(deadlines: readonly DeadlineOutcome[], model: ScoringModel): number | null {
  return mean(deadlines.map((d) => deadlineCredit(d, model)));
}

/** Reports sent / owed, clamped to [0, 1]; null when nothing is owed yet. */
export function completenessRatio(expected: number, submitted: number): number | null {
  if (expected <= 0) return null;
  return Math.min(1, Math.max(0, submitted / expected));
}

function ratioOf(criterion: Criterion, input: UnitScoreInput, model: ScoringModel): number | null {
  switch (criterion) {
    case "completion":
      return completionRatio(input.completions, model.completionCap);
    case "timeliness":
      return timelinessRatio(input.deadlines, model);
    case "completeness":
      return completenessRatio(input.reportsExpected, input.reportsSubmitted);
    case "registration":
      return input.registrationSubmitted ? 1 : 0;
    case "pledge":
      return input.pledgeSigned ? 1 : 0;
  }
}

/** Scores every criterion of one unit; points = ratio × weight, rounded to 0.01. */
export function scoreCriteria(input: UnitScoreInput, model: ScoringModel): CriterionScore[] {
  return CRITERIA.map((criterion) => {
    const ratio = ratioOf(criterion, input, model);
    const weight = model.weights[criterion];
    const maxPoints = roundPoints(weight * (criterion === "completion" ? model.completionCap : 1));
    return { criterion, ratio, points: roundPoints((ratio ?? 0) * weight), maxPoints };
  });
}
