/**
 * @module Building a unit's scoring input from what the bot already holds: progress rows, figures, deadlines (pure).
 */
import type { DeadlineDef, DeadlineKind, IndicatorDef, UnitKind } from "../campaigns/campaign";
import type { UnitIndicatorProgress } from "../progress/aggregate";
import { instantFromLocal } from "../calendar/zoned-time";
import { parsePeriodCode } from "../progress/period";
import type { UnitFigure } from "../progress/aggregate-figures";
import type { DeadlineOutcome } from "./score-unit";

/** One report a unit owes: an indicator for a period. */
export interface ReportSlot {
  indicatorCode: string;
  period: string;
}

const REPORT_KINDS: ReadonlySet<DeadlineKind> = new Set([
  "monthly_report",
  "quarterly_report",
  "semiannual_review",
  "nine_month_report",
  "annual_review",
]);

/**
 * Completion ratios to score from a unit's progress rows: every row with a completion counts as is; a row the unit
 * committed to (its own registered target) but sent nothing for counts 0. Rows without a target are not judged here;
 * missing reports are the completeness criterion's business.
 */
export function completionsOf(rows: readonly UnitIndicatorProgress[]): number[] {
  const out: number[] = [];
  for (const r of rows) {
    if (r.completion !== null) out.push(r.completion);
    else if (r.value === null && r.targetSource === "commitment") out.push(0);
  }
  return out;
}

function pad(month: number): string {
  return String(month).padStart(2, "0");
}

/**
 * Reports owed by the end of month `throughMonth`: monthly indicators every month, quarterly ones every finished
 * quarter, semiannual ones at H1 and the year, annual ones at the year. Indicators with `province` aggregation are
 * skipped (the board reports those itself); pass only the indicators the unit reports.
 */
export function expectedReportSlots(indicators: readonly IndicatorDef[], year: number, throughMonth: number): ReportSlot[] {
  const slots: ReportSlot[] = [];
  const add = (indicatorCode: string, suffix: string) => slots.push({ indicatorCode, period: `${year}-${suffix}` });
  for (const def of indicators) {
    if (def.aggregation === "province") continue;
    if (def.frequency === "monthly") for (let m = 1; m <= throughMonth; m++) add(def.code, `M${pad(m)}`);
    if (def.frequency === "quarterly") for (let q = 1; q * 3 <= throughMonth; q++) add(def.code, `Q${q}`);
    if (def.frequency === "semiannual" && throughMonth >= 6) add(def.code, "H1");
    if ((def.frequency === "semiannual" || def.frequency === "annual") && throughMonth >= 12) add(def.code, "Y");
  }
  return slots;
}

/** How many slots one unit's figures cover: a figure of the indicator ending in the slot's last month, any basis. */
export function countSubmittedSlots(slots: readonly ReportSlot[], unitFigures: readonly UnitFigure[]): number {
  const covered = new Set<string>();
  for (const f of unitFigures) {
    const span = parsePeriodCode(f.period);
    if (span) covered.add(`${f.indicatorCode}|${span.year}|${span.endMonth}`);
  }
  return slots.filter((s) => {
    const span = parsePeriodCode(s.period);
    return span !== null && covered.has(`${s.indicatorCode}|${span.year}|${span.endMonth}`);
  }).length;
}

/**
 * Report deadlines already due at `asOf` for a unit, each with the time of the unit's first figure for the
 * deadline's period (any indicator ending in the same month; figures without `reportedAt` are ignored).
 * `due` is local time in the plan's time zone (`timeZone`, default Asia/Ho_Chi_Minh); a malformed `due` is skipped.
 */
export function reportDeadlineOutcomes(p: {
  deadlines: readonly DeadlineDef[];
  unitFigures: readonly UnitFigure[];
  asOf: Date;
  timeZone?: string;
  unitKind?: UnitKind;
}): DeadlineOutcome[] {
  const zone = p.timeZone ?? "Asia/Ho_Chi_Minh";
  const out: DeadlineOutcome[] = [];
  for (const d of p.deadlines) {
    if (!REPORT_KINDS.has(d.kind) || d.period === null) continue;
    if (p.unitKind && d.unitKinds && !d.unitKinds.includes(p.unitKind)) continue;
    const due = dueInstant(d.due, zone);
    const span = parsePeriodCode(d.period);
    if (!span || !due || due.getTime() > p.asOf.getTime()) continue;
    out.push({ deadlineCode: d.code, due, submittedAt: firstReportFor(p.unitFigures, span.year, span.endMonth) });
  }
  return out;
}

function dueInstant(local: string, zone: string): Date | null {
  try {
    return instantFromLocal(local, zone);
  } catch {
    return null;
  }
}

function firstReportFor(figures: readonly UnitFigure[], year: number, endMonth: number): Date | null {
  let first: Date | null = null;
  for (const f of figures) {
    const span = parsePeriodCode(f.period);
    if (!f.reportedAt || !span || span.year !== year || span.endMonth !== endMonth) continue;
    if (!first || f.reportedAt.getTime() < first.getTime()) first = f.reportedAt;
  }
  return first;
}
