/** @module Cluster/block rankings with the score breakdown, charts, and the board's adjustment form. */
import type { RankingView, StandingsView } from "../../../domain/board/board-service";
import type { ClusterRanking, UnitScore } from "../../../domain/ranking/rank-cluster";
import { CRITERIA } from "../../../domain/ranking/scoring-model";
import type { Cluster, OrgDirectory } from "../../../domain/organisation/organisation";
import type { Translate } from "../../../i18n/i18n";
import { num, when } from "../format";
import { html, qs, type SafeHtml } from "../html";
import { asOfLine, exportLinks, periodPicker } from "./page-parts";

type Org = Pick<OrgDirectory, "unitById" | "officerById" | "listClusters">;

function signed(n: number): string {
  return `${n > 0 ? "+" : ""}${num(n, 2)}`;
}

function note(u: UnitScore, t: Translate): string {
  if (!u.tieBrokenBy) return "";
  return t("dashboard.ranking.tie", { criterion: u.tieBrokenBy === "unitId" ? t("board.export.tieByUnit") : t(`board.criterion.${u.tieBrokenBy}`) });
}

function clusterTable(r: ClusterRanking, cluster: Cluster | undefined, view: RankingView, org: Org, t: Translate): SafeHtml {
  const code = encodeURIComponent(view.campaign.code);
  const rows = r.units.map((u) => {
    const unit = org.unitById(u.unitId);
    const reasons = u.adjustments.map((a) => `${signed(a.points)}: ${a.reason}`).join("; ");
    return html`<tr data-unit="${unit?.code ?? u.unitId}"><td class="num">${u.rank}</td>
<td class="name">${unit ? html`<a href="/admin/c/${code}/units/${encodeURIComponent(unit.code)}${qs({ period: view.period })}">${u.unitName}</a>` : u.unitName}${reasons ? html`<span class="hint">${t("dashboard.col.adjustment")} ${reasons}</span>` : ""}</td>
${CRITERIA.map((c) => html`<td class="num opt">${num(u.criteria.find((x) => x.criterion === c)?.points ?? 0, 2)}</td>`)}
<td class="num opt">${num(u.baseScore, 2)}</td><td class="num">${u.adjustmentPoints ? signed(u.adjustmentPoints) : "–"}</td>
<td class="num" data-field="total"><strong>${num(u.totalScore, 2)}</strong></td><td class="opt">${note(u, t)}</td></tr>`;
  });
  const max = (c: (typeof CRITERIA)[number]) => r.units[0]?.criteria.find((x) => x.criterion === c)?.maxPoints;
  return html`<section class="cluster" id="cluster-${cluster?.code ?? r.clusterId}"><h2>${r.name}</h2>
<div class="table-wrap"><table class="ranking"><thead><tr><th class="num">${t("dashboard.col.rank")}</th><th>${t("dashboard.col.unitName")}</th>
${CRITERIA.map((c) => html`<th class="num opt crit">${t(`board.criterion.${c}`)}${max(c) !== undefined ? html`<br><span class="muted">(${num(max(c) ?? 0, 2)})</span>` : ""}</th>`)}
<th class="num opt">${t("dashboard.col.base")}</th><th class="num">${t("dashboard.col.adjustment")}</th><th class="num">${t("dashboard.col.total")}</th><th class="opt">${t("dashboard.col.note")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${cluster && r.units.length ? html`<p><a href="/api/campaigns/${code}/charts/ranking.png${qs({ period: view.period, group: cluster.code })}"><img class="chart" src="/api/campaigns/${code}/charts/ranking.png${qs({ period: view.period, group: cluster.code })}" width="960" alt="${t("dashboard.ranking.chartAlt", { cluster: r.name })}" loading="lazy"></a></p>` : ""}</section>`;
}

function adjustmentForm(view: RankingView, org: Org, t: Translate, group?: string): SafeHtml {
  const units = view.rankings.flatMap((r) => r.units.map((u) => org.unitById(u.unitId))).filter((u, i, all) => u && all.indexOf(u) === i);
  return html`<form class="stack" method="post" action="/admin/c/${encodeURIComponent(view.campaign.code)}/ranking/adjustments${qs({ period: view.period, group })}">
<h3>${t("dashboard.ranking.adjustTitle")}</h3>
<label>${t("dashboard.common.unit")}<select name="unit" required>${units.map((u) => (u ? html`<option value="${u.code}">${u.name}</option>` : ""))}</select></label>
<label>${t("dashboard.ranking.points")}<input name="points" type="number" step="0.01" min="-100" max="100" required inputmode="decimal"></label>
<label>${t("dashboard.ranking.reason")}<textarea name="reason" required maxlength="500" rows="3"></textarea></label>
<div><button class="primary" type="submit">${t("dashboard.ranking.submit")}</button></div></form>`;
}

function adjustmentList(standings: StandingsView, org: Org, t: Translate, timeZone: string): SafeHtml {
  const list = [...standings.data.adjustments].reverse();
  if (list.length === 0) return html`<p class="muted">${t("dashboard.ranking.noAdjustments")}</p>`;
  return html`<div class="table-wrap"><table id="adjustments"><thead><tr><th>${t("dashboard.col.at")}</th><th>${t("dashboard.col.unitName")}</th><th class="num">${t("dashboard.col.points")}</th><th>${t("dashboard.col.reason")}</th><th class="opt">${t("dashboard.col.by")}</th></tr></thead>
<tbody>${list.map((a) => html`<tr><td class="nowrap">${when(a.createdAt, timeZone)}</td><td>${org.unitById(a.unitId)?.name ?? a.unitId}</td><td class="num">${signed(a.points)}</td><td>${a.reason}</td><td class="opt">${a.by === "admin" ? "admin" : (org.officerById(a.by)?.name ?? a.by)}</td></tr>`)}</tbody></table></div>`;
}

/** The ranking page's body. */
export function rankingPage(p: { ranking: RankingView; standings: StandingsView; org: Org; t: Translate; timeZone: string; group?: string; elapsedShare: number }): SafeHtml {
  const { ranking, t } = p;
  const { campaign, period, model } = ranking;
  const clusters = new Map(p.org.listClusters().map((c) => [c.id, c]));
  const scale = CRITERIA.map((c) => `${t(`board.criterion.${c}`)} ${num(model.weights[c] * (c === "completion" ? model.completionCap : 1), 2)}`).join(", ");
  return html`<h1>${t("dashboard.ranking.title")}</h1>
<p class="sub">${asOfLine(ranking, t, p.timeZone, p.elapsedShare)}</p><p class="sub">${t("dashboard.ranking.model", { criteria: scale })}</p>
${periodPicker({ action: `/admin/c/${encodeURIComponent(campaign.code)}/ranking`, year: campaign.year, period, t, clusters: p.org.listClusters(), group: p.group })}
${exportLinks(campaign.code, period, t, p.group)}
${ranking.rankings.map((r) => clusterTable(r, clusters.get(r.clusterId), ranking, p.org, t))}
<h2>${t("dashboard.ranking.adjustments")}</h2><div class="grid2">${adjustmentForm(ranking, p.org, t, p.group)}<div>${adjustmentList(p.standings, p.org, t, p.timeZone)}</div></div>`;
}
