/** @module A figure waiting for confirmation (kept in the persisted session) and its read-back text. */
import type { IndicatorDef } from "../../domain/campaigns/campaign";
import { formatPeriod, previousPeriod } from "../../domain/progress/period";
import type { PlausibilityWarning } from "../../domain/progress/parse/parse-message";
import type { StoredReport } from "../../domain/progress/progress-repository";
import { formatNumber, type Locale, type Translate } from "../../i18n/i18n";
import type { OutboundMessage } from "../channel-port";

export interface ReportDraft {
  campaignId: string;
  unitId: string;
  unitName: string;
  indicatorCode: string;
  period: string;
  value: number;
  basis: "period" | "cumulative";
  rawText: string;
  channel: string;
  sourceMessageId: string;
  /** Set when the figure replaces a stored one (correction); a reason is then required. */
  replaces?: { id: string; value: number };
  reason?: string;
  warnings?: PlausibilityWarning[];
}

export function formatValue(value: number, ind: IndicatorDef, locale: Locale): string {
  if (ind.valueKind === "boolean") return value >= 1 ? (locale === "vi" ? "đạt" : "achieved") : locale === "vi" ? "không đạt" : "not achieved";
  return `${formatNumber(value, locale)}${ind.measure === "%" ? "%" : ` ${ind.measure}`}`;
}

/** Share of the annual target, for targets that are amounts or rates (null when the plan gives no number). */
export function shareOfTarget(value: number, ind: IndicatorDef): number | null {
  if (ind.target === null || ind.target === 0 || ind.valueKind === "boolean") return null;
  return value / ind.target;
}

export function renderReadBack(d: ReportDraft, ind: IndicatorDef, previous: StoredReport | null, t: Translate, locale: Locale): OutboundMessage {
  const lines = [t("report.readback.title"), t("report.readback.unit", { unit: d.unitName }), t("report.readback.indicator", { indicator: ind.name })];
  lines.push(t("report.readback.period", { period: formatPeriod(d.period, locale) }));
  lines.push(t("report.readback.value", { value: formatValue(d.value, ind, locale) }));
  lines.push(t(d.basis === "cumulative" ? "report.readback.basis_cumulative" : "report.readback.basis_period"));
  const share = shareOfTarget(d.value, ind);
  if (share !== null && ind.target !== null) {
    lines.push(t("report.readback.share", { percent: formatNumber(Math.round(share * 1000) / 10, locale), target: formatValue(ind.target, ind, locale) }));
  }
  if (previous) {
    lines.push(t("report.readback.previous", { period: formatPeriod(previous.period, locale), value: formatValue(previous.value, ind, locale), change: formatNumber(Math.round((d.value - previous.value) * 1000) / 1000, locale) }));
  }
  if (d.replaces) lines.push(t("report.readback.replaces", { value: formatValue(d.replaces.value, ind, locale), reason: d.reason ?? "" }));
  for (const w of d.warnings ?? []) lines.push(`⚠️ ${t(`report.warning.${w.kind}`, { limit: w.limit !== undefined ? formatNumber(w.limit, locale) : "", previous: w.previous ? formatValue(w.previous.value, ind, locale) : "" })}`);
  lines.push(t(d.warnings?.length ? "report.readback.confirm_anyway" : "report.readback.confirm"));
  return {
    text: lines.join("\n"),
    buttons: [[{ label: t("report.button.confirm"), data: "rep:ok" }, { label: t("report.button.edit"), data: "rep:edit" }, { label: t("report.button.cancel"), data: "rep:cancel" }]],
  };
}

/** The figure the read-back compares with: the same indicator's previous period, or the current one when replacing. */
export function previousOf(current: StoredReport[], period: string): StoredReport | null {
  const prev = previousPeriod(period);
  return current.find((r) => r.period === prev) ?? null;
}
