/**
 * @module Turning province progress rows into chart rows: labels, value lines, sections by indicator group.
 */
import type { Translate } from "../i18n/i18n";
import type { IndicatorDef } from "../domain/campaigns/campaign";
import type { IndicatorProgress, ProgressFigures } from "../domain/progress/aggregate";
import { groupLabel, periodLabel } from "./board-labels";
import { formatNumber } from "./chart-parts";
import type { ProgressChartData, ProgressChartRow } from "./progress-chart";

/** The number alone, "%" attached for percentages: "3.200", "5,2%". */
function amount(value: number, def: IndicatorDef, locale: "vi" | "en"): string {
  const n = formatNumber(value, locale, def.valueKind === "percent" ? 2 : 3);
  return def.measure === "%" ? `${n}%` : n;
}

function withMeasure(text: string, def: IndicatorDef): string {
  return def.measure === "%" ? text : `${text} ${def.measure}`;
}

/** "3.200 tỷ đồng", "5,2%", "Đạt". */
export function formatValue(value: number, def: IndicatorDef, t: Translate, locale: "vi" | "en"): string {
  if (def.valueKind === "boolean") return t(value >= 1 ? "board.value.yes" : "board.value.no");
  return withMeasure(amount(value, def, locale), def);
}

/** The grey line under a label: value against target (or last year), and how many units reported. */
export function valueLine(row: ProgressFigures & Partial<Pick<IndicatorProgress, "aggregation" | "unitsReported" | "unitsExpected">>, def: IndicatorDef, t: Translate, locale: "vi" | "en"): string {
  const parts: string[] = [];
  if (row.value !== null) {
    const value = formatValue(row.value, def, t, locale);
    if (row.comparator === "decrease_vs_previous_year" && row.previousValue !== null) {
      parts.push(t("board.chart.vsPrevious", { value, previous: formatNumber(row.previousValue, locale) }));
    } else if (row.target !== null && def.valueKind !== "boolean") {
      parts.push(withMeasure(`${amount(row.value, def, locale)} / ${amount(row.target, def, locale)}`, def));
    } else parts.push(value);
  }
  if (row.isStale && row.throughMonth !== null) parts.push(t("board.chart.throughMonth", { month: row.throughMonth }));
  if (row.aggregation && row.aggregation !== "province" && row.unitsExpected) {
    parts.push(t("board.chart.unitsReported", { reported: row.unitsReported ?? 0, expected: row.unitsExpected }));
  }
  return parts.join(" · ");
}

/** Chart data for the province's progress in a period, in the indicators' order, sectioned by group. */
export function progressChartData(p: {
  rows: readonly IndicatorProgress[];
  indicators: readonly IndicatorDef[];
  period: string;
  t: Translate;
  locale?: "vi" | "en";
  subtitle?: string;
}): ProgressChartData {
  const locale = p.locale ?? "vi";
  const byCode = new Map(p.rows.map((r) => [r.indicatorCode, r]));
  const rows: ProgressChartRow[] = [];
  for (const def of p.indicators) {
    const r = byCode.get(def.code);
    if (!r) continue;
    rows.push({
      label: def.name,
      detail: valueLine(r, def, p.t, locale),
      completion: r.completion,
      expectedCompletion: r.accumulates ? r.expectedCompletion : null,
      status: r.status,
      group: groupLabel(def.group, p.t),
    });
  }
  return { title: p.t("board.chart.progressTitle", { period: periodLabel(p.period, p.t) }), subtitle: p.subtitle, rows };
}
