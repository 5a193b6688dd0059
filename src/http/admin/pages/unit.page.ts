/** @module One unit's drill-down: rank, checklist, its indicators, its chart and every figure it sent. */
import type { ProgressView, RankingView, StandingsView } from "../../../domain/board/board-service";
import { unitRowsOf } from "../../../domain/board/progress-view";
import type { OrgDirectory, Unit } from "../../../domain/organisation/organisation";
import type { StoredReport } from "../../../domain/progress/progress-repository";
import type { Translate } from "../../../i18n/i18n";
import { periodLabel } from "../../../reports/board-labels";
import { bar, figure, num, pct, rowBadge, when, yesNo } from "../format";
import { html, qs, type SafeHtml } from "../html";
import { asOfLine, periodPicker } from "./page-parts";

type Org = Pick<OrgDirectory, "clustersOfUnit" | "officerById">;

function rankLines(ranking: RankingView, unit: Unit, t: Translate): SafeHtml {
  const lines = ranking.rankings.flatMap((r) => {
    const u = r.units.find((x) => x.unitId === unit.id);
    return u ? [html`<li>${t("dashboard.unit.rank", { rank: u.rank, size: r.units.length, cluster: r.name, points: num(u.totalScore, 2) })}</li>`] : [];
  });
  return lines.length ? html`<ul>${lines}</ul>` : html``;
}

function checklist(standings: StandingsView, unit: Unit, org: Org, t: Translate, timeZone: string): SafeHtml {
  const s = standings.standings.find((x) => x.unitId === unit.id);
  if (!s) return html``;
  const clusters = org.clustersOfUnit(unit.id);
  return html`<div class="cards">
<div class="card"><div class="k">${t("dashboard.col.reports")}</div><div class="v">${s.reportsSent} <small>/ ${s.reportsOwed}</small></div></div>
<div class="card"><div class="k">${t("dashboard.col.missed")}</div><div class="v">${s.missedDeadlines.length}</div>${s.missedDeadlines.length ? html`<div class="mono">${s.missedDeadlines.join(", ")}</div>` : ""}</div>
<div class="card"><div class="k">${t("dashboard.col.registered")}</div><div>${yesNo(s.registeredAt !== null, t)} ${s.registeredAt ? when(s.registeredAt, timeZone) : ""}</div></div>
<div class="card"><div class="k">${t("dashboard.col.pledged")}</div>${clusters.length ? clusters.map((c) => html`<div>${c.name}: ${yesNo(s.pledgeByCluster[c.id] ?? false, t)}</div>`) : html`<div class="muted">${t("dashboard.common.noCluster")}</div>`}</div>
<div class="card"><div class="k">${t("dashboard.col.linked")}</div><div class="v">${s.linkedOfficers} <small>/ ${s.officers}</small></div></div>
<div class="card"><div class="k">${t("dashboard.col.lastReport")}</div><div>${when(s.lastReportAt, timeZone)}</div></div></div>`;
}

function indicatorRows(progress: ProgressView, unit: Unit, t: Translate): SafeHtml {
  const defs = new Map(progress.campaign.indicators.map((d) => [d.code, d]));
  const rows = unitRowsOf(progress.snapshot, progress.campaign, unit.id).map((r) => {
    const def = defs.get(r.indicatorCode);
    if (!def) return "";
    const source = r.targetSource === "commitment" ? t("dashboard.unit.commitment") : r.targetSource === "province" ? t("dashboard.unit.provinceTarget") : t("dashboard.unit.noUnitTarget");
    const last = r.lastKnown ? html`<span class="hint">${t("dashboard.unit.lastKnown", { value: figure(r.lastKnown.value, def, t), month: r.lastKnown.throughMonth })}</span>` : "";
    return html`<tr data-indicator="${def.code}"><td>${def.name}<span class="hint">${def.measure}</span></td><td class="num" data-field="value">${figure(r.value, def, t)}${last}</td>
<td class="num opt">${figure(r.target, def, t)}<span class="hint">${source}</span></td><td class="num" data-field="completion">${pct(r.completion)}${bar(r.completion, r.status)}</td>
<td>${rowBadge(r, def, progress.period, t)}</td><td class="num opt">${r.throughMonth ?? "–"}</td></tr>`;
  });
  return html`<div class="table-wrap"><table id="unit-indicators"><thead><tr><th>${t("dashboard.col.indicator")}</th><th class="num">${t("dashboard.col.value")}</th>
<th class="num opt">${t("dashboard.col.unitTarget")}</th><th class="num">${t("dashboard.col.completion")}</th><th>${t("dashboard.col.status")}</th><th class="num opt">${t("dashboard.col.throughMonth")}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function historyTable(history: readonly StoredReport[], progress: ProgressView, org: Org, t: Translate, timeZone: string): SafeHtml {
  const defs = new Map(progress.campaign.indicators.map((d) => [d.code, d]));
  const rows = history.map((r) => {
    const def = defs.get(r.indicatorCode);
    const state = r.supersededById ? html`<span class="muted">${t("dashboard.unit.superseded")}</span>` : html`<span class="ok">${t("dashboard.unit.current")}</span>`;
    return html`<tr><td class="nowrap">${periodLabel(r.period, t)}</td><td>${def?.name ?? r.indicatorCode}</td><td class="num">${def ? figure(r.value, def, t) : num(r.value)}</td>
<td class="opt">${t(`dashboard.basis.${r.basis}`)}</td><td class="opt">${r.rawText}</td><td class="opt">${org.officerById(r.reportedById)?.name ?? r.reportedById} · ${r.channel}</td>
<td class="nowrap">${when(r.createdAt, timeZone)}</td><td>${state}${r.correctionReason ? html`<span class="hint">${t("dashboard.unit.correction", { reason: r.correctionReason })}</span>` : ""}</td></tr>`;
  });
  return html`<div class="table-wrap"><table id="history"><thead><tr><th>${t("dashboard.col.period")}</th><th>${t("dashboard.col.indicator")}</th><th class="num">${t("dashboard.col.value")}</th>
<th class="opt">${t("dashboard.col.basis")}</th><th class="opt">${t("dashboard.col.raw")}</th><th class="opt">${t("dashboard.col.reportedBy")}</th><th>${t("dashboard.col.at")}</th><th>${t("dashboard.col.state")}</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="8" class="muted">${t("dashboard.common.none")}</td></tr>`}</tbody></table></div>`;
}

/** The unit page's body. */
export function unitPage(p: { unit: Unit; progress: ProgressView; standings: StandingsView; ranking: RankingView; history: readonly StoredReport[]; org: Org; t: Translate; timeZone: string }): SafeHtml {
  const { unit, progress, t } = p;
  const { campaign, period } = progress;
  const code = encodeURIComponent(campaign.code);
  const unitCode = encodeURIComponent(unit.code);
  return html`<h1>${unit.name}</h1>
<p class="sub">${unit.code} · ${t(`dashboard.unit.kind.${unit.kind}`)} · ${p.org.clustersOfUnit(unit.id).map((c) => c.name).join("; ") || t("dashboard.common.noCluster")}</p>
${rankLines(p.ranking, unit, t)}
<p class="sub">${asOfLine(progress, t, p.timeZone, progress.snapshot.elapsedShare)}</p>
${periodPicker({ action: `/admin/c/${code}/units/${unitCode}`, year: campaign.year, period, t })}
<h2>${t("dashboard.unit.checklist")}</h2>${checklist(p.standings, unit, p.org, t, p.timeZone)}
<h2>${t("dashboard.unit.indicators")}</h2>${indicatorRows(progress, unit, t)}
<a href="/api/campaigns/${code}/charts/progress.png${qs({ period, unit: unit.code })}"><img class="chart" src="/api/campaigns/${code}/charts/progress.png${qs({ period, unit: unit.code })}" width="960" alt="${t("dashboard.unit.chartAlt", { unit: unit.name, period: periodLabel(period, t) })}" loading="lazy"></a>
<h2>${t("dashboard.unit.history")}</h2>${historyTable(p.history, progress, p.org, t, p.timeZone)}`;
}
