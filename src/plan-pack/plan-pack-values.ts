/**
 * @module Value checks shared by the plan-pack schema and its cross-checks: local date-times, calendar dates,
 * period codes, time zones and the legal regime a plan year falls under.
 */
import type { RegimeYear } from "../domain/campaigns/campaign.js";

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^(\d{4})-(M(0[1-9]|1[0-2])|Q[1-4]|H1|9M|Y)$/;

function isRealDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one (handles leap years).
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last;
}

/** "2021-04-05T17:00" (seconds optional, no offset): a wall-clock time in the campaign's zone. */
export function isValidLocalDateTime(value: string): boolean {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m;
  if (!isRealDay(Number(y), Number(mo), Number(d))) return false;
  return Number(h) <= 23 && Number(mi) <= 59 && (s === undefined || Number(s) <= 59);
}

/** "2021-01-14": a real calendar day. */
export function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Period codes of runtime-contract.md: 2021-M03, 2021-Q1, 2021-H1, 2021-9M, 2021-Y. */
export function isValidPeriodCode(value: string): boolean {
  return PERIOD.test(value);
}

/** Year of a period code, or null when the code is malformed. */
export function periodYear(value: string): number | null {
  const m = PERIOD.exec(value);
  return m ? Number(m[1]) : null;
}

/** Year of a local date-time or date string (first four digits), or null. */
export function dateYear(value: string): number | null {
  const m = /^(\d{4})-/.exec(value);
  return m ? Number(m[1]) : null;
}

/** IANA zone known to the runtime (Intl throws RangeError for unknown ones). */
export function isValidTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * Regime of a plan year (law.md §0): achievements of years up to 2023 are judged under the 2003 law + NĐ 91/2017,
 * later years under Law 06/2022/QH15 (in force 01/01/2024).
 */
export function deriveRegimeYear(planYear: number): RegimeYear {
  return planYear <= 2023 ? 2003 : 2022;
}
