/**
 * @module The reminder policy: one pure function per scheduler pass (documenso's resolveNextReminderAt, widened to
 * a whole campaign). Given the time, the previous pass, the calendar and who has submitted what, it returns the
 * reminders due now, with stable dedupe keys, and the stale ones it skipped. No I/O, no clock: the scheduler job
 * loads recipients, calls this, hands `due` to the outbox and stores `cursor` as the next pass's `lastPassAt`.
 *
 * Timing: see reminder-schedule.ts (steps, quiet hours, holidays) and reminder-catch-up.ts (downtime).
 * A pass outside the sending window (night, weekend, holiday) sends nothing and keeps the cursor, so steps that
 * fall due then are sent at the next working morning, never at 23:00.
 */
import type { DeadlineDef, ReminderRule } from "../campaigns/campaign.js";
import {
  DEFAULT_SENDING_WINDOW,
  isAllowedSendTime,
  nextWorkingMorning,
  type SendingWindow,
  type WorkingCalendar,
} from "../calendar/working-calendar.js";
import { DEFAULT_CATCH_UP, stepsInWindow, type CatchUpOptions } from "./reminder-catch-up.js";
import { audienceFor, fanOutStep, indexRecipients } from "./reminder-fanout.js";
import { buildDeadlineSchedule, ruleFor, type DeadlineSchedule } from "./reminder-schedule.js";
import type { DueReminder, ReminderRecipients, SkippedReminder } from "./reminder-types.js";

export { flagHolidayDeadlines } from "./holiday-deadlines.js";
export { upcomingForOfficer } from "./upcoming-deadlines.js";

/** Tunables of the policy; all have defaults. */
export interface ReminderPolicyOptions extends CatchUpOptions {
  /** Local time of countdown reminders (default "08:00"). */
  preDueTime: string;
  /** Without a previous pass, how far back a pass looks for due steps (default 24 h). */
  firstPassLookbackHours: number;
}

/** Defaults of ReminderPolicyOptions. */
export const DEFAULT_POLICY_OPTIONS: ReminderPolicyOptions = {
  ...DEFAULT_CATCH_UP,
  preDueTime: "08:00",
  firstPassLookbackHours: 24,
};

/** Input of one pass. */
export interface PlanRemindersInput {
  /** The pass's time (the scheduler's clock). */
  at: Date;
  /** The cursor returned by the previous successful pass; null on the first pass ever. */
  lastPassAt: Date | null;
  /** IANA zone of the deadlines (APP_TIMEZONE). */
  timeZone: string;
  calendar: WorkingCalendar;
  /** Sending window (default 07:30–20:00). */
  sendingWindow?: Pick<SendingWindow, "quietStart" | "quietEnd">;
  options?: Partial<ReminderPolicyOptions>;
  campaignCode: string;
  deadlines: readonly DeadlineDef[];
  rules: readonly ReminderRule[];
  recipients: ReminderRecipients;
}

/** Result of one pass. */
export interface ReminderPlan {
  /** To send now (each exactly once, by dedupeKey), sorted by scheduledAt then dedupeKey. */
  due: DueReminder[];
  /** Fell due in this pass's window but judged stale (see reminder-catch-up.ts). */
  skipped: SkippedReminder[];
  /** Store as the next pass's lastPassAt. Unchanged when the pass ran outside the sending window. */
  cursor: Date | null;
  /** Set when the pass ran outside the sending window: when sending may resume. */
  deferredUntil: Date | null;
}

/** The timetables of all deadlines (useful to show the plan, e.g. in /admin or the CLI). */
export function scheduleDeadlines(
  input: Pick<PlanRemindersInput, "deadlines" | "rules" | "timeZone" | "calendar" | "sendingWindow" | "options">,
): DeadlineSchedule[] {
  const window = input.sendingWindow ?? DEFAULT_SENDING_WINDOW;
  const preDueTime = input.options?.preDueTime ?? DEFAULT_POLICY_OPTIONS.preDueTime;
  return input.deadlines.map((d) =>
    buildDeadlineSchedule(d, ruleFor(d.kind, input.rules), {
      timeZone: input.timeZone,
      calendar: input.calendar,
      window,
      preDueTime,
    }),
  );
}

/** Plans one scheduler pass. Deterministic: the same input yields the same reminders and keys. */
export function planReminders(input: PlanRemindersInput): ReminderPlan {
  const opts: ReminderPolicyOptions = { ...DEFAULT_POLICY_OPTIONS, ...input.options };
  const window: SendingWindow = { ...DEFAULT_SENDING_WINDOW, ...input.sendingWindow, zone: input.timeZone };
  if (!isAllowedSendTime(input.at, input.calendar, window)) {
    return { due: [], skipped: [], cursor: input.lastPassAt, deferredUntil: nextWorkingMorning(input.at, input.calendar, window) };
  }
  const from = input.lastPassAt ?? new Date(input.at.getTime() - opts.firstPassLookbackHours * 3_600_000);
  if (from.getTime() >= input.at.getTime()) return { due: [], skipped: [], cursor: input.lastPassAt, deferredUntil: null };

  const index = indexRecipients(input.recipients);
  const due: DueReminder[] = [];
  const skipped: SkippedReminder[] = [];
  for (const schedule of scheduleDeadlines({ ...input, options: opts })) {
    const handled = stepsInWindow(schedule, from, input.at, opts);
    if (handled.length === 0) continue;
    const audience = audienceFor(schedule.deadline, index);
    for (const { scheduled, stale } of handled) {
      const reminders = fanOutStep({
        campaignCode: input.campaignCode,
        deadline: schedule.deadline,
        dueAt: schedule.dueAt,
        scheduled,
        audience,
        index,
        timeZone: input.timeZone,
      });
      // A loop, not push(...spread): a step can fan out to tens of thousands of reminders.
      for (const r of reminders) {
        if (stale === null) due.push(r);
        else skipped.push(toSkipped(r, stale));
      }
    }
  }
  due.sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime() || (a.dedupeKey < b.dedupeKey ? -1 : 1));
  return { due, skipped, cursor: input.at, deferredUntil: null };
}

function toSkipped(r: DueReminder, reason: SkippedReminder["reason"]): SkippedReminder {
  return {
    dedupeKey: r.dedupeKey,
    deadlineCode: r.deadlineCode,
    stepKey: r.step.key,
    kind: r.kind,
    recipientId: r.recipient.id,
    scheduledAt: r.scheduledAt,
    reason,
  };
}
