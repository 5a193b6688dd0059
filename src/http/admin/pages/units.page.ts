/** @module Every reporting unit on one table (by cluster), and the "who has not…" lists. */
import type { ProgressView, StandingsView } from "../../../domain/board/board-service";
import type { UnitStanding } from "../../../domain/board/unit-standing";
import { unitRowsOf } from "../../../domain/board/progress-view";
import type { Cluster, OrgDirectory, Unit } from "../../../domain/organisation/organisation";
import type { Translate } from "../../../i18n/i18n";
import { num, when, yesNo } from "../format";
import { html, qs, type SafeHtml } from "../html";
import { asOfLine, periodPicker } from "./page-parts";

type Org = Pick<OrgDirectory, "unitById" | "listClusters">;

/** Units grouped under their first cluster (in cluster order), the rest last; `group` keeps one cluster only. */
export function unitsByCluster(standings: readonly UnitStanding[], org: Org, t: Translate, group?: string): { title: string; items: { unit: Unit; s: UnitStanding }[] }[] {
  const clusters = org.listClusters().filter((c) => !group || c.code === group);
  const placed = new Set<string>();
  const byId = new Map(standings.map((s) => [s.unitId, s]));
  const sections = clusters.map((c: Cluster) => ({
    title: c.name,
    items: c.memberUnitIds.flatMap((id) => {
      const s = byId.get(id);
      const unit = org.unitById(id);
      if (!s || !unit || placed.has(id)) return [];
      placed.add(id);
      return [{ unit, s }];
    }),
  }));
  if (!group) {
    const rest = standings.flatMap((s) => (placed.has(s.unitId) ? [] : [{ unit: org.unitById(s.unitId), s }])).flatMap((x) => (x.unit ? [{ unit: x.unit, s: x.s }] : []));
    sections.push({ title: t("dashboard.common.noCluster"), items: rest });
  }
  return sections.filter((s) => s.items.length > 0);
}

function goodCount(progress: ProgressView, unitId: string): string {
  const rows = unitRowsOf(progress.snapshot, progress.campaign, unitId);
  const judged = rows.filter((r) => r.status !== "no_data");
  return `${judged.filter((r) => r.status === "done" || r.status === "on_track").length}/${judged.length}`;
}

/** The units page's body. */
export function unitsPage(p: { progress: ProgressView; standings: StandingsView; org: Org; t: Translate; timeZone: string; group?: string }): SafeHtml {
  const { progress, t } = p;
  const { campaign, period } = progress;
  const code = encodeURIComponent(campaign.code);
  const rows = unitsByCluster(p.standings.standings, p.org, t, p.group).map((sec) => html`<tr class="section"><td colspan="8">${sec.title}</td></tr>${sec.items.map(({ unit, s }) => {
    const pledge = Object.values(s.pledgeByCluster);
    return html`<tr data-unit="${unit.code}"><td><a href="/admin/c/${code}/units/${encodeURIComponent(unit.code)}${qs({ period })}">${unit.name}</a><span class="hint">${unit.code}</span></td>
<td class="num">${s.reportsSent}/${s.reportsOwed}</td><td class="num opt">${s.missedDeadlines.length || "–"}</td><td class="nowrap opt">${when(s.lastReportAt, p.timeZone)}</td>
<td>${yesNo(s.registeredAt !== null, t)}</td><td>${pledge.length ? yesNo(pledge.some(Boolean), t) : html`<span class="muted">–</span>`}</td>
<td class="num opt">${s.linkedOfficers}/${s.officers}</td><td class="num opt">${goodCount(progress, unit.id)}</td></tr>`;
  })}`);
  return html`<h1>${t("dashboard.units.title")}</h1><p class="sub">${t("dashboard.units.sub")} ${asOfLine(progress, t, p.timeZone, progress.snapshot.elapsedShare)}</p>
${periodPicker({ action: `/admin/c/${code}/units`, year: campaign.year, period, t, clusters: p.org.listClusters(), group: p.group })}
<div class="table-wrap"><table id="units"><thead><tr><th>${t("dashboard.col.unitName")}</th><th class="num">${t("dashboard.col.reports")}</th><th class="num opt">${t("dashboard.col.missed")}</th>
<th class="opt">${t("dashboard.col.lastReport")}</th><th>${t("dashboard.col.registered")}</th><th>${t("dashboard.col.pledged")}</th><th class="num opt">${t("dashboard.col.linked")}</th><th class="num opt">${t("dashboard.col.good")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function unitList(items: { unit: Unit; note?: string }[], campaign: string, period: string, t: Translate): SafeHtml {
  if (items.length === 0) return html`<p class="muted">${t("dashboard.common.none")}</p>`;
  return html`<ul class="units">${items.map(({ unit, note }) => html`<li><a href="/admin/c/${encodeURIComponent(campaign)}/units/${encodeURIComponent(unit.code)}${qs({ period })}">${unit.name}</a>${note ? html` <span class="muted">(${note})</span>` : ""}</li>`)}</ul>`;
}

/** "Who has not…": reports due, incomplete reports, registration, pledge, bot activation. */
export function missingPage(p: { progress: ProgressView; standings: StandingsView; org: Org; t: Translate; timeZone: string }): SafeHtml {
  const { progress, t } = p;
  const { campaign, period } = progress;
  const all = p.standings.standings.flatMap((s) => {
    const unit = p.org.unitById(s.unitId);
    return unit ? [{ unit, s }] : [];
  });
  const sent = (s: UnitStanding) => t("dashboard.missing.sent", { sent: s.reportsSent, owed: s.reportsOwed });
  const missed = all.filter(({ s }) => s.missedDeadlines.length > 0).map(({ unit, s }) => ({ unit, note: sent(s) }));
  const partial = all.filter(({ s }) => s.missedDeadlines.length === 0 && s.reportsSent < s.reportsOwed).map(({ unit, s }) => ({ unit, note: sent(s) }));
  const unregistered = all.filter(({ s }) => !s.registeredAt);
  const unsigned = all.filter(({ s }) => Object.values(s.pledgeByCluster).length > 0 && !Object.values(s.pledgeByCluster).some(Boolean));
  const offline = all.filter(({ s }) => s.linkedOfficers === 0).map(({ unit, s }) => ({ unit, note: t("dashboard.missing.officers", { count: num(s.officers, 0) }) }));
  const code = encodeURIComponent(campaign.code);
  return html`<h1>${t("dashboard.missing.title")}</h1><p class="sub">${asOfLine(progress, t, p.timeZone, progress.snapshot.elapsedShare)}</p>
${periodPicker({ action: `/admin/c/${code}/missing`, year: campaign.year, period, t })}
<div class="grid2"><section id="missing-reports"><h2>${t("dashboard.missing.reports", { count: missed.length })}</h2>${unitList(missed, campaign.code, period, t)}
<h3>${t("dashboard.missing.incomplete", { count: partial.length })}</h3>${unitList(partial, campaign.code, period, t)}</section>
<section id="missing-registration"><h2>${t("dashboard.missing.registration", { count: unregistered.length })}</h2>${unitList(unregistered, campaign.code, period, t)}
<h2>${t("dashboard.missing.pledge", { count: unsigned.length })}</h2>${unitList(unsigned, campaign.code, period, t)}</section></div>
<section id="missing-bot"><h2>${t("dashboard.missing.bot", { count: offline.length })}</h2><p class="sub">${t("dashboard.missing.botHint")}</p>${unitList(offline, campaign.code, period, t)}</section>`;
}
