/**
 * @module Which steps a pass handles, and whether a step is still useful when it is handled late (catch-up after
 * downtime). A pass at time T with cursor C (the previous successful pass) handles the steps with C < at ≤ T.
 *
 * A handled step S is stale, and reported as skipped, when:
 * 1. past_due: S is a countdown step and the due time is ≤ T;
 * 2. superseded: a later step of the same ladder (countdown steps; escalation rungs) is also due (at ≤ T);
 * 3. too_old: T − S.at > staleAfterHours (default 72 h);
 * 4. next_step_imminent: S is a countdown step, late (T − S.at > lateToleranceMinutes, default 60), and the next
 *    countdown step follows within minGapHours (default 12 h) of T: the same officers would get two countdowns in
 *    a row. (Escalation rungs go to different people, so a late rung is still sent until the next rung is due.)
 * Otherwise it is sent once: dedupe keys do not depend on T, so a pass that is repeated (or overlaps the previous
 * one) yields the same keys and the outbox sends each only once.
 */
import type { DeadlineSchedule, ScheduledStep } from "./reminder-schedule.js";
import type { SkipReason } from "./reminder-types.js";

/** Catch-up thresholds. */
export interface CatchUpOptions {
  lateToleranceMinutes: number;
  minGapHours: number;
  staleAfterHours: number;
}

/** Defaults used when planReminders gets no options. */
export const DEFAULT_CATCH_UP: CatchUpOptions = { lateToleranceMinutes: 60, minGapHours: 12, staleAfterHours: 72 };

const HOUR_MS = 3_600_000;

/** A step falling due in this pass, with its verdict. */
export interface HandledStep {
  scheduled: ScheduledStep;
  stale: SkipReason | null;
}

function nextInLadder(ladder: readonly ScheduledStep[], index: number): ScheduledStep | undefined {
  const self = ladder[index];
  return self ? ladder.slice(index + 1).find((s) => s.at.getTime() > self.at.getTime()) : undefined;
}

function verdict(
  schedule: DeadlineSchedule,
  ladder: readonly ScheduledStep[],
  index: number,
  at: Date,
  opts: CatchUpOptions,
): SkipReason | null {
  const s = ladder[index] as ScheduledStep;
  const now = at.getTime();
  const lateMs = now - s.at.getTime();
  if (s.step.type === "pre_due" && schedule.dueAt.getTime() <= now) return "past_due";
  const next = nextInLadder(ladder, index);
  if (next && next.at.getTime() <= now) return "superseded";
  if (lateMs > opts.staleAfterHours * HOUR_MS) return "too_old";
  const isLate = lateMs > opts.lateToleranceMinutes * 60_000;
  const isCountdown = s.step.type === "pre_due";
  if (isCountdown && isLate && next && next.at.getTime() - now < opts.minGapHours * HOUR_MS) return "next_step_imminent";
  return null;
}

/** The steps of `schedule` with `from < at ≤ to`, each with its staleness verdict at `to`. */
export function stepsInWindow(schedule: DeadlineSchedule, from: Date, to: Date, opts: CatchUpOptions): HandledStep[] {
  const out: HandledStep[] = [];
  for (const ladder of [schedule.preDue, schedule.escalation]) {
    ladder.forEach((scheduled, index) => {
      const t = scheduled.at.getTime();
      if (t > from.getTime() && t <= to.getTime()) out.push({ scheduled, stale: verdict(schedule, ladder, index, to, opts) });
    });
  }
  return out;
}
