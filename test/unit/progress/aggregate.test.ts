import { describe, expect, it } from "vitest";
import { aggregateProgress, UnknownPeriodError } from "../../../src/domain/progress/aggregate";
import type { AggregateInput } from "../../../src/domain/progress/aggregate";
import { isAccumulating, resolveLevel, resolveYearToDate } from "../../../src/domain/progress/aggregate-figures";
import { ACCIDENTS, AGRI_SHARE, BUDGET, GRDP, HEALTH_INSURANCE, INCOME, INDICATORS, PROVINCE, RICE, SECURITY, fig } from "../ranking/board-fixtures";

describe("isAccumulating", () => {
  it("sums of quantities accumulate; rates and per-capita levels do not", () => {
    expect(isAccumulating(BUDGET)).toBe(true);
    expect(isAccumulating(GRDP)).toBe(false);
    expect(isAccumulating(INCOME)).toBe(false);
    expect(isAccumulating(HEALTH_INSURANCE)).toBe(false);
    expect(isAccumulating({ ...INCOME, accumulates: true })).toBe(true);
  });
});

describe("resolveYearToDate", () => {
  it("adds period figures Q1 + Q2 for H1", () => {
    const r = resolveYearToDate([fig("u", "b", "2021-Q1", 100), fig("u", "b", "2021-Q2", 150)], 2021, 6);
    expect(r).toEqual({ value: 250, throughMonth: 6, isStale: false, reportedAt: undefined });
  });
  it("takes a cumulative figure as is, and prefers it to the pieces", () => {
    const figures = [fig("u", "b", "2021-Q1", 100), fig("u", "b", "2021-Q2", 150), fig("u", "b", "2021-Q2", 260, "cumulative")];
    expect(resolveYearToDate(figures, 2021, 6)?.value).toBe(260);
  });
  it("continues a cumulative figure with later monthly figures", () => {
    const figures = [fig("u", "b", "2021-M02", 50, "cumulative"), fig("u", "b", "2021-M03", 30), fig("u", "b", "2021-M01", 999)];
    expect(resolveYearToDate(figures, 2021, 3)?.value).toBe(80);
  });
  it("'6 tháng' on a period basis is year-to-date", () => {
    expect(resolveYearToDate([fig("u", "b", "2021-H1", 500)], 2021, 6)?.value).toBe(500);
  });
  it("the later report wins between figures of the same span", () => {
    const figures = [fig("u", "b", "2021-Q1", 100, "period", "2021-04-05T03:00:00Z"), fig("u", "b", "2021-Q1", 120, "period", "2021-04-02T03:00:00Z")];
    expect(resolveYearToDate(figures, 2021, 3)?.value).toBe(100);
  });
  it("a gap leaves a stale value through the last covered month", () => {
    const figures = [fig("u", "b", "2021-Q1", 100), fig("u", "b", "2021-M06", 40)];
    expect(resolveYearToDate(figures, 2021, 6)).toMatchObject({ value: 100, throughMonth: 3, isStale: true });
  });
  it("ignores other years and later periods", () => {
    expect(resolveYearToDate([fig("u", "b", "2020-Q1", 1), fig("u", "b", "2021-Q2", 5)], 2021, 3)).toBeNull();
  });
});

describe("resolveLevel", () => {
  it("prefers the figure ending at the period's end, a year-to-date one first", () => {
    const figures = [fig("u", "g", "2021-Q1", 5.1), fig("u", "g", "2021-Q2", 4.0), fig("u", "g", "2021-H1", 4.6)];
    expect(resolveLevel(figures, 2021, 6)).toMatchObject({ value: 4.6, throughMonth: 6, isStale: false });
  });
  it("falls back to the latest earlier figure, flagged stale", () => {
    expect(resolveLevel([fig("u", "g", "2021-Q1", 5.1)], 2021, 6)).toMatchObject({ value: 5.1, throughMonth: 3, isStale: true });
  });
});

function input(over: Partial<AggregateInput>): AggregateInput {
  return { indicators: INDICATORS, figures: [], period: "2021-Q1", provinceUnitId: PROVINCE, ...over };
}

describe("aggregateProgress: province rows", () => {
  it("sums the districts' year-to-date revenue and leaves stale ones out", () => {
    const snap = aggregateProgress(
      input({
        indicators: [BUDGET],
        period: "2021-H1",
        unitIds: ["d1", "d2", "d3"],
        figures: [
          fig("d1", BUDGET.code, "2021-Q1", 1000),
          fig("d1", BUDGET.code, "2021-Q2", 1200),
          fig("d2", BUDGET.code, "2021-H1", 2000),
          fig("d3", BUDGET.code, "2021-Q1", 700),
        ],
      }),
    );
    expect(snap.elapsedShare).toBe(0.5);
    const row = snap.province[0]!;
    expect(row).toMatchObject({ value: 4200, unitsReported: 2, unitsExpected: 3, accumulates: true, throughMonth: 6 });
    expect(row.completion).toBeCloseTo(4200 / 11560, 6);
    expect(row.status).toBe("behind");
    const d3 = snap.units.find((u) => u.unitId === "d3")!;
    expect(d3).toMatchObject({ value: null, lastKnown: { value: 700, throughMonth: 3 }, status: "no_data" });
  });

  it("`province` aggregation uses only the board's figure", () => {
    const snap = aggregateProgress(
      input({ indicators: [GRDP], figures: [fig(PROVINCE, GRDP.code, "2021-Q1", 5.2), fig("d1", GRDP.code, "2021-Q1", 9.9)] }),
    );
    expect(snap.province[0]).toMatchObject({ value: 5.2, unitsReported: 1, unitsExpected: 1, status: "behind" });
    expect(snap.units.map((u) => u.unitId)).toEqual(["d1"]);
  });

  it("`average` takes the mean of the units' rates", () => {
    const figures = [fig("d1", HEALTH_INSURANCE.code, "2021-Q1", 92), fig("d2", HEALTH_INSURANCE.code, "2021-Q1", 88)];
    const row = aggregateProgress(input({ indicators: [HEALTH_INSURANCE], figures })).province[0]!;
    expect(row.value).toBe(90);
    expect(row.isMet).toBe(false);
  });

  it("`latest` takes the most recently reported unit value", () => {
    const figures = [
      fig("d1", SECURITY.code, "2021-Q1", 1, "period", "2021-04-03T02:00:00Z"),
      fig("d2", SECURITY.code, "2021-Q1", 0, "period", "2021-04-04T02:00:00Z"),
    ];
    expect(aggregateProgress(input({ indicators: [SECURITY], figures })).province[0]).toMatchObject({ value: 0, status: "behind" });
  });

  it("decrease vs previous year compares year-to-date sums with last year's", () => {
    const figures = [fig("d1", ACCIDENTS.code, "2021-Q1", 30), fig("d2", ACCIDENTS.code, "2021-Q1", 25)];
    const previousYearFigures = [fig("d1", ACCIDENTS.code, "2020-Q1", 35), fig("d2", ACCIDENTS.code, "2020-Q1", 30)];
    const row = aggregateProgress(input({ indicators: [ACCIDENTS], figures, previousYearFigures })).province[0]!;
    expect(row).toMatchObject({ value: 55, previousValue: 65, isMet: true, status: "on_track" });
    const withBoard = aggregateProgress(
      input({ indicators: [ACCIDENTS], figures, previousYearFigures: [...previousYearFigures, fig(PROVINCE, ACCIDENTS.code, "2020-Q1", 45)] }),
    ).province[0]!;
    expect(withBoard).toMatchObject({ previousValue: 45, isMet: false, status: "behind" });
  });

  it("no figures at all is no_data everywhere", () => {
    const snap = aggregateProgress(input({ unitIds: ["d1"] }));
    expect(snap.province.every((r) => r.status === "no_data")).toBe(true);
    expect(snap.province.find((r) => r.indicatorCode === RICE.code)?.unitsReported).toBe(0);
  });

  it("structure share from the board is judged by closeness", () => {
    const row = aggregateProgress(input({ indicators: [AGRI_SHARE], figures: [fig(PROVINCE, AGRI_SHARE.code, "2021-Q1", 31.7)] })).province[0]!;
    expect(row).toMatchObject({ isMet: true, status: "on_track" });
  });

  it("rejects an unknown period code", () => {
    expect(() => aggregateProgress(input({ period: "2021-Q5" }))).toThrow(UnknownPeriodError);
  });
});

describe("aggregateProgress: unit rows", () => {
  it("judges a unit against its own commitment, else gives no status for a sum", () => {
    const snap = aggregateProgress(
      input({
        indicators: [BUDGET],
        unitIds: ["d1", "d2"],
        figures: [fig("d1", BUDGET.code, "2021-Q1", 300), fig("d2", BUDGET.code, "2021-Q1", 300)],
        commitments: [{ unitId: "d1", indicatorCode: BUDGET.code, target: 1000 }],
      }),
    );
    const [d1, d2] = snap.units;
    expect(d1).toMatchObject({ unitId: "d1", target: 1000, targetSource: "commitment", status: "on_track" });
    expect(d1!.completion).toBeCloseTo(0.3, 6);
    expect(d2).toMatchObject({ unitId: "d2", target: null, targetSource: null, status: "no_data", noDataReason: "no_unit_target" });
  });

  it("rates use the province target when the unit committed to none", () => {
    const snap = aggregateProgress(input({ indicators: [HEALTH_INSURANCE], figures: [fig("d1", HEALTH_INSURANCE.code, "2021-Q1", 93)] }));
    expect(snap.units[0]).toMatchObject({ target: 90, targetSource: "province", isMet: true, status: "on_track" });
  });

  it("lists every expected unit, reported or not, and skips the board's pseudo-unit", () => {
    const snap = aggregateProgress(input({ indicators: [RICE], unitIds: ["d1", PROVINCE, "d2"], figures: [fig("d2", RICE.code, "2021-Q1", 0.4)] }));
    expect(snap.units.map((u) => [u.unitId, u.status])).toEqual([
      ["d1", "no_data"],
      ["d2", "no_data"],
    ]);
    expect(snap.province[0]).toMatchObject({ value: 0.4, unitsReported: 1, unitsExpected: 2 });
  });
});
