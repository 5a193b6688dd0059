/**
 * @module Reporting periods (kỳ báo cáo) as stable codes: `2021-M03` month, `2021-Q1` quarter, `2021-H1`/`2021-H2`
 * six months, `2021-9M` nine months, `2021-Y` whole year. Pure calendar arithmetic; "today" is always a parameter.
 */
import type { Frequency } from "../campaigns/campaign";

export type PeriodKind = "month" | "quarter" | "half" | "nine_months" | "year";

/** A decoded period code. `index` is the month (1-12), quarter (1-4) or half (1-2); 1 for 9M and Y. */
export interface PeriodInfo {
  code: string;
  year: number;
  kind: PeriodKind;
  index: number;
  /** First and last calendar month covered, 1-based. */
  startMonth: number;
  endMonth: number;
}

/** A calendar day in the campaign's time zone (no time, no offset). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const CODE_RE = /^(\d{4})-(?:M(0[1-9]|1[0-2])|Q([1-4])|H([12])|(9M)|(Y))$/;

/** Decodes a period code; null when the text is not one. */
export function parsePeriodCode(code: string): PeriodInfo | null {
  const m = CODE_RE.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return info(code, year, "month", Number(m[2]), Number(m[2]), Number(m[2]));
  if (m[3]) return info(code, year, "quarter", Number(m[3]), Number(m[3]) * 3 - 2, Number(m[3]) * 3);
  if (m[4]) return info(code, year, "half", Number(m[4]), Number(m[4]) * 6 - 5, Number(m[4]) * 6);
  if (m[5]) return info(code, year, "nine_months", 1, 1, 9);
  return info(code, year, "year", 1, 1, 12);
}

function info(code: string, year: number, kind: PeriodKind, index: number, startMonth: number, endMonth: number): PeriodInfo {
  return { code, year, kind, index, startMonth, endMonth };
}

/** True for a well-formed period code such as `2021-Q1`. */
export function isPeriodCode(code: string): boolean {
  return CODE_RE.test(code);
}

/** Builds a code from its parts (`makePeriodCode(2021, "month", 3)` → `2021-M03`). */
export function makePeriodCode(year: number, kind: PeriodKind, index = 1): string {
  switch (kind) {
    case "month":
      return `${year}-M${String(index).padStart(2, "0")}`;
    case "quarter":
      return `${year}-Q${index}`;
    case "half":
      return `${year}-H${index}`;
    case "nine_months":
      return `${year}-9M`;
    case "year":
      return `${year}-Y`;
  }
}

function mustParse(code: string): PeriodInfo {
  const p = parsePeriodCode(code);
  if (!p) throw new RangeError(`not a period code: ${code}`);
  return p;
}

/** Months covered by a period, 1-based and inclusive. Throws RangeError on a malformed code. */
export function periodMonths(code: string): { startMonth: number; endMonth: number } {
  const p = mustParse(code);
  return { startMonth: p.startMonth, endMonth: p.endMonth };
}

/** Last month covered (`2021-H1` → 6). Throws RangeError on a malformed code. */
export function periodEndMonth(code: string): number {
  return mustParse(code).endMonth;
}

/** The period of the same kind just before (`2021-Q1` → `2020-Q4`, `2021-9M` → `2020-9M`). */
export function previousPeriod(code: string): string {
  const p = mustParse(code);
  const perYear = { month: 12, quarter: 4, half: 2, nine_months: 1, year: 1 }[p.kind];
  return p.index > 1 ? makePeriodCode(p.year, p.kind, p.index - 1) : makePeriodCode(p.year - 1, p.kind, perYear);
}

/** Maps a reporting frequency to the period kind it reports in. */
export function frequencyKind(frequency: Frequency): PeriodKind {
  return ({ monthly: "month", quarterly: "quarter", semiannual: "half", annual: "year" } as const)[frequency];
}

/** The period that contains a day (`quarter`, 2021-04-05 → `2021-Q2`); 9M is "current" from January to September. */
export function currentPeriod(kind: PeriodKind | Frequency, date: LocalDate): string {
  const k = toKind(kind);
  const { year, month } = date;
  if (k === "month") return makePeriodCode(year, k, month);
  if (k === "quarter") return makePeriodCode(year, k, Math.ceil(month / 3));
  if (k === "half") return makePeriodCode(year, k, month <= 6 ? 1 : 2);
  return makePeriodCode(year, k);
}

/** The most recent period of that kind that has fully ended before `date` (`quarter`, 2021-04-05 → `2021-Q1`). */
export function lastFinishedPeriod(kind: PeriodKind | Frequency, date: LocalDate): string {
  const k = toKind(kind);
  const { year, month } = date;
  if (k === "month") return month > 1 ? makePeriodCode(year, k, month - 1) : makePeriodCode(year - 1, k, 12);
  if (k === "quarter") {
    const q = Math.ceil(month / 3);
    return q > 1 ? makePeriodCode(year, k, q - 1) : makePeriodCode(year - 1, k, 4);
  }
  if (k === "half") return month > 6 ? makePeriodCode(year, k, 1) : makePeriodCode(year - 1, k, 2);
  if (k === "nine_months") return makePeriodCode(month > 9 ? year : year - 1, k);
  return makePeriodCode(year - 1, k);
}

function toKind(kind: PeriodKind | Frequency): PeriodKind {
  return kind === "monthly" || kind === "quarterly" || kind === "semiannual" || kind === "annual" ? frequencyKind(kind) : kind;
}

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * Human label of a period: "Quý 1/2021", "6 tháng đầu năm 2021" (vi) or "Q1 2021", "H1 2021" (en).
 * Period names are part of the period vocabulary itself, so they live here rather than in the message catalogs.
 * A malformed code is returned unchanged.
 */
export function formatPeriod(code: string, locale: "vi" | "en"): string {
  const p = parsePeriodCode(code);
  if (!p) return code;
  const vi = locale === "vi";
  switch (p.kind) {
    case "month":
      return vi ? `Tháng ${p.index}/${p.year}` : `${MONTHS_EN[p.index - 1]} ${p.year}`;
    case "quarter":
      return vi ? `Quý ${p.index}/${p.year}` : `Q${p.index} ${p.year}`;
    case "half":
      if (vi) return `6 tháng ${p.index === 1 ? "đầu" : "cuối"} năm ${p.year}`;
      return `H${p.index} ${p.year}`;
    case "nine_months":
      return vi ? `9 tháng đầu năm ${p.year}` : `9 months ${p.year}`;
    case "year":
      return vi ? `Năm ${p.year}` : `Year ${p.year}`;
  }
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Day of the year, 1-based (1 January = 1). */
export function dayOfYear(date: LocalDate): number {
  const cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
  const m = Math.min(12, Math.max(1, date.month));
  return (cumulative[m - 1] ?? 0) + date.day + (m > 2 && isLeap(date.year) ? 1 : 0);
}

/**
 * Share of `year` elapsed by the END of `date` (0 before the year, 1 after it; 2021-04-05 → 95/365).
 * Used to compare progress with time: a figure at 26% of the year is on track at 26% of the target.
 */
export function elapsedShareOfYear(date: LocalDate, year: number): number {
  if (date.year < year) return 0;
  if (date.year > year) return 1;
  return Math.min(1, dayOfYear(date) / (isLeap(year) ? 366 : 365));
}

const formatters = new Map<string, Intl.DateTimeFormat>();
let lastDay: { key: string; date: LocalDate } | null = null;
/** Every zone offset is a multiple of 15 minutes, so the local day is constant within a 15-minute UTC slot. */
const SLOT_MS = 15 * 60 * 1000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      fmt = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
    }
    if (formatters.size > 32) formatters.clear();
    formatters.set(timeZone, fmt);
  }
  return fmt;
}

/**
 * The calendar day of an instant in a time zone (IANA name such as "Asia/Ho_Chi_Minh").
 * An unknown zone falls back to UTC rather than throwing; an invalid Date yields null.
 */
export function toLocalDate(now: Date, timeZone: string): LocalDate | null {
  const ms = now.getTime();
  if (Number.isNaN(ms)) return null;
  const key = `${timeZone}|${Math.floor(ms / SLOT_MS)}`;
  if (lastDay?.key === key) return { ...lastDay.date };
  const parts = formatterFor(timeZone).formatToParts(now);
  const get = (t: string): number => Number(parts.find((x) => x.type === t)?.value);
  const date = { year: get("year"), month: get("month"), day: get("day") };
  lastDay = { key, date };
  return { ...date };
}
