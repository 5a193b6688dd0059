import { describe, expect, it } from "vitest";
import type { DeadlineDef } from "../../../src/domain/campaigns/campaign";
import { aggregateProgress } from "../../../src/domain/progress/aggregate";
import { completionsOf, countSubmittedSlots, expectedReportSlots, reportDeadlineOutcomes } from "../../../src/domain/ranking/ranking-inputs";
import { BUDGET, GRDP, HEALTH_INSURANCE, INCOME, PROVINCE, RICE, fig } from "./board-fixtures";

describe("expectedReportSlots / countSubmittedSlots", () => {
  const monthly = { ...HEALTH_INSURANCE, code: "m", frequency: "monthly" as const };
  it("owes monthly every month, quarterly every finished quarter, annual only at year end, none for board-only", () => {
    const slots = expectedReportSlots([monthly, BUDGET, INCOME, GRDP], 2021, 7);
    expect(slots.filter((s) => s.indicatorCode === "m")).toHaveLength(7);
    expect(slots.filter((s) => s.indicatorCode === BUDGET.code).map((s) => s.period)).toEqual(["2021-Q1", "2021-Q2"]);
    expect(slots.some((s) => s.indicatorCode === INCOME.code || s.indicatorCode === GRDP.code)).toBe(false);
    const annual = { ...RICE, frequency: "annual" as const };
    expect(expectedReportSlots([annual], 2021, 12)).toEqual([{ indicatorCode: RICE.code, period: "2021-Y" }]);
  });
  it("a figure ending in the slot's month covers it, whatever its basis", () => {
    const slots = expectedReportSlots([BUDGET, RICE], 2021, 6);
    const figures = [fig("d1", BUDGET.code, "2021-Q1", 1), fig("d1", BUDGET.code, "2021-M06", 5, "cumulative"), fig("d1", RICE.code, "2021-H1", 1)];
    expect(countSubmittedSlots(slots, figures)).toBe(3);
  });
});

describe("reportDeadlineOutcomes", () => {
  const deadlines: DeadlineDef[] = [
    { code: "reg", kind: "registration", title: "Đăng ký", period: null, due: "2021-03-15T17:00", assumed: false },
    { code: "q1", kind: "quarterly_report", title: "Báo cáo quý I", period: "2021-Q1", due: "2021-04-05T17:00", assumed: true },
    { code: "q2", kind: "quarterly_report", title: "Báo cáo quý II", period: "2021-Q2", due: "2021-07-05T17:00", assumed: true },
    { code: "ent", kind: "quarterly_report", title: "DN", period: "2021-Q1", due: "2021-04-05T17:00", assumed: true, unitKinds: ["enterprise"] },
  ];
  it("keeps report deadlines already due, with the unit's first figure for that period", () => {
    const unitFigures = [
      fig("d1", BUDGET.code, "2021-Q1", 1, "period", "2021-04-06T02:00:00Z"),
      fig("d1", RICE.code, "2021-M03", 1, "cumulative", "2021-04-05T09:00:00Z"),
      fig("d1", RICE.code, "2021-M02", 1, "cumulative", "2021-03-01T09:00:00Z"),
    ];
    const out = reportDeadlineOutcomes({ deadlines, unitFigures, asOf: new Date("2021-05-01T00:00:00Z"), unitKind: "district" });
    expect(out).toEqual([{ deadlineCode: "q1", due: new Date("2021-04-05T10:00:00Z"), submittedAt: new Date("2021-04-05T09:00:00Z") }]);
  });
  it("a deadline without any figure has no submission", () => {
    const out = reportDeadlineOutcomes({ deadlines, unitFigures: [], asOf: new Date("2021-08-01T00:00:00Z"), unitKind: "enterprise" });
    expect(out.map((o) => [o.deadlineCode, o.submittedAt])).toEqual([
      ["q1", null],
      ["q2", null],
      ["ent", null],
    ]);
  });
});

describe("completionsOf", () => {
  it("counts judged rows and missing committed ones as 0, skips unjudged ones", () => {
    const snap = aggregateProgress({
      indicators: [BUDGET, RICE, HEALTH_INSURANCE],
      period: "2021-Q1",
      provinceUnitId: PROVINCE,
      unitIds: ["d1"],
      figures: [fig("d1", BUDGET.code, "2021-Q1", 250), fig("d1", HEALTH_INSURANCE.code, "2021-Q1", 90)],
      commitments: [
        { unitId: "d1", indicatorCode: BUDGET.code, target: 1000 },
        { unitId: "d1", indicatorCode: RICE.code, target: 0.5 },
      ],
    });
    expect(completionsOf(snap.units)).toEqual([0.25, 0, 1]);
  });
});
