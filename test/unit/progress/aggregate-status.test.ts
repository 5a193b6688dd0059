import { describe, expect, it } from "vitest";
import { countStatuses, evaluateProgress } from "../../../src/domain/progress/progress-status";
import type { EvaluateInput } from "../../../src/domain/progress/progress-status";

const base: EvaluateInput = {
  comparator: ">=",
  valueKind: "number",
  value: null,
  target: null,
  accumulates: false,
  elapsedShare: 0.25,
};
const ev = (over: Partial<EvaluateInput>) => evaluateProgress({ ...base, ...over });

describe("evaluateProgress: accumulating quantities (target × share of the year)", () => {
  const budget = { comparator: ">=" as const, target: 11560, accumulates: true };

  it("Q1 revenue above a quarter of the annual target is on track, with completion vs the annual target", () => {
    const r = ev({ ...budget, value: 3200, elapsedShare: 0.25 });
    expect(r.completion).toBeCloseTo(3200 / 11560, 6);
    expect(r.expectedCompletion).toBe(0.25);
    expect(r.status).toBe("on_track");
    expect(r.isMet).toBe(false);
  });

  it("slightly below the pro-rated target is at risk, far below is behind", () => {
    expect(ev({ ...budget, value: 11560 * 0.24, elapsedShare: 0.25 }).status).toBe("at_risk");
    expect(ev({ ...budget, value: 11560 * 0.2, elapsedShare: 0.25 }).status).toBe("behind");
  });

  it("reaching the annual target early is done", () => {
    const r = ev({ ...budget, value: 11600, elapsedShare: 0.75 });
    expect(r.status).toBe("done");
    expect(r.isMet).toBe(true);
  });

  it("at year end a shortfall is never on track", () => {
    expect(ev({ ...budget, value: 11000, elapsedShare: 1 }).status).toBe("at_risk");
    expect(ev({ ...budget, comparator: ">", value: 11560, elapsedShare: 1 }).status).toBe("at_risk");
  });

  it("an accumulating ceiling is pro-rated", () => {
    const r = ev({ comparator: "<=", target: 100, accumulates: true, value: 20, elapsedShare: 0.25 });
    expect(r.isMet).toBe(true);
    expect(r.status).toBe("on_track");
    expect(ev({ comparator: "<=", target: 100, accumulates: true, value: 40, elapsedShare: 0.25 }).status).toBe("behind");
  });
});

describe("evaluateProgress: rates compared directly", () => {
  it(">= met is on track, and done only at year end", () => {
    expect(ev({ valueKind: "percent", target: 6.01, value: 6.5 }).status).toBe("on_track");
    expect(ev({ valueKind: "percent", target: 6.01, value: 6.5, elapsedShare: 1 }).status).toBe("done");
  });

  it("> is strict: equal to the target is not met", () => {
    const r = ev({ comparator: ">", valueKind: "percent", target: 90, value: 90 });
    expect(r.isMet).toBe(false);
    expect(r.completion).toBe(1);
    expect(r.status).toBe("at_risk");
    expect(ev({ comparator: ">", valueKind: "percent", target: 90, value: 90.1 }).isMet).toBe(true);
  });

  it("negative growth against a positive target gives a negative completion and behind", () => {
    const r = ev({ valueKind: "percent", target: 6.01, value: -1.2 });
    expect(r.completion).toBeLessThan(0);
    expect(r.completion).toBeCloseTo(-1.2 / 6.01, 6);
    expect(r.status).toBe("behind");
  });

  it("a negative target (allowed decline) still orders values sensibly", () => {
    expect(ev({ valueKind: "percent", target: -2, value: -1 }).completion).toBeCloseTo(1.5, 6);
    expect(ev({ valueKind: "percent", target: -2, value: -3 }).status).toBe("behind");
  });

  it("<= and < compare lower-is-better, linear through zero", () => {
    expect(ev({ comparator: "<=", valueKind: "percent", target: 5, value: 4 }).completion).toBeCloseTo(1.2, 6);
    expect(ev({ comparator: "<=", valueKind: "percent", target: 5, value: 0 }).completion).toBeCloseTo(2, 6);
    expect(ev({ comparator: "<", valueKind: "percent", target: 5, value: 5 }).isMet).toBe(false);
    expect(ev({ comparator: "<=", valueKind: "percent", target: 5, value: 5 }).isMet).toBe(true);
    expect(ev({ comparator: "<=", valueKind: "percent", target: 5, value: 8 }).status).toBe("behind");
  });

  it("a null target cannot be judged", () => {
    const r = ev({ valueKind: "percent", target: null, value: 50 });
    expect(r.status).toBe("no_data");
    expect(r.noDataReason).toBe("no_target");
    expect(r.completion).toBeNull();
  });

  it("no value is no_data", () => {
    expect(ev({ target: 10, value: null }).noDataReason).toBe("no_value");
    expect(ev({ target: 10, value: Number.NaN }).status).toBe("no_data");
  });
});

describe("evaluateProgress: structure shares (=) judged by closeness", () => {
  const share = { comparator: "=" as const, valueKind: "percent" as const, target: 31.51 };
  it("within 0.5 points is met, whichever side", () => {
    expect(ev({ ...share, value: 31.9 }).isMet).toBe(true);
    expect(ev({ ...share, value: 31.2 }).isMet).toBe(true);
    expect(ev({ ...share, value: 31.9 }).completion).toBeCloseTo(1 - 0.39 / 31.51, 6);
  });
  it("overshooting a share is not better: 1 point off is at risk, 3 points off is behind", () => {
    expect(ev({ ...share, value: 32.5 }).status).toBe("at_risk");
    expect(ev({ ...share, value: 34.6 }).status).toBe("behind");
    expect(ev({ ...share, value: 28.4 }).status).toBe("behind");
  });
  it("closeness never goes below 0", () => {
    expect(ev({ ...share, value: 80 }).completion).toBe(0);
  });
});

describe("evaluateProgress: decrease vs previous year", () => {
  const dec = { comparator: "decrease_vs_previous_year" as const, target: null, accumulates: true };
  it("fewer accidents than the same span last year is met", () => {
    const r = ev({ ...dec, value: 85, previousValue: 100 });
    expect(r.isMet).toBe(true);
    expect(r.completion).toBeCloseTo(1.15, 6);
    expect(r.status).toBe("on_track");
  });
  it("the same number is not a decrease (at risk), more is behind", () => {
    expect(ev({ ...dec, value: 100, previousValue: 100 }).status).toBe("at_risk");
    expect(ev({ ...dec, value: 130, previousValue: 100 }).status).toBe("behind");
  });
  it("zero after zero counts as met; any after zero is not", () => {
    expect(ev({ ...dec, value: 0, previousValue: 0 }).isMet).toBe(true);
    expect(ev({ ...dec, value: 2, previousValue: 0 }).isMet).toBe(false);
  });
  it("without last year's figure there is no baseline", () => {
    expect(ev({ ...dec, value: 85 }).noDataReason).toBe("no_baseline");
    expect(ev({ ...dec, value: 85, previousValue: null }).status).toBe("no_data");
  });
  it("year end and met is done", () => {
    expect(ev({ ...dec, value: 85, previousValue: 100, elapsedShare: 1 }).status).toBe("done");
  });
});

describe("evaluateProgress: maintain (yes/no)", () => {
  const keep = { comparator: "maintain" as const, valueKind: "boolean" as const, target: 1 };
  it("đạt is on track, không đạt is behind", () => {
    expect(ev({ ...keep, value: 1 })).toMatchObject({ completion: 1, isMet: true, status: "on_track" });
    expect(ev({ ...keep, value: 0 })).toMatchObject({ completion: 0, isMet: false, status: "behind" });
  });
  it("a null target defaults to 1", () => {
    expect(ev({ ...keep, target: null, value: 1, elapsedShare: 1 }).status).toBe("done");
  });
});

describe("countStatuses", () => {
  it("counts every status, zero included", () => {
    expect(countStatuses(["done", "behind", "behind"])).toEqual({ done: 1, on_track: 0, at_risk: 0, behind: 2, no_data: 0 });
  });
});
