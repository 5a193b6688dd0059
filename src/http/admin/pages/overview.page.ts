/** @module Overview of a campaign for a period: counts, the province's indicator table, the chart, downloads. */
import type { BoardCampaign } from "../../../domain/board/board-data";
import type { ProgressView, StandingsView } from "../../../domain/board/board-service";
import type { IndicatorProgress } from "../../../domain/progress/aggregate";
import { isDueByPeriod } from "../../../domain/board/board-period";
import type { Translate } from "../../../i18n/i18n";
import { comparatorLabel, groupLabel, periodLabel } from "../../../reports/board-labels";
import { badge, bar, figure, num, pct, rowBadge } from "../format";
import { html, qs, type SafeHtml } from "../html";
import { asOfLine, exportLinks, periodPicker } from "./page-parts";

function card(label: string, value: number, total?: number | string): SafeHtml {
  const small = typeof total === "string" ? total : total !== undefined ? `/ ${num(total, 0)}` : "";
  return html`<div class="card"><div class="k">${label}</div><div class="v">${num(value, 0)}${small ? html` <small>${small}</small>` : ""}</div></div>`;
}

/** A row without a figure whose figures are not owed yet (annual indicators in Q1) is "not due", not "missing". */
function isNotDue(r: IndicatorProgress, campaign: BoardCampaign, period: string): boolean {
  const def = campaign.indicators.find((d) => d.code === r.indicatorCode);
  return r.value === null && def !== undefined && !isDueByPeriod(def.frequency, period);
}

function statusBadge(r: IndicatorProgress, progress: ProgressView, t: Translate): SafeHtml {
  const def = progress.campaign.indicators.find((d) => d.code === r.indicatorCode);
  return def ? rowBadge(r, def, progress.period, t) : badge(r.status, t);
}

/** The counts at the top: units reporting, registered, pledged, using the bot; indicators by status. */
function cards(progress: ProgressView, standings: StandingsView, t: Translate): SafeHtml {
  const s = standings.standings;
  const owing = s.filter((x) => x.reportsOwed > 0);
  const inClusters = s.filter((x) => Object.keys(x.pledgeByCluster).length > 0);
  const rows = progress.snapshot.province;
  const count = (st: string) => rows.filter((r) => r.status === st).length;
  const notDue = rows.filter((r) => isNotDue(r, progress.campaign, progress.period)).length;
  return html`<div class="cards">
${card(t("dashboard.overview.reported"), owing.filter((x) => x.reportsSent > 0).length, owing.length)}
${card(t("dashboard.overview.registered"), s.filter((x) => x.registeredAt).length, s.length)}
${card(t("dashboard.overview.pledged"), inClusters.filter((x) => Object.values(x.pledgeByCluster).some(Boolean)).length, inClusters.length)}
${card(t("dashboard.overview.linked"), s.filter((x) => x.linkedOfficers > 0).length, s.length)}
${card(t("dashboard.overview.good"), count("done") + count("on_track"), rows.length)}
${card(t("dashboard.overview.risk"), count("at_risk"))}
${card(t("dashboard.overview.behind"), count("behind"))}
${card(t("dashboard.overview.noData"), count("no_data") - notDue, notDue ? t("dashboard.overview.notDueSmall", { count: notDue }) : undefined)}
</div>`;
}

function valueCell(r: IndicatorProgress, campaign: BoardCampaign, t: Translate): SafeHtml {
  const def = campaign.indicators.find((d) => d.code === r.indicatorCode);
  if (!def) return html`<td class="num">–</td>`;
  const previous = r.comparator === "decrease_vs_previous_year" && r.previousValue !== null ? html`<span class="hint">${t("board.export.col.previous")}: ${num(r.previousValue)}</span>` : "";
  const stale = r.isStale && r.throughMonth !== null ? html`<span class="hint">${t("board.chart.throughMonth", { month: r.throughMonth })}</span>` : "";
  return html`<td class="num" data-field="value">${figure(r.value, def, t)}${previous}${stale}</td>`;
}

/** The province's indicators, sectioned by group, with the same numbers as the exports. */
export function indicatorTable(progress: ProgressView, t: Translate): SafeHtml {
  const { campaign } = progress;
  const rows = new Map(progress.snapshot.province.map((r) => [r.indicatorCode, r]));
  let group: string | undefined;
  let no = 0;
  const body = campaign.indicators.flatMap((def) => {
    const r = rows.get(def.code);
    if (!r) return [];
    const section = def.group !== group ? html`<tr class="section"><td colspan="8">${groupLabel((group = def.group), t)}</td></tr>` : "";
    const expected = r.accumulates && (r.comparator === ">=" || r.comparator === ">") ? pct(r.expectedCompletion) : "–";
    const units = r.aggregation === "province" ? "–" : `${r.unitsReported}/${r.unitsExpected}`;
    return [html`${section}<tr data-indicator="${def.code}"><td class="num opt">${++no}</td>
<td class="name">${def.name}<span class="hint">${comparatorLabel(r.comparator, t)} · ${def.measure}</span><span class="phone-only">${statusBadge(r, progress, t)}</span></td>
<td class="num opt" data-field="target">${figure(r.target, def, t)}</td>${valueCell(r, campaign, t)}
<td class="num" data-field="completion">${pct(r.completion)}${bar(r.completion, r.status)}</td>
<td class="num opt" data-field="expected">${expected}</td><td class="opt" data-field="status">${statusBadge(r, progress, t)}</td><td class="num opt" data-field="units">${units}</td></tr>`];
  });
  return html`<div class="table-wrap"><table id="indicators"><thead><tr><th class="num opt">${t("dashboard.col.no")}</th><th>${t("dashboard.col.indicator")}</th>
<th class="num opt">${t("dashboard.col.target")}</th><th class="num">${t("dashboard.col.value")}</th><th class="num">${t("dashboard.col.completion")}</th>
<th class="num opt">${t("dashboard.col.expected")}</th><th class="opt">${t("dashboard.col.status")}</th><th class="num opt">${t("dashboard.col.unitsReported")}</th></tr></thead>
<tbody>${body}</tbody></table></div>`;
}

/** The overview page's body. */
export function overviewPage(p: { progress: ProgressView; standings: StandingsView; campaigns: readonly BoardCampaign[]; t: Translate; timeZone: string }): SafeHtml {
  const { progress, t } = p;
  const { campaign, period } = progress;
  const code = encodeURIComponent(campaign.code);
  const others = p.campaigns.filter((c) => c.code !== campaign.code);
  return html`<h1>${campaign.title}</h1>
<p class="sub">${campaign.province} · ${asOfLine(progress, t, p.timeZone, progress.snapshot.elapsedShare)}</p>
${periodPicker({ action: `/admin/c/${code}`, year: campaign.year, period, t })}
<h2>${t("dashboard.overview.cardsTitle")}</h2>${cards(progress, p.standings, t)}
<h2>${t("dashboard.overview.chart")}</h2>
<a href="/api/campaigns/${code}/charts/progress.png${qs({ period })}"><img class="chart" src="/api/campaigns/${code}/charts/progress.png${qs({ period })}" width="960" alt="${t("dashboard.overview.chartAlt", { period: periodLabel(period, t) })}"></a>
<h2>${t("dashboard.overview.indicators")}</h2>${indicatorTable(progress, t)}
<h2 id="exports">${t("dashboard.overview.exports")}</h2>${exportLinks(campaign.code, period, t)}
${others.length ? html`<h2>${t("dashboard.overview.campaigns")}</h2><ul>${others.map((c) => html`<li><a href="/admin/c/${encodeURIComponent(c.code)}">${c.title}</a> (${c.year})</li>`)}</ul>` : ""}`;
}
