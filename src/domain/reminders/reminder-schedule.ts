/**
 * @module The timetable of one deadline, independent of recipients: when each countdown step and each escalation
 * rung goes out, after moving out of quiet hours, weekends and holidays. Computed once per deadline per pass, then
 * fanned out to recipients (reminder-fanout.ts), which keeps 10k-officer passes cheap.
 *
 * Rules:
 * - Countdown step `d` is nominally at `preDueTime` (default 08:00) local, d days before the due date; the
 *   0-day step is the morning of the due day (at quietStart if the due time is earlier than preDueTime).
 * - Any step outside the sending window or on a non-working day moves to the next working morning (quietStart).
 * - A countdown step moved to or past the due time is dropped (the overdue rung takes over); two countdown steps
 *   moved onto the same local day collapse into the later one (smaller offset: the truer "days left").
 * - Escalation rung i is nominally due + escalationHours[i]; rungs beyond the 4th (officer, unit head, cluster
 *   leader, board) are ignored. When shifting pushes a rung forward, the next rung keeps at least its configured
 *   gap after it, so a weekend does not collapse unit head and cluster leader onto the same Monday morning.
 */
import type { DeadlineDef, DeadlineKind, ReminderRule } from "../campaigns/campaign.js";
import { toAllowedSendTime, type SendingWindow, type WorkingCalendar } from "../calendar/working-calendar.js";
import { addLocalDays, instantFromLocal, localDateOf, parseTimeOfDay } from "../calendar/zoned-time.js";
import type { ReminderStep } from "./reminder-types.js";

/** Escalation rungs in order; index = level. */
export const ESCALATION_LADDER = ["officer", "unit_head", "cluster_leader", "board"] as const;

/** Used for a deadline kind without a configured rule: 7, 3, 1 days before and the due morning; then +1 h, +1 d, +2 d, +4 d. */
export const DEFAULT_REMINDER_RULE: Omit<ReminderRule, "kind"> = {
  offsetsDays: [7, 3, 1, 0],
  escalationHours: [1, 24, 48, 96],
};

/** A step with its nominal and effective (shifted) instants. */
export interface ScheduledStep {
  step: ReminderStep;
  nominalAt: Date;
  /** Effective instant: inside the sending window on a working day. */
  at: Date;
}

/** A countdown step that will not be sent, and why. */
export interface DroppedStep {
  step: ReminderStep;
  nominalAt: Date;
  reason: "shifted_past_due" | "merged" | "due_before_window";
  /** For merged steps: the key of the step that absorbed it. */
  mergedInto?: string;
}

/** The timetable of one deadline. */
export interface DeadlineSchedule {
  deadline: DeadlineDef;
  dueAt: Date;
  /** Local due date "YYYY-MM-DD". */
  dueDate: string;
  /** Countdown steps, ascending by `at`. */
  preDue: ScheduledStep[];
  /** Escalation rungs, by level (non-decreasing `at`). */
  escalation: ScheduledStep[];
  dropped: DroppedStep[];
}

/** What the timetable depends on besides the deadline and its rule. */
export interface ScheduleOptions {
  timeZone: string;
  calendar: WorkingCalendar;
  window: Pick<SendingWindow, "quietStart" | "quietEnd">;
  /** Local time of countdown reminders, "HH:mm" (default "08:00"). */
  preDueTime?: string;
}

const HOUR_MS = 3_600_000;

/** The rule for a deadline kind, or DEFAULT_REMINDER_RULE. */
export function ruleFor(kind: DeadlineKind, rules: readonly ReminderRule[]): ReminderRule {
  return rules.find((r) => r.kind === kind) ?? { kind, ...DEFAULT_REMINDER_RULE };
}

/** Step key used in dedupe keys: "pre-7d", "esc-0". */
export function stepKey(step: { type: "pre_due"; offsetDays: number } | { type: "escalation"; level: number }): string {
  return step.type === "pre_due" ? `pre-${step.offsetDays}d` : `esc-${step.level}`;
}

function atLocalTime(date: string, time: string, zone: string): Date {
  return instantFromLocal(`${date}T${time}`, zone);
}

function preDueSteps(
  dueAt: Date,
  dueDate: string,
  offsets: readonly number[],
  opts: ScheduleOptions,
  window: SendingWindow,
): { steps: ScheduledStep[]; dropped: DroppedStep[] } {
  const unique = [...new Set(offsets.filter((d) => Number.isInteger(d) && d >= 0))].sort((a, b) => b - a);
  const steps: ScheduledStep[] = [];
  const dropped: DroppedStep[] = [];
  for (const offsetDays of unique) {
    const step: ReminderStep = { type: "pre_due", offsetDays, key: stepKey({ type: "pre_due", offsetDays }) };
    const date = addLocalDays(dueDate, -offsetDays);
    let nominalAt = atLocalTime(date, opts.preDueTime ?? "08:00", opts.timeZone);
    if (offsetDays === 0 && nominalAt >= dueAt) nominalAt = atLocalTime(date, window.quietStart, opts.timeZone);
    if (nominalAt >= dueAt) {
      dropped.push({ step, nominalAt, reason: "due_before_window" });
      continue;
    }
    const at = toAllowedSendTime(nominalAt, opts.calendar, window);
    if (at >= dueAt) {
      dropped.push({ step, nominalAt, reason: "shifted_past_due" });
      continue;
    }
    const previous = steps.at(-1);
    if (previous && localDateOf(previous.at, opts.timeZone) === localDateOf(at, opts.timeZone)) {
      dropped.push({ step: previous.step, nominalAt: previous.nominalAt, reason: "merged", mergedInto: step.key });
      steps.pop();
    }
    steps.push({ step, nominalAt, at });
  }
  return { steps, dropped };
}

function escalationSteps(
  dueAt: Date,
  hours: readonly number[],
  opts: ScheduleOptions,
  window: SendingWindow,
): ScheduledStep[] {
  const steps: ScheduledStep[] = [];
  hours.slice(0, ESCALATION_LADDER.length).forEach((h, level) => {
    const nominalAt = new Date(dueAt.getTime() + Math.max(0, h) * HOUR_MS);
    const previous = steps.at(-1);
    const previousHours = hours[level - 1] ?? 0;
    const gapFloor = previous ? previous.at.getTime() + Math.max(0, h - previousHours) * HOUR_MS : 0;
    const at = toAllowedSendTime(new Date(Math.max(nominalAt.getTime(), gapFloor)), opts.calendar, window);
    steps.push({ step: { type: "escalation", level, key: stepKey({ type: "escalation", level }) }, nominalAt, at });
  });
  return steps;
}

/** Builds the timetable of `deadline` under `rule`. */
export function buildDeadlineSchedule(deadline: DeadlineDef, rule: ReminderRule, opts: ScheduleOptions): DeadlineSchedule {
  parseTimeOfDay(opts.preDueTime ?? "08:00");
  const window: SendingWindow = { ...opts.window, zone: opts.timeZone };
  const dueAt = instantFromLocal(deadline.due, opts.timeZone);
  const dueDate = deadline.due.slice(0, 10);
  const { steps, dropped } = preDueSteps(dueAt, dueDate, rule.offsetsDays, opts, window);
  return { deadline, dueAt, dueDate, preDue: steps, escalation: escalationSteps(dueAt, rule.escalationHours, opts, window), dropped };
}
