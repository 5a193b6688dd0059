/** @module Pieces several dashboard pages share: the period picker, export links, the "as of" line. */
import type { ViewMeta } from "../../../domain/board/board-service";
import type { Cluster } from "../../../domain/organisation/organisation";
import type { Translate } from "../../../i18n/i18n";
import { periodLabel } from "../../../reports/board-labels";
import { pct, when } from "../format";
import { html, qs, type SafeHtml } from "../html";

/** Milestones first (Quý I, 6 tháng, 9 tháng, cả năm), then every month. */
export function periodOptions(year: number, t: Translate): { code: string; label: string }[] {
  const milestones = [
    { code: `${year}-Q1`, label: t("dashboard.period.q1") },
    { code: `${year}-H1`, label: t("dashboard.period.h1") },
    { code: `${year}-9M`, label: t("dashboard.period.9m") },
    { code: `${year}-Y`, label: t("dashboard.period.y") },
  ];
  const months = Array.from({ length: 12 }, (_, i) => ({ code: `${year}-M${String(i + 1).padStart(2, "0")}`, label: t("dashboard.period.month", { month: i + 1 }) }));
  return [...milestones, ...months];
}

/** A GET form choosing the period (and optionally the cluster); works without JavaScript. */
export function periodPicker(p: { action: string; year: number; period: string; t: Translate; clusters?: readonly Cluster[]; group?: string }): SafeHtml {
  const { t } = p;
  const options = periodOptions(p.year, t);
  if (!options.some((o) => o.code === p.period)) options.unshift({ code: p.period, label: periodLabel(p.period, t) });
  const clusterSelect = p.clusters
    ? html`<label>${t("dashboard.common.cluster")}<select name="group"><option value="">${t("dashboard.common.allClusters")}</option>${p.clusters.map(
        (c) => html`<option value="${c.code}"${c.code === p.group ? html` selected` : ""}>${c.name}</option>`,
      )}</select></label>`
    : "";
  return html`<form class="toolbar" method="get" action="${p.action}">
<label>${t("dashboard.common.period")}<select name="period">${options.map((o) => html`<option value="${o.code}"${o.code === p.period ? html` selected` : ""}>${o.label}</option>`)}</select></label>
${clusterSelect}<button class="primary" type="submit">${t("dashboard.common.view")}</button></form>`;
}

/** "Quý I năm 2021 · đã qua 25% thời gian của năm · số liệu đến 10/04/2021 09:00". */
export function asOfLine(view: ViewMeta & { snapshot?: { elapsedShare: number } }, t: Translate, timeZone: string, elapsedShare: number): string {
  return t("dashboard.common.asOf", { period: periodLabel(view.period, t), elapsed: pct(elapsedShare, 0), at: when(view.at, timeZone) });
}

/** Download links of every export of the period (served by the admin API; the login cookie authorises them). */
export function exportLinks(campaign: string, period: string, t: Translate, group?: string): SafeHtml {
  const base = `/api/campaigns/${encodeURIComponent(campaign)}/exports`;
  const links: { label: string; path: string; params: Record<string, string | undefined> }[] = [
    { label: t("dashboard.export.progressIndicator"), path: "progress", params: { period, by: "indicator" } },
    { label: t("dashboard.export.progressUnit"), path: "progress", params: { period, by: "unit" } },
    { label: t("dashboard.export.ranking"), path: "ranking", params: { period, group } },
    { label: t("dashboard.export.registrations"), path: "registrations", params: {} },
  ];
  return html`<ul class="exports">${links.map(
    (l) => html`<li><span>⬇ ${l.label}</span>${(["xlsx", "csv"] as const).map((f) => html` <a href="${base}/${l.path}${qs({ ...l.params, format: f })}" download>${f.toUpperCase()}</a>`)}</li>`,
  )}</ul>`;
}
