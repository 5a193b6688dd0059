import { describe, expect, it } from "vitest";
import { rankBand, rankCluster, rankClusters } from "../../../src/domain/ranking/rank-cluster";
import { DEFAULT_SCORING_MODEL, RankingInputError, maxScore, resolveScoringModel } from "../../../src/domain/ranking/scoring-model";
import { deadlineCredit, scoreCriteria } from "../../../src/domain/ranking/score-unit";
import type { UnitScoreInput } from "../../../src/domain/ranking/score-unit";

const due = new Date("2021-04-05T10:00:00Z");
const hoursAfter = (h: number) => new Date(due.getTime() + h * 3_600_000);

function unit(unitId: string, over: Partial<UnitScoreInput> = {}): UnitScoreInput {
  return {
    unitId,
    unitName: `Huyện ${unitId}`,
    completions: [1, 1],
    deadlines: [{ deadlineCode: "q1", due, submittedAt: hoursAfter(-1) }],
    reportsExpected: 10,
    reportsSubmitted: 10,
    registrationSubmitted: true,
    pledgeSigned: true,
    ...over,
  };
}

const CLUSTER = { clusterId: "cum-1", name: "Cụm thi đua số 1" };

describe("scoring model", () => {
  it("the default adds up to 100 points", () => {
    expect(maxScore(DEFAULT_SCORING_MODEL)).toBe(100);
    expect(resolveScoringModel()).toEqual(DEFAULT_SCORING_MODEL);
  });
  it("merges plan-pack overrides and rejects bad ones with every problem listed", () => {
    expect(resolveScoringModel({ weights: { pledge: 0 } }).weights).toMatchObject({ completion: 50, pledge: 0 });
    try {
      resolveScoringModel({ weights: { completion: -1 }, latePenaltyPerDay: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RankingInputError);
      expect((e as RankingInputError).problems).toHaveLength(2);
    }
  });
});

describe("criteria", () => {
  it("a perfect unit earns every point", () => {
    const criteria = scoreCriteria(unit("a"), DEFAULT_SCORING_MODEL);
    expect(criteria.map((c) => c.points)).toEqual([50, 20, 15, 10, 5]);
  });
  it("completion is floored at 0 and capped (no credit for over-achievement by default)", () => {
    const c = scoreCriteria(unit("a", { completions: [1.5, -0.2, null, 0.5] }), DEFAULT_SCORING_MODEL)[0]!;
    expect(c.ratio).toBeCloseTo(0.5, 6);
    expect(c.points).toBe(25);
    const capped = scoreCriteria(unit("a", { completions: [1.5, 0.5] }), resolveScoringModel({ completionCap: 1.2 }))[0]!;
    expect(capped).toMatchObject({ points: 42.5, maxPoints: 60 });
  });
  it("lateness costs a share per started day; never sent earns nothing", () => {
    const model = resolveScoringModel({ graceHours: 2 });
    expect(deadlineCredit({ deadlineCode: "x", due, submittedAt: hoursAfter(2) }, model)).toBe(1);
    expect(deadlineCredit({ deadlineCode: "x", due, submittedAt: hoursAfter(3) }, model)).toBeCloseTo(0.9, 9);
    expect(deadlineCredit({ deadlineCode: "x", due, submittedAt: hoursAfter(2 + 24 * 3 + 1) }, model)).toBeCloseTo(0.6, 9);
    expect(deadlineCredit({ deadlineCode: "x", due, submittedAt: hoursAfter(24 * 30) }, model)).toBe(0);
    expect(deadlineCredit({ deadlineCode: "x", due, submittedAt: null }, model)).toBe(0);
  });
  it("nothing to judge yet earns 0 points, shown as a null ratio", () => {
    const criteria = scoreCriteria(unit("a", { completions: [], deadlines: [], reportsExpected: 0 }), DEFAULT_SCORING_MODEL);
    expect(criteria.slice(0, 3).map((c) => [c.ratio, c.points])).toEqual([
      [null, 0],
      [null, 0],
      [null, 0],
    ]);
  });
});

describe("rankCluster", () => {
  it("orders by total and keeps the breakdown per unit", () => {
    const r = rankCluster(CLUSTER, [unit("a", { pledgeSigned: false }), unit("b"), unit("c", { completions: [0.5, 0.5] })], DEFAULT_SCORING_MODEL);
    expect(r.units.map((u) => [u.unitId, u.rank, u.totalScore])).toEqual([
      ["b", 1, 100],
      ["a", 2, 95],
      ["c", 3, 75],
    ]);
    expect(r.units[1]!.criteria.find((c) => c.criterion === "pledge")).toMatchObject({ ratio: 0, points: 0, maxPoints: 5 });
    expect(r.units.map((u) => u.band)).toEqual(["top", "middle", "bottom"]);
  });

  it("breaks ties by criteria in model order, then by unit id, and says so", () => {
    // Same total 90: x loses 10 on completion, y loses 10 on registration; z and w are identical.
    const x = unit("x", { completions: [0.8, 0.8] });
    const y = unit("y", { registrationSubmitted: false });
    const z = unit("z", { pledgeSigned: false, reportsSubmitted: 8 });
    const w = unit("w", { pledgeSigned: false, reportsSubmitted: 8 });
    const r = rankCluster(CLUSTER, [x, z, w, y], DEFAULT_SCORING_MODEL);
    const order = r.units.map((u) => u.unitId);
    expect(order).toEqual(["w", "z", "y", "x"]);
    expect(r.units.map((u) => u.totalScore)).toEqual([92, 92, 90, 90]);
    expect(r.units.map((u) => u.tieBrokenBy)).toEqual([null, "unitId", null, "completion"]);
    expect(r.units.every((u) => u.isTied)).toBe(true);
    // Input order does not matter.
    expect(rankCluster(CLUSTER, [y, x, w, z], DEFAULT_SCORING_MODEL).units.map((u) => u.unitId)).toEqual(order);
  });

  it("applies manual adjustments apart from the computed score", () => {
    const r = rankCluster(CLUSTER, [unit("a"), unit("b", { pledgeSigned: false })], DEFAULT_SCORING_MODEL, [
      { unitId: "b", points: 8, reason: "Có mô hình mới, điển hình tiên tiến" },
      { unitId: "a", points: -2, reason: "Báo cáo sai số liệu quý I" },
      { unitId: "a", points: 5, reason: "Ngoài cụm", clusterId: "cum-2" },
    ]);
    expect(r.units.map((u) => [u.unitId, u.baseScore, u.adjustmentPoints, u.totalScore])).toEqual([
      ["b", 95, 8, 103],
      ["a", 100, -2, 98],
    ]);
    expect(r.units[0]!.adjustments[0]!.reason).toContain("điển hình");
  });

  it("refuses an adjustment without a reason or points", () => {
    expect(() => rankCluster(CLUSTER, [unit("a")], DEFAULT_SCORING_MODEL, [{ unitId: "a", points: 3, reason: "  " }])).toThrow(RankingInputError);
    expect(() => rankCluster(CLUSTER, [unit("a")], DEFAULT_SCORING_MODEL, [{ unitId: "a", points: 0, reason: "x" }])).toThrow(RankingInputError);
  });
});

describe("rankClusters", () => {
  const clusters = [
    { clusterId: "cum-1", name: "Cụm 1", unitIds: ["a", "b"] },
    { clusterId: "khoi-1", name: "Khối 1", unitIds: ["c", "ghost"] },
  ];
  it("ranks each cluster; a member without input is still listed, last", () => {
    const r = rankClusters(clusters, [unit("a"), unit("b"), unit("c")], DEFAULT_SCORING_MODEL);
    expect(r.map((c) => c.units.map((u) => u.unitId))).toEqual([
      ["a", "b"],
      ["c", "ghost"],
    ]);
    expect(r[1]!.units[1]!.totalScore).toBe(0);
  });
  it("rejects an adjustment for a unit in no cluster", () => {
    expect(() => rankClusters(clusters, [unit("a")], DEFAULT_SCORING_MODEL, [{ unitId: "zz", points: 1, reason: "x" }])).toThrow(/unknown unit zz/);
  });
});

describe("rankBand", () => {
  it("splits in thirds and never puts a unit of a pair at the bottom", () => {
    expect([1, 2, 3, 4, 5, 6].map((r) => rankBand(r, 6))).toEqual(["top", "top", "middle", "middle", "bottom", "bottom"]);
    expect([1, 2].map((r) => rankBand(r, 2))).toEqual(["top", "middle"]);
  });
});
