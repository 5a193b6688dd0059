/**
 * @module Ranking units inside each cluster/block (xếp hạng trong cụm/khối), with manual adjustments (pure).
 *
 * Order: total (base + adjustments) descending; equal totals are broken by the criterion points in model order
 * (completion, timeliness, completeness, registration, pledge), then by unitId, so the same input always gives
 * the same order. Every unit gets a distinct rank; `isTied` tells the board the total alone did not decide.
 * Adjustments (điểm cộng/trừ của Ban TĐKT) need a reason and stay visible apart from the computed score.
 */
import type { Criterion, ScoringModel } from "./scoring-model";
import { CRITERIA, RankingInputError } from "./scoring-model";
import { roundPoints, scoreCriteria } from "./score-unit";
import type { CriterionScore, UnitScoreInput } from "./score-unit";

/** Points added (or removed, when negative) by the board, with the reason it must give. */
export interface ManualAdjustment {
  unitId: string;
  points: number;
  reason: string;
  /** Limits the adjustment to one cluster when the unit belongs to several. */
  clusterId?: string;
  /** Who made it (officer id or name), for the scoring sheet. */
  by?: string;
}

/** A cluster/block (cụm/khối) and its member units. */
export interface ClusterDef {
  clusterId: string;
  name: string;
  unitIds: readonly string[];
}

/** Where a rank falls in its cluster: groups see only this, not figures (peers §3 idea 7). */
export type RankBand = "top" | "middle" | "bottom";

/** One unit's line on the scoring sheet. */
export interface UnitScore {
  unitId: string;
  unitName: string;
  rank: number;
  band: RankBand;
  /** Sum of the criteria points, before adjustments. */
  baseScore: number;
  adjustmentPoints: number;
  totalScore: number;
  criteria: CriterionScore[];
  adjustments: ManualAdjustment[];
  /** true when another unit of the cluster has the same total. */
  isTied: boolean;
  /** What placed this unit below the one ranked just above it with the same total. */
  tieBrokenBy: Criterion | "unitId" | null;
}

/** A cluster's units in rank order. */
export interface ClusterRanking {
  clusterId: string;
  name: string;
  units: UnitScore[];
}

/** Top third, bottom third, the rest in the middle (a cluster of 1–2 units has no bottom). */
export function rankBand(rank: number, size: number): RankBand {
  const third = Math.max(1, Math.floor(size / 3));
  if (rank <= third) return "top";
  if (size >= 3 && rank > size - third) return "bottom";
  return "middle";
}

/** Lists invalid adjustments: empty reason, non-finite or zero points. */
export function adjustmentProblems(adjustments: readonly ManualAdjustment[]): string[] {
  const problems: string[] = [];
  adjustments.forEach((a, i) => {
    if (a.reason.trim() === "") problems.push(`adjustments[${i}] (${a.unitId}): a reason is required`);
    if (!Number.isFinite(a.points) || a.points === 0) problems.push(`adjustments[${i}] (${a.unitId}): points must be a non-zero number`);
  });
  return problems;
}

type Scored = Omit<UnitScore, "rank" | "band" | "isTied" | "tieBrokenBy">;

function pointsOf(s: Scored, c: Criterion): number {
  return s.criteria.find((x) => x.criterion === c)?.points ?? 0;
}

/** Negative when `a` ranks before `b`; also tells which key decided. */
function compareScored(a: Scored, b: Scored): { order: number; by: Criterion | "unitId" | null } {
  if (a.totalScore !== b.totalScore) return { order: b.totalScore - a.totalScore, by: null };
  for (const c of CRITERIA) {
    const diff = pointsOf(b, c) - pointsOf(a, c);
    if (diff !== 0) return { order: diff, by: c };
  }
  return { order: a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0, by: "unitId" };
}

function scoreOne(input: UnitScoreInput, model: ScoringModel, adjustments: ManualAdjustment[]): Scored {
  const criteria = scoreCriteria(input, model);
  const baseScore = roundPoints(criteria.reduce((sum, c) => sum + c.points, 0));
  const adjustmentPoints = roundPoints(adjustments.reduce((sum, a) => sum + a.points, 0));
  return {
    unitId: input.unitId,
    unitName: input.unitName,
    baseScore,
    adjustmentPoints,
    totalScore: roundPoints(baseScore + adjustmentPoints),
    criteria,
    adjustments,
  };
}

/**
 * Ranks the given units of one cluster. Adjustments of other units, or limited to another cluster, are ignored.
 * Throws {@link RankingInputError} when an adjustment has no reason or no points.
 */
export function rankCluster(
  cluster: Omit<ClusterDef, "unitIds">,
  units: readonly UnitScoreInput[],
  model: ScoringModel,
  adjustments: readonly ManualAdjustment[] = [],
): ClusterRanking {
  const problems = adjustmentProblems(adjustments);
  if (problems.length > 0) throw new RankingInputError(problems);
  const applicable = adjustments.filter((a) => a.clusterId === undefined || a.clusterId === cluster.clusterId);
  const scored = units.map((u) => scoreOne(u, model, applicable.filter((a) => a.unitId === u.unitId)));
  scored.sort((a, b) => compareScored(a, b).order);
  const ranked = scored.map((s, i): UnitScore => {
    const above = scored[i - 1];
    const below = scored[i + 1];
    return {
      ...s,
      rank: i + 1,
      band: rankBand(i + 1, scored.length),
      isTied: above?.totalScore === s.totalScore || below?.totalScore === s.totalScore,
      tieBrokenBy: above && above.totalScore === s.totalScore ? compareScored(above, s).by : null,
    };
  });
  return { clusterId: cluster.clusterId, name: cluster.name, units: ranked };
}

/**
 * Ranks every cluster from one list of unit inputs (a unit in two clusters is ranked in both).
 * Throws {@link RankingInputError} for an invalid adjustment or one naming a unit that is in no cluster.
 */
export function rankClusters(
  clusters: readonly ClusterDef[],
  units: readonly UnitScoreInput[],
  model: ScoringModel,
  adjustments: readonly ManualAdjustment[] = [],
): ClusterRanking[] {
  const members = new Set(clusters.flatMap((c) => c.unitIds));
  const problems = adjustmentProblems(adjustments);
  for (const a of adjustments) if (!members.has(a.unitId)) problems.push(`adjustment for unknown unit ${a.unitId}`);
  if (problems.length > 0) throw new RankingInputError(problems);
  const byId = new Map(units.map((u) => [u.unitId, u]));
  return clusters.map((c) => {
    // A member with no input at all is still ranked (with nothing earned), so it cannot vanish from the sheet.
    const inputs = c.unitIds.map((id) => byId.get(id) ?? emptyInput(id));
    return rankCluster(c, inputs, model, adjustments);
  });
}

function emptyInput(unitId: string): UnitScoreInput {
  return {
    unitId,
    unitName: unitId,
    completions: [],
    deadlines: [],
    reportsExpected: 0,
    reportsSubmitted: 0,
    registrationSubmitted: false,
    pledgeSigned: false,
  };
}
