/**
 * @module Which period the board looks at when none is named, and how far into the year statuses are judged (pure).
 *
 * Every board view is year-to-date (aggregate-figures.ts resolves values through the period's last month), so a
 * period is named by its milestone: Quý I (3), 6 tháng (6), 9 tháng (9), cả năm (12), or the month otherwise.
 */
import type { DeadlineDef, DeadlineKind } from "../campaigns/campaign";
import type { LocalDate } from "../progress/period";
import { elapsedShareOfYear, parsePeriodCode } from "../progress/period";

/** Report deadlines that ask for figures of a quarter or longer (monthly ones do not move the board's view). */
const MILESTONE_KINDS: ReadonlySet<DeadlineKind> = new Set(["quarterly_report", "semiannual_review", "nine_month_report", "annual_review"]);

/** Days before a deadline from which its period becomes the default view (units are reporting it by then). */
export const DEFAULT_PERIOD_LEAD_DAYS = 15;

/** The milestone code of a year-to-date span ending in `endMonth`: 3 → Q1, 6 → H1, 9 → 9M, 12 → Y, else the month. */
export function milestonePeriod(year: number, endMonth: number): string {
  if (endMonth === 3) return `${year}-Q1`;
  if (endMonth === 6) return `${year}-H1`;
  if (endMonth === 9) return `${year}-9M`;
  if (endMonth === 12) return `${year}-Y`;
  return `${year}-M${String(endMonth).padStart(2, "0")}`;
}

function isoDay(d: LocalDate, plusDays = 0): string {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + plusDays));
  return t.toISOString().slice(0, 10);
}

/**
 * The period the board sees by default on `today`: the furthest-reaching milestone whose report deadline is due
 * within {@link DEFAULT_PERIOD_LEAD_DAYS} days (or already past); before the first one, the first one. A plan
 * without such deadlines falls back to the last finished quarter (Q1 during the first quarter, the year after it).
 */
export function defaultBoardPeriod(p: { year: number; deadlines: readonly DeadlineDef[]; today: LocalDate }): string {
  const horizon = isoDay(p.today, DEFAULT_PERIOD_LEAD_DAYS);
  let reached = 0;
  let first = 13;
  for (const d of p.deadlines) {
    if (!MILESTONE_KINDS.has(d.kind) || d.period === null) continue;
    const span = parsePeriodCode(d.period);
    if (!span || span.year !== p.year) continue;
    first = Math.min(first, span.endMonth);
    if (d.due.slice(0, 10) <= horizon) reached = Math.max(reached, span.endMonth);
  }
  if (reached > 0) return milestonePeriod(p.year, reached);
  if (first <= 12) return milestonePeriod(p.year, first);
  if (p.today.year > p.year) return milestonePeriod(p.year, 12);
  if (p.today.year < p.year) return milestonePeriod(p.year, 3);
  return milestonePeriod(p.year, Math.max(3, Math.floor((p.today.month - 1) / 3) * 3));
}

/**
 * Share of the year statuses are judged at: the time elapsed on `today`, but never beyond the period's end
 * (figures of a finished period run to its end, so Q1 read in November is still judged at 3/12).
 */
export function boardElapsedShare(period: string, today: LocalDate): number {
  const span = parsePeriodCode(period);
  if (!span) return 0;
  return Math.min(span.endMonth / 12, elapsedShareOfYear(today, span.year));
}

/** Whether an indicator's figures are owed by the end of `period` (monthly always; quarterly from Q1; semiannual from H1; annual at the year). */
export function isDueByPeriod(frequency: "monthly" | "quarterly" | "semiannual" | "annual", period: string): boolean {
  const end = parsePeriodCode(period)?.endMonth ?? 12;
  return { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 }[frequency] <= end;
}
