/**
 * @module Text of /tiendo and progress questions: one short line per indicator (status mark, name, figure, % of
 * target), sized for a phone screen; indicators without figures are listed together at the end.
 */
import type { IndicatorDef } from "../../domain/campaigns/campaign";
import type { IndicatorProgress, ProgressFigures, UnitIndicatorProgress } from "../../domain/progress/aggregate";
import { countStatuses, type ProgressStatus } from "../../domain/progress/progress-status";
import { formatPeriod } from "../../domain/progress/period";
import { isDueByPeriod } from "../../domain/board/board-period";
import { formatNumber, type Locale, type Translate } from "../../i18n/i18n";

/** Status marks: readable without colour names, distinct at a glance. */
export const STATUS_MARK: Record<ProgressStatus, string> = { done: "✅", on_track: "🟢", at_risk: "🟡", behind: "🔴", no_data: "⚪" };

function percent(ratio: number, locale: Locale): string {
  return `${formatNumber(ratio * 100, locale, 1)}%`;
}

/** "3.200 tỷ đồng", "91,2%", "Đạt". */
export function formatFigure(value: number, def: IndicatorDef, t: Translate, locale: Locale): string {
  if (def.valueKind === "boolean") return t(value >= 1 ? "board.value.yes" : "board.value.no");
  const n = formatNumber(value, locale, def.valueKind === "percent" ? 2 : 3);
  return def.measure === "%" ? `${n}%` : `${n} ${def.measure}`;
}

/** The figure and how it compares: "850 / 2.400 tỷ đồng = 35,4% KH · cần 24,7%", or why it is not judged. */
export function figureText(row: ProgressFigures & { targetSource?: UnitIndicatorProgress["targetSource"] }, def: IndicatorDef, t: Translate, locale: Locale): string {
  if (row.value === null) return t("board.chat.notReportedShort");
  const parts = [formatFigure(row.value, def, t, locale)];
  if (row.comparator === "decrease_vs_previous_year" && row.previousValue !== null) {
    parts[0] = t("board.chart.vsPrevious", { value: parts[0] ?? "", previous: formatNumber(row.previousValue, locale) });
  } else if (row.target !== null && def.valueKind !== "boolean" && row.completion !== null) {
    parts[0] = `${parts[0]} = ${t("board.chat.ofTarget", { percent: percent(row.completion, locale) })}`;
    if (row.accumulates && row.expectedCompletion !== null && row.expectedCompletion < 0.999) {
      parts.push(t("board.chat.expected", { percent: percent(row.expectedCompletion, locale) }));
    }
  }
  if (row.noDataReason === "no_unit_target") parts.push(t("board.chat.noUnitTarget"));
  if (row.noDataReason === "no_baseline") parts.push(t("board.chat.noBaseline"));
  if (row.isStale && row.throughMonth !== null) parts.push(t("board.chat.throughMonth", { month: row.throughMonth }));
  return parts.join(" · ");
}

interface Lines {
  title: string;
  period: string;
  elapsedShare: number;
  rows: readonly (ProgressFigures & Partial<Pick<IndicatorProgress, "unitsReported" | "unitsExpected" | "aggregation">>)[];
  defs: ReadonlyMap<string, IndicatorDef>;
  footer: string;
  t: Translate;
  locale: Locale;
}

/** Title, period line, one line per indicator with a figure, the ones without, a status summary and a hint. */
export function progressText(p: Lines): string {
  const { t, locale } = p;
  const lines = [p.title, t("board.chat.periodLine", { period: formatPeriod(p.period, locale), elapsed: percent(p.elapsedShare, locale) }), ""];
  const missing: string[] = [];
  let notDue = 0;
  for (const row of p.rows) {
    const def = p.defs.get(row.indicatorCode);
    if (!def) continue;
    if (row.value === null) {
      if (isDueByPeriod(def.frequency, p.period)) missing.push(def.name);
      else notDue++;
      continue;
    }
    let text = `${STATUS_MARK[row.status]} ${def.name}: ${figureText(row, def, t, locale)}`;
    if (row.aggregation && row.aggregation !== "province" && row.unitsExpected) {
      text += ` (${t("board.chat.unitsReported", { reported: row.unitsReported ?? 0, expected: row.unitsExpected })})`;
    }
    lines.push(text);
  }
  if (missing.length > 0) lines.push("", t("board.chat.notReported", { count: missing.length, names: missing.join("; ") }));
  if (notDue > 0) lines.push(t("board.chat.notDueYet", { count: notDue }));
  lines.push("", summaryLine(p.rows.map((r) => r.status), t), p.footer);
  return lines.join("\n");
}

/** Counts of the judged indicators as one line: met or on track, at risk, behind. */
export function summaryLine(statuses: readonly ProgressStatus[], t: Translate): string {
  return t("board.chat.summary", statusCounts(statuses));
}

/** Counts for a chart caption. */
export function statusCounts(statuses: readonly ProgressStatus[]): { good: number; risk: number; behind: number; none: number } {
  const c = countStatuses(statuses);
  return { good: c.done + c.on_track, risk: c.at_risk, behind: c.behind, none: c.no_data };
}
