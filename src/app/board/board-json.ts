/** @module The board's views as the admin API's JSON (stable field names; raw numbers, never rounded). */
import type { ProgressView, RankingView, StandingsView } from "../../domain/board/board-service";
import type { OrgDirectory } from "../../domain/organisation/organisation";
import { unitRowsOf } from "../../domain/board/progress-view";
import type { Translate } from "../../i18n/i18n";
import { periodLabel } from "../../reports/board-labels";

function head(view: { campaign: { code: string }; period: string; at: Date }, t: Translate) {
  return { campaign: view.campaign.code, period: view.period, periodLabel: periodLabel(view.period, t), asOf: view.at.toISOString() };
}

/** `GET /progress`: one entry per indicator (province level). */
export function progressJson(view: ProgressView, t: Translate) {
  const defs = new Map(view.campaign.indicators.map((d) => [d.code, d]));
  return {
    ...head(view, t),
    elapsedShare: view.snapshot.elapsedShare,
    indicators: view.snapshot.province.map((r) => {
      const d = defs.get(r.indicatorCode);
      return {
        code: r.indicatorCode, name: d?.name ?? r.indicatorCode, unit: d?.measure ?? "", group: d?.group ?? "", aggregation: r.aggregation,
        comparator: r.comparator, target: r.target, value: r.value, previousValue: r.previousValue, completion: r.completion,
        expectedCompletion: r.expectedCompletion, status: r.status, isMet: r.isMet, noDataReason: r.noDataReason ?? null,
        unitsReported: r.unitsReported, unitsExpected: r.unitsExpected, throughMonth: r.throughMonth, isStale: r.isStale,
      };
    }),
  };
}

/** `GET /progress?by=unit`: per unit, its rows (optionally one unit only). */
export function progressByUnitJson(view: ProgressView, org: Pick<OrgDirectory, "clustersOfUnit">, t: Translate, only?: string) {
  const units = view.units.filter((u) => u.kind !== "board" && (!only || u.id === only));
  return {
    ...head(view, t),
    elapsedShare: view.snapshot.elapsedShare,
    units: units.map((u) => ({
      unit: u.code, name: u.name, kind: u.kind, clusters: org.clustersOfUnit(u.id).map((c) => c.code),
      indicators: unitRowsOf(view.snapshot, view.campaign, u.id).map((r) => ({
        code: r.indicatorCode, value: r.value, target: r.target, targetSource: r.targetSource, comparator: r.comparator,
        completion: r.completion, expectedCompletion: r.expectedCompletion, status: r.status, isMet: r.isMet,
        noDataReason: r.noDataReason ?? null, throughMonth: r.throughMonth, isStale: r.isStale, lastKnown: r.lastKnown,
      })),
    })),
  };
}

/** `GET /ranking`: clusters with every unit's score breakdown and the board's adjustments. */
export function rankingJson(view: RankingView, org: Pick<OrgDirectory, "unitById" | "listClusters">, t: Translate) {
  const clusters = new Map(org.listClusters().map((c) => [c.id, c]));
  return {
    ...head(view, t),
    model: view.model,
    clusters: view.rankings.map((r) => ({
      code: clusters.get(r.clusterId)?.code ?? r.clusterId, name: r.name, kind: clusters.get(r.clusterId)?.kind ?? null,
      units: r.units.map((u) => ({
        rank: u.rank, unit: org.unitById(u.unitId)?.code ?? u.unitId, name: u.unitName, band: u.band, baseScore: u.baseScore,
        adjustmentPoints: u.adjustmentPoints, totalScore: u.totalScore, isTied: u.isTied, tieBrokenBy: u.tieBrokenBy,
        criteria: u.criteria, adjustments: u.adjustments.map((a) => ({ points: a.points, reason: a.reason, by: a.by ?? null })),
      })),
    })),
  };
}

/** `GET /standings`: each unit's checklist (reports owed/sent, missed deadlines, registration, pledge, bot use). */
export function standingsJson(view: StandingsView, org: Pick<OrgDirectory, "unitById" | "listClusters">, t: Translate) {
  const clusterCode = new Map(org.listClusters().map((c) => [c.id, c.code]));
  return {
    ...head(view, t),
    units: view.standings.map((s) => ({
      unit: org.unitById(s.unitId)?.code ?? s.unitId, name: org.unitById(s.unitId)?.name ?? s.unitId,
      reportsOwed: s.reportsOwed, reportsSent: s.reportsSent, missedDeadlines: s.missedDeadlines,
      lastReportAt: s.lastReportAt?.toISOString() ?? null, registeredAt: s.registeredAt?.toISOString() ?? null,
      pledges: Object.fromEntries(Object.entries(s.pledgeByCluster).map(([id, signed]) => [clusterCode.get(id) ?? id, signed])),
      officers: s.officers, linkedOfficers: s.linkedOfficers,
    })),
  };
}
