/** @module Numbers, dates and status marks as the dashboard prints them (Vietnamese notation). */
import type { IndicatorDef } from "../../domain/campaigns/campaign";
import type { ProgressStatus } from "../../domain/progress/progress-status";
import type { ProgressFigures } from "../../domain/progress/aggregate";
import { isDueByPeriod } from "../../domain/board/board-period";
import type { Translate } from "../../i18n/i18n";
import { html, type SafeHtml } from "./html";

const numberFormats = new Map<number, Intl.NumberFormat>();

/** "3.488,75" (at most `digits` decimals). */
export function num(n: number | null | undefined, digits = 3): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  let f = numberFormats.get(digits);
  if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: digits })));
  return f.format(n);
}

/** "30,2%" from a ratio. */
export function pct(ratio: number | null | undefined, digits = 1): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? "–" : `${num(ratio * 100, digits)}%`;
}

/** A figure in its indicator's terms: "3.488,75", "90,64", "Đạt". */
export function figure(value: number | null, def: IndicatorDef, t: Translate): string {
  if (value === null) return "–";
  if (def.valueKind === "boolean") return t(value >= 1 ? "board.value.yes" : "board.value.no");
  return num(value, def.valueKind === "percent" ? 2 : 3);
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** "10/04/2021 09:00" in the app's time zone. */
export function when(d: Date | null | undefined, timeZone: string): string {
  if (!d) return "–";
  let f = dateTimes.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("vi-VN", { timeZone, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    dateTimes.set(timeZone, f);
  }
  const parts = f.formatToParts(d);
  const part = (type: string) => parts.find((x) => x.type === type)?.value ?? "";
  return `${part("day")}/${part("month")}/${part("year")} ${part("hour")}:${part("minute")}`;
}

/** A coloured status label. */
export function badge(status: ProgressStatus, t: Translate): SafeHtml {
  return html`<span class="badge s-${status}">${t(`board.status.${status}`)}</span>`;
}

/** A yes/no mark with words (colour is never the only signal). */
export function yesNo(ok: boolean, t: Translate, labels: { yes: string; no: string } = { yes: "dashboard.common.yes", no: "dashboard.common.no" }): SafeHtml {
  const word = t(ok ? labels.yes : labels.no);
  return html`<span class="${ok ? "ok" : "missing"}" title="${word}">${ok ? "✓" : "✗"}<span class="yn-word"> ${word}</span></span>`;
}

/** A horizontal bar for a completion ratio (capped at 150 % so an outlier does not flatten the rest). */
export function bar(ratio: number | null, status: ProgressStatus): SafeHtml {
  if (ratio === null || !Number.isFinite(ratio)) return html``;
  const width = Math.max(0, Math.min(150, ratio * 100)) / 1.5;
  return html`<span class="bar" aria-hidden="true"><span class="fill s-${status}" style="width:${width.toFixed(1)}%"></span><span class="mark"></span></span>`;
}

/**
 * The status of a row as people should read it: "chưa đến kỳ" when nothing is owed yet (annual figures in Q1),
 * "không đánh giá" when a figure has nothing to be judged against (a district's revenue without its own target).
 */
export function rowBadge(row: Pick<ProgressFigures, "status" | "value" | "noDataReason">, def: IndicatorDef, period: string, t: Translate): SafeHtml {
  if (row.value === null && !isDueByPeriod(def.frequency, period)) return html`<span class="badge s-no_data">${t("dashboard.notDue")}</span>`;
  if (row.value !== null && row.status === "no_data") return html`<span class="badge s-no_data" title="${row.noDataReason ?? ""}">${t("dashboard.notJudged")}</span>`;
  return badge(row.status, t);
}
