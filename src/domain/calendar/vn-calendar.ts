/**
 * @module The Vietnamese official calendar for officials: weekends, public holidays (with lunar Tết and Giỗ Tổ
 * computed for UTC+7), compensatory days and decided swaps. Official decisions (vn-official-days.ts) win over the
 * statutory rule (vn-holiday-rules.ts) for the holidays they cover; configured extra days win over both.
 */
import { VIETNAM_LUNAR_TZ_HOURS } from "./lunar-calendar.js";
import { holidayEntry, statutoryHolidays } from "./vn-holiday-rules.js";
import { OFFICIAL_YEARS, type OfficialYear } from "./vn-official-days.js";
import {
  DEFAULT_SENDING_WINDOW,
  nextWorkingMorning as nextMorning,
  toAllowedSendTime,
  type DayOffType,
  type Holiday,
  type HolidayEvent,
  type SendingWindow,
  type WorkingCalendar,
  type WorkingWeekendDay,
} from "./working-calendar.js";
import { parseLocalDateTime, weekdayOfLocalDate } from "./zoned-time.js";

/** Configuration of the Vietnamese calendar; everything is optional. */
export interface VnCalendarOptions {
  /** Apply shipped government decisions (default true); false = statutory rule only. */
  useOfficialDecisions?: boolean;
  /** Additional days off (a provincial decision, a new national holiday); `event` defaults to "other". */
  extraDaysOff?: Array<{ date: string; event?: HolidayEvent; type?: DayOffType }>;
  /** Additional working weekend days (làm bù), with the day given off in exchange if any. */
  extraWorkdays?: Array<{ date: string; inExchangeFor?: string }>;
  /** Hours east of UTC at which lunar dates are computed (default 7, Vietnam's legal time). */
  lunarTimeZoneHours?: number;
}

/** A WorkingCalendar for Vietnam, plus sending-window helpers bound to it. */
export interface VnCalendar extends WorkingCalendar {
  /** The next working morning (quietStart on a working day) at or after `instant`. */
  nextWorkingMorning(instant: Date, window?: Partial<SendingWindow>): Date;
  /** `instant` if sending is allowed then, else the next working morning. */
  toAllowedSendTime(instant: Date, window?: Partial<SendingWindow>): Date;
  /** Years for which shipped official decisions are used, with the holidays they cover. */
  officialCoverage(): Array<{ year: number; events: HolidayEvent[] }>;
}

interface YearData {
  daysOff: Map<string, Holiday[]>;
  list: Holiday[];
  workdays: Map<string, WorkingWeekendDay>;
}

function officialEntries(official: OfficialYear): Holiday[] {
  return official.daysOff.map(([date, event, type]) => holidayEntry(date, event, type, "official"));
}

function buildYear(year: number, options: VnCalendarOptions): YearData {
  const tz = options.lunarTimeZoneHours ?? VIETNAM_LUNAR_TZ_HOURS;
  const official = options.useOfficialDecisions === false ? undefined : OFFICIAL_YEARS.find((o) => o.year === year);
  const covered = new Set<HolidayEvent>(official?.events ?? []);
  const list = statutoryHolidays(year, tz).filter((h) => !covered.has(h.event));
  if (official) list.push(...officialEntries(official));
  for (const extra of options.extraDaysOff ?? []) {
    if (parseLocalDateTime(extra.date).year !== year) continue;
    list.push(holidayEntry(extra.date, extra.event ?? "other", extra.type ?? "holiday", "custom"));
  }
  list.sort((a, b) => a.date.localeCompare(b.date) || a.event.localeCompare(b.event));
  const daysOff = new Map<string, Holiday[]>();
  for (const h of list) daysOff.set(h.date, [...(daysOff.get(h.date) ?? []), h]);
  const workdays = new Map<string, WorkingWeekendDay>();
  for (const [date, inExchangeFor] of official?.workdays ?? []) workdays.set(date, { date, inExchangeFor, source: "official" });
  for (const w of options.extraWorkdays ?? []) {
    if (parseLocalDateTime(w.date).year !== year) continue;
    const day: WorkingWeekendDay = { date: w.date, source: "custom" };
    if (w.inExchangeFor !== undefined) day.inExchangeFor = w.inExchangeFor;
    workdays.set(w.date, day);
  }
  return { daysOff, list, workdays };
}

/** Creates the Vietnamese calendar. Years are computed lazily and cached. */
export function createVnCalendar(options: VnCalendarOptions = {}): VnCalendar {
  const years = new Map<number, YearData>();
  const yearData = (year: number): YearData => {
    let data = years.get(year);
    if (!data) {
      data = buildYear(year, options);
      years.set(year, data);
    }
    return data;
  };
  const yearOf = (date: string): number => Number(date.slice(0, 4));
  const dayCache = new Map<string, boolean>();

  const calendar: VnCalendar = {
    isWorkingDay(date) {
      const cached = dayCache.get(date);
      if (cached !== undefined) return cached;
      const data = yearData(yearOf(date));
      const weekday = weekdayOfLocalDate(date);
      const working = data.workdays.has(date) || (weekday !== 0 && weekday !== 6 && !data.daysOff.has(date));
      dayCache.set(date, working);
      return working;
    },
    holidaysOn: (date) => [...(yearData(yearOf(date)).daysOff.get(date) ?? [])],
    holidays: (year) => [...yearData(year).list],
    workingWeekendDays: (year) => [...yearData(year).workdays.values()].sort((a, b) => a.date.localeCompare(b.date)),
    nextWorkingMorning: (instant, window) => nextMorning(instant, calendar, { ...DEFAULT_SENDING_WINDOW, ...window }),
    toAllowedSendTime: (instant, window) => toAllowedSendTime(instant, calendar, { ...DEFAULT_SENDING_WINDOW, ...window }),
    officialCoverage: () =>
      options.useOfficialDecisions === false ? [] : OFFICIAL_YEARS.map((o) => ({ year: o.year, events: [...o.events] })),
  };
  return calendar;
}
