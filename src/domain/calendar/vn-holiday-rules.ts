/**
 * @module Statutory Vietnamese public holidays for officials (cán bộ, công chức, viên chức; Saturday and Sunday are
 * the weekly rest days), derived by rule for any year:
 *
 * - Labour Code 2019 (Bộ luật Lao động 45/2019/QH14) Art. 112, in force from 2021: Tết Dương lịch 1 day (1/1);
 *   Tết Âm lịch 5 days; Chiến thắng 30/4; Quốc tế lao động 1/5; Quốc khánh 2 days (2/9 and the day before or after);
 *   Giỗ Tổ Hùng Vương 10/3 âm lịch. Before 2021 (Labour Code 2012) Quốc khánh was 2/9 only.
 * - Art. 111(3): a holiday on a weekly rest day is compensated on the next working day (nghỉ bù).
 * - Which 5 days of Tết and which neighbour of 2/9 are decided each year by the Prime Minister. The rule below is
 *   our prediction from the decisions of 2020–2026: the Tết days are the last day of the lunar year through mùng 4;
 *   each that falls on a weekend is replaced by a weekday, alternately just before the block and just after it,
 *   starting before. The 2/9 neighbour is the weekday one, preferring a Monday/Friday, else 1/9.
 * Decided years override these (vn-official-days.ts); swaps (hoán đổi) are never predicted.
 */
import { lunarToSolar, solarToLunar, VIETNAM_LUNAR_TZ_HOURS } from "./lunar-calendar.js";
import type { DayOffType, Holiday, HolidayEvent } from "./working-calendar.js";
import { addLocalDays, formatLocalDate, weekdayOfLocalDate } from "./zoned-time.js";

const isWeekend = (date: string): boolean => {
  const w = weekdayOfLocalDate(date);
  return w === 0 || w === 6;
};

/** Builds a Holiday entry with its locale key. */
export function holidayEntry(
  date: string,
  event: HolidayEvent,
  type: DayOffType,
  source: Holiday["source"],
  lunar?: string,
): Holiday {
  const h: Holiday = { date, event, type, nameKey: `reminders.holidays.${event}`, source };
  if (lunar !== undefined) h.lunar = lunar;
  return h;
}

/** Gregorian date "YYYY-MM-DD" of lunar day/month in lunar year `year` (non-leap month). */
export function lunarDate(day: number, month: number, year: number, tz = VIETNAM_LUNAR_TZ_HOURS): string {
  const solar = lunarToSolar({ day, month, year, leap: false }, tz);
  if (!solar) throw new RangeError(`No lunar date ${day}/${month}/${year}`);
  return formatLocalDate(solar[2], solar[1], solar[0]);
}

/** Date of Tết Nguyên đán (mùng 1 tháng Giêng) falling in Gregorian year `year`. */
export function lunarNewYearDate(year: number, tz = VIETNAM_LUNAR_TZ_HOURS): string {
  return lunarDate(1, 1, year, tz);
}

/** Date of Giỗ Tổ Hùng Vương (10/3 âm lịch) in Gregorian year `year`. */
export function hungKingsDate(year: number, tz = VIETNAM_LUNAR_TZ_HOURS): string {
  return lunarDate(10, 3, year, tz);
}

function lunarLabel(date: string, tz: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const l = solarToLunar(d, m, y, tz);
  return `${l.day}/${l.month}`;
}

/** The 5 weekday days off of Tết Nguyên đán in `year`, by the prediction rule in the module header. */
export function predictedLunarNewYearDays(year: number, tz = VIETNAM_LUNAR_TZ_HOURS): string[] {
  const tet = lunarNewYearDate(year, tz);
  const block = [-1, 0, 1, 2, 3].map((n) => addLocalDays(tet, n));
  const chosen = block.filter((d) => !isWeekend(d));
  let before = block[0] as string;
  let after = block[4] as string;
  for (let missing = 5 - chosen.length, i = 0; missing > 0; i++, missing--) {
    if (i % 2 === 0) {
      do before = addLocalDays(before, -1);
      while (isWeekend(before));
      chosen.unshift(before);
    } else {
      do after = addLocalDays(after, 1);
      while (isWeekend(after));
      chosen.push(after);
    }
  }
  return chosen.sort();
}

/** The neighbour of 2/9 given as the second Quốc khánh day (Labour Code 2019), by the prediction rule. */
export function predictedNationalDayNeighbour(year: number): string {
  const before = formatLocalDate(year, 9, 1);
  const after = formatLocalDate(year, 9, 3);
  const weekdays = [before, after].filter((d) => !isWeekend(d));
  const bridge = weekdays.find((d) => [1, 5].includes(weekdayOfLocalDate(d)));
  return bridge ?? (weekdays.length === 1 ? (weekdays[0] as string) : before);
}

/** Statutory holidays of `year` before compensation: one entry per holiday day. */
function statutoryDays(year: number, tz: number): Holiday[] {
  const fixed = (m: number, d: number, event: HolidayEvent): Holiday =>
    holidayEntry(formatLocalDate(year, m, d), event, "holiday", "statutory");
  const days: Holiday[] = [fixed(1, 1, "new_year")];
  for (const d of predictedLunarNewYearDays(year, tz)) {
    days.push(holidayEntry(d, "lunar_new_year", "holiday", "statutory", lunarLabel(d, tz)));
  }
  days.push(holidayEntry(hungKingsDate(year, tz), "hung_kings", "holiday", "statutory", "10/3"));
  days.push(fixed(4, 30, "reunification"), fixed(5, 1, "labour_day"), fixed(9, 2, "national_day"));
  if (year >= 2021) days.push(holidayEntry(predictedNationalDayNeighbour(year), "national_day", "holiday", "statutory"));
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Compensatory days (nghỉ bù) for holidays that fall on a weekend: each gets the next weekday after it that is
 * neither a holiday nor already a compensatory day (Labour Code 2019 Art. 111(3)).
 */
export function compensatoryDays(days: Holiday[]): Holiday[] {
  const taken = new Set(days.map((d) => d.date));
  const out: Holiday[] = [];
  for (const h of days) {
    if (h.type !== "holiday" || !isWeekend(h.date)) continue;
    let d = addLocalDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addLocalDays(d, 1);
    taken.add(d);
    out.push(holidayEntry(d, h.event, "compensatory", h.source));
  }
  return out;
}

/** All statutory holidays and compensatory days of `year`, sorted by date. */
export function statutoryHolidays(year: number, tz = VIETNAM_LUNAR_TZ_HOURS): Holiday[] {
  const days = statutoryDays(year, tz);
  return [...days, ...compensatoryDays(days)].sort((a, b) => a.date.localeCompare(b.date));
}
