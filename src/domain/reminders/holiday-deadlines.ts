/**
 * @module Deadlines that fall on a weekend or a holiday, flagged for the Ban TĐKT ahead of time so it can move
 * them (peers.md idea 4). A deadline on a làm bù Saturday is a working day and is not flagged.
 */
import type { DeadlineDef } from "../campaigns/campaign.js";
import {
  firstWorkingDayFrom,
  lastWorkingDayUntil,
  type Holiday,
  type WorkingCalendar,
} from "../calendar/working-calendar.js";
import { addLocalDays, weekdayOfLocalDate } from "../calendar/zoned-time.js";

/** A deadline due on a non-working day. */
export interface HolidayDeadlineFlag {
  deadlineCode: string;
  title: string;
  /** Local due date-time as in the plan. */
  due: string;
  /** Local due date "YYYY-MM-DD". */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** holiday when the day is a public holiday or day off, else weekend. */
  reason: "holiday" | "weekend";
  holidays: Holiday[];
  /** Suggested earlier date: the last working day before it. */
  previousWorkingDay: string;
  /** The first working day after it (where reminders would land). */
  nextWorkingDay: string;
  /** Carried from the deadline: the plan did not state the date. */
  assumed: boolean;
}

/**
 * Deadlines whose due date is not a working day, sorted by date. `onOrAfter` ("YYYY-MM-DD") keeps only those
 * from that date on, e.g. today's date for a "coming up" list.
 */
export function flagHolidayDeadlines(
  deadlines: readonly DeadlineDef[],
  calendar: WorkingCalendar,
  options: { onOrAfter?: string } = {},
): HolidayDeadlineFlag[] {
  const flags: HolidayDeadlineFlag[] = [];
  for (const d of deadlines) {
    const date = d.due.slice(0, 10);
    if (options.onOrAfter !== undefined && date < options.onOrAfter) continue;
    if (calendar.isWorkingDay(date)) continue;
    const holidays = calendar.holidaysOn(date);
    flags.push({
      deadlineCode: d.code,
      title: d.title,
      due: d.due,
      date,
      weekday: weekdayOfLocalDate(date),
      reason: holidays.length > 0 ? "holiday" : "weekend",
      holidays,
      previousWorkingDay: lastWorkingDayUntil(addLocalDays(date, -1), calendar),
      nextWorkingDay: firstWorkingDayFrom(addLocalDays(date, 1), calendar),
      assumed: d.assumed,
    });
  }
  return flags.sort((a, b) => a.due.localeCompare(b.due) || a.deadlineCode.localeCompare(b.deadlineCode));
}
