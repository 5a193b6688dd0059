/**
 * @module Ranking of every cluster/block (xếp hạng trong cụm/khối) for a period (pure): the plan pack's scoring
 * model over the units' checklists (unit-standing.ts) and progress rows, plus the board's manual adjustments.
 */
import type { Cluster, Unit } from "../organisation/organisation";
import type { ProgressSnapshot, UnitIndicatorProgress } from "../progress/aggregate";
import type { ClusterRanking, ManualAdjustment } from "../ranking/rank-cluster";
import { rankCluster } from "../ranking/rank-cluster";
import { completionsOf } from "../ranking/ranking-inputs";
import type { UnitScoreInput } from "../ranking/score-unit";
import type { BoardData } from "./board-data";
import type { UnitStanding } from "./unit-standing";

/** Inputs of {@link buildRankingView}. */
export interface RankingViewInput {
  clusters: readonly Cluster[];
  units: readonly Unit[];
  snapshot: ProgressSnapshot;
  standings: readonly UnitStanding[];
  data: Pick<BoardData, "adjustments" | "scoring">;
}

function rowsByUnit(rows: readonly UnitIndicatorProgress[]): Map<string, UnitIndicatorProgress[]> {
  const out = new Map<string, UnitIndicatorProgress[]>();
  for (const r of rows) {
    const list = out.get(r.unitId);
    if (list) list.push(r);
    else out.set(r.unitId, [r]);
  }
  return out;
}

/** The adjustments as the ranking reads them (who made them kept for the scoring sheet). */
export function manualAdjustments(data: Pick<BoardData, "adjustments">): ManualAdjustment[] {
  return data.adjustments.map((a) => ({ unitId: a.unitId, points: a.points, reason: a.reason, by: a.by }));
}

/** Ranks every given cluster; a member without a standing (e.g. inactive) is ranked with nothing earned. */
export function buildRankingView(input: RankingViewInput): ClusterRanking[] {
  const rows = rowsByUnit(input.snapshot.units);
  const standing = new Map(input.standings.map((s) => [s.unitId, s]));
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const adjustments = manualAdjustments(input.data);
  return input.clusters.map((cluster) => {
    const inputs = cluster.memberUnitIds.map((unitId): UnitScoreInput => {
      const s = standing.get(unitId);
      return {
        unitId,
        unitName: names.get(unitId) ?? unitId,
        completions: completionsOf(rows.get(unitId) ?? []),
        deadlines: s?.deadlines ?? [],
        reportsExpected: s?.reportsOwed ?? 0,
        reportsSubmitted: s?.reportsSent ?? 0,
        registrationSubmitted: s?.registeredAt != null,
        pledgeSigned: s?.pledgeByCluster[cluster.id] ?? false,
      };
    });
    const members = new Set(cluster.memberUnitIds);
    return rankCluster({ clusterId: cluster.id, name: cluster.name }, inputs, input.data.scoring, adjustments.filter((a) => members.has(a.unitId)));
  });
}
