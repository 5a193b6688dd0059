import { describe, expect, it } from "vitest";
import { checkPlausibility } from "../../../../src/domain/progress/parse/parse-message";
import type { IndicatorDef } from "../../../../src/domain/campaigns/campaign";
import { indicators } from "./parse-helpers";

const def = (code: string): IndicatorDef => {
  const d = indicators.find((x) => x.code === code);
  if (!d) throw new Error(code);
  return d;
};
const kinds = (w: { kind: string }[]): string[] => w.map((x) => x.kind);

describe("checkPlausibility", () => {
  it("accepts an ordinary figure", () => {
    expect(checkPlausibility({ indicator: def("budget_revenue"), value: 3200, period: "2021-Q1", basis: "period", previous: [] })).toEqual([]);
  });

  it("flags a running total that went down", () => {
    const previous = [{ period: "2021-M03", value: 3300, basis: "cumulative" as const }];
    const w = checkPlausibility({ indicator: def("budget_revenue"), value: 3100, period: "2021-M04", basis: "cumulative", previous });
    expect(w).toEqual([{ kind: "cumulative_decreased", previous: previous[0] }]);
    // A 6-month figure is a running total too; a Q2 period figure is not comparable.
    expect(kinds(checkPlausibility({ indicator: def("budget_revenue"), value: 3000, period: "2021-H1", basis: "period", previous }))).toEqual(["cumulative_decreased"]);
    expect(checkPlausibility({ indicator: def("budget_revenue"), value: 3000, period: "2021-Q2", basis: "period", previous })).toEqual([]);
    // Rates do not accumulate.
    expect(checkPlausibility({ indicator: def("health_insurance_coverage"), value: 80, period: "2021-H1", basis: "cumulative", previous: [{ period: "2021-Q1", value: 88, basis: "period" }] })).toEqual([]);
  });

  it("flags a thousand-fold slip against the target or a previous figure", () => {
    expect(kinds(checkPlausibility({ indicator: def("budget_revenue"), value: 3_200_000, period: "2021-Q1", basis: "period", previous: [] }))).toEqual(["scale_slip"]);
    const w = checkPlausibility({ indicator: def("seafood_output"), value: 185.3, period: "2021-Q2", basis: "period", previous: [{ period: "2021-Q1", value: 180_000, basis: "period" }] });
    expect(w).toEqual([expect.objectContaining({ kind: "scale_slip", previous: { period: "2021-Q1", value: 180_000, basis: "period" } })]);
  });

  it("flags rates above their maximum and figures far above the target", () => {
    expect(checkPlausibility({ indicator: def("health_insurance_coverage"), value: 190, period: "2021-Q1", basis: "period", previous: [] })).toEqual([{ kind: "above_max", limit: 100 }]);
    expect(kinds(checkPlausibility({ indicator: def("budget_revenue"), value: 40_000, period: "2021-Y", basis: "period", previous: [] }))).toEqual(["far_above_target"]);
    expect(kinds(checkPlausibility({ indicator: def("grdp_growth"), value: 25, period: "2021-Q1", basis: "period", previous: [] }))).toEqual(["far_above_target"]);
  });

  it("never trusts a non-finite value", () => {
    expect(kinds(checkPlausibility({ indicator: def("budget_revenue"), value: Number.POSITIVE_INFINITY, period: "2021-Q1", basis: "period", previous: [] }))).toEqual(["above_max"]);
  });
});
