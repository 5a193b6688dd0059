/**
 * @module Working days and the daily sending window. The reminder policy depends only on the WorkingCalendar port,
 * so a province with its own days off (or another country) plugs in its own calendar; vn-calendar.ts is the default.
 */
import {
  addLocalDays,
  instantFromLocal,
  localDateOf,
  localPartsOf,
  parseLocalDateTime,
  parseTimeOfDay,
} from "./zoned-time.js";

/** Which public holiday a day off belongs to (locale key `reminders.holidays.<event>`). */
export type HolidayEvent =
  | "new_year"
  | "lunar_new_year"
  | "hung_kings"
  | "reunification"
  | "labour_day"
  | "national_day"
  | "other";

/**
 * holiday: the statutory day itself (may fall on a weekend); compensatory: nghỉ bù for a holiday that fell on a
 * weekend; swapped: a working day given off in exchange for a Saturday worked (hoán đổi, làm bù).
 */
export type DayOffType = "holiday" | "compensatory" | "swapped";

/** One day off (or statutory holiday) in the calendar. */
export interface Holiday {
  /** Local date "YYYY-MM-DD". */
  date: string;
  event: HolidayEvent;
  type: DayOffType;
  /** Locale key of the holiday's name, e.g. "reminders.holidays.lunar_new_year". */
  nameKey: string;
  /** official: a government decision shipped as data; statutory: derived from the Labour Code rule; custom: configured. */
  source: "official" | "statutory" | "custom";
  /** The lunar date for lunar holidays ("1/1", "10/3"), for display. */
  lunar?: string;
}

/** A Saturday/Sunday that is a working day (làm bù for a swap). */
export interface WorkingWeekendDay {
  date: string;
  /** The weekday given off in exchange. */
  inExchangeFor?: string;
  source: "official" | "custom";
}

/** The port the reminder policy needs: is a local date a working day, and what is on it. */
export interface WorkingCalendar {
  /** True for a working day (Mon–Fri not off, or a làm bù weekend day). `date` is "YYYY-MM-DD". */
  isWorkingDay(date: string): boolean;
  /** Holidays and days off on `date` (empty on ordinary days and plain weekends). */
  holidaysOn(date: string): Holiday[];
  /** All holiday/day-off entries of a Gregorian year, sorted by date. */
  holidays(year: number): Holiday[];
  /** Weekend days that are working days in `year` (swaps). */
  workingWeekendDays(year: number): WorkingWeekendDay[];
}

/**
 * The daily window in which the bot may message people, local to `zone`. Named after the brief: quiet hours are
 * everything outside [quietStart, quietEnd), i.e. quietStart is when quiet hours END in the morning ("07:30")
 * and quietEnd is when they begin in the evening ("20:00").
 */
export interface SendingWindow {
  quietStart: string;
  quietEnd: string;
  zone: string;
}

/** Default window: 07:30–20:00 in Vietnam. */
export const DEFAULT_SENDING_WINDOW: SendingWindow = { quietStart: "07:30", quietEnd: "20:00", zone: "Asia/Ho_Chi_Minh" };

// Tết with weekends and compensatory days never exceeds ~10 days; 60 leaves room for odd custom calendars.
const MAX_SEARCH_DAYS = 60;

function windowMinutes(window: SendingWindow): [number, number] {
  const start = parseTimeOfDay(window.quietStart);
  const end = parseTimeOfDay(window.quietEnd);
  if (end <= start) throw new RangeError(`Sending window must end after it starts: ${window.quietStart}–${window.quietEnd}`);
  return [start, end];
}

function morningOf(date: string, window: SendingWindow): Date {
  const d = parseLocalDateTime(date);
  const minutes = parseTimeOfDay(window.quietStart);
  return instantFromLocal({ ...d, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 }, window.zone);
}

/** True when `instant` is on a working day and inside the sending window. */
export function isAllowedSendTime(instant: Date, calendar: WorkingCalendar, window: SendingWindow): boolean {
  const [start, end] = windowMinutes(window);
  const p = localPartsOf(instant, window.zone);
  const minute = p.hour * 60 + p.minute + p.second / 60;
  return minute >= start && minute < end && calendar.isWorkingDay(localDateOf(instant, window.zone));
}

/** First working day on or after `date` (itself when it is one). */
export function firstWorkingDayFrom(date: string, calendar: WorkingCalendar): string {
  let d = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, d = addLocalDays(d, 1)) {
    if (calendar.isWorkingDay(d)) return d;
  }
  throw new RangeError(`No working day within ${MAX_SEARCH_DAYS} days of ${date}`);
}

/** Last working day on or before `date`. */
export function lastWorkingDayUntil(date: string, calendar: WorkingCalendar): string {
  let d = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++, d = addLocalDays(d, -1)) {
    if (calendar.isWorkingDay(d)) return d;
  }
  throw new RangeError(`No working day within ${MAX_SEARCH_DAYS} days before ${date}`);
}

/**
 * The next working morning at or after `instant`: quietStart on the same local day if that is a working day and
 * the window has not opened yet, otherwise quietStart of the next working day.
 */
export function nextWorkingMorning(instant: Date, calendar: WorkingCalendar, window: SendingWindow): Date {
  const [start] = windowMinutes(window);
  const p = localPartsOf(instant, window.zone);
  const today = localDateOf(instant, window.zone);
  const beforeOpening = p.hour * 60 + p.minute + p.second / 60 <= start;
  const from = beforeOpening ? today : addLocalDays(today, 1);
  return morningOf(firstWorkingDayFrom(from, calendar), window);
}

/** `instant` itself when sending is allowed then, else the next working morning. Never returns a quiet time. */
export function toAllowedSendTime(instant: Date, calendar: WorkingCalendar, window: SendingWindow): Date {
  return isAllowedSendTime(instant, calendar, window) ? instant : nextWorkingMorning(instant, calendar, window);
}
