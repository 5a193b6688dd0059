import { describe, expect, it } from "vitest";
import {
  currentPeriod,
  elapsedShareOfYear,
  formatPeriod,
  isPeriodCode,
  lastFinishedPeriod,
  makePeriodCode,
  parsePeriodCode,
  periodEndMonth,
  periodMonths,
  previousPeriod,
  toLocalDate,
} from "../../../../src/domain/progress/period";

const apr5 = { year: 2021, month: 4, day: 5 };

describe("period codes", () => {
  it("decodes every kind with its months", () => {
    expect(parsePeriodCode("2021-M03")).toMatchObject({ kind: "month", index: 3, startMonth: 3, endMonth: 3 });
    expect(parsePeriodCode("2021-Q2")).toMatchObject({ kind: "quarter", index: 2, startMonth: 4, endMonth: 6 });
    expect(parsePeriodCode("2021-H1")).toMatchObject({ kind: "half", startMonth: 1, endMonth: 6 });
    expect(parsePeriodCode("2021-H2")).toMatchObject({ kind: "half", startMonth: 7, endMonth: 12 });
    expect(parsePeriodCode("2021-9M")).toMatchObject({ kind: "nine_months", startMonth: 1, endMonth: 9 });
    expect(parsePeriodCode("2021-Y")).toMatchObject({ kind: "year", year: 2021, startMonth: 1, endMonth: 12 });
  });

  it("rejects malformed codes", () => {
    for (const bad of ["2021-M3", "2021-M13", "2021-Q5", "2021-H3", "21-Q1", "2021-q1", "", "2021-Y1"]) {
      expect(isPeriodCode(bad)).toBe(false);
      expect(parsePeriodCode(bad)).toBeNull();
    }
    expect(() => periodMonths("2021-Q5")).toThrow(RangeError);
  });

  it("builds codes and reads months", () => {
    expect(makePeriodCode(2021, "month", 3)).toBe("2021-M03");
    expect(makePeriodCode(2021, "nine_months")).toBe("2021-9M");
    expect(periodMonths("2021-Q3")).toEqual({ startMonth: 7, endMonth: 9 });
    expect(periodEndMonth("2021-H1")).toBe(6);
  });

  it("steps back within the same kind, across years", () => {
    expect(previousPeriod("2021-M01")).toBe("2020-M12");
    expect(previousPeriod("2021-M10")).toBe("2021-M09");
    expect(previousPeriod("2021-Q1")).toBe("2020-Q4");
    expect(previousPeriod("2021-H2")).toBe("2021-H1");
    expect(previousPeriod("2021-9M")).toBe("2020-9M");
    expect(previousPeriod("2021-Y")).toBe("2020-Y");
  });
});

describe("periods relative to a day", () => {
  it("finds the last finished period of each kind (also by frequency name)", () => {
    expect(lastFinishedPeriod("quarter", apr5)).toBe("2021-Q1");
    expect(lastFinishedPeriod("quarterly", apr5)).toBe("2021-Q1");
    expect(lastFinishedPeriod("month", apr5)).toBe("2021-M03");
    expect(lastFinishedPeriod("half", apr5)).toBe("2020-H2");
    expect(lastFinishedPeriod("half", { year: 2021, month: 7, day: 1 })).toBe("2021-H1");
    expect(lastFinishedPeriod("nine_months", { year: 2021, month: 10, day: 2 })).toBe("2021-9M");
    expect(lastFinishedPeriod("annual", apr5)).toBe("2020-Y");
    expect(lastFinishedPeriod("month", { year: 2021, month: 1, day: 9 })).toBe("2020-M12");
  });

  it("finds the current period", () => {
    expect(currentPeriod("quarter", apr5)).toBe("2021-Q2");
    expect(currentPeriod("month", apr5)).toBe("2021-M04");
  });

  it("converts an instant to the local day of the campaign's zone", () => {
    // 17:30 UTC on 4 April is already 5 April in Vietnam.
    expect(toLocalDate(new Date("2021-04-04T17:30:00Z"), "Asia/Ho_Chi_Minh")).toEqual(apr5);
    expect(toLocalDate(new Date("2021-04-04T17:30:00Z"), "UTC")).toEqual({ year: 2021, month: 4, day: 4 });
    expect(toLocalDate(new Date("2021-04-04T17:30:00Z"), "Not/AZone")).toEqual({ year: 2021, month: 4, day: 4 });
    expect(toLocalDate(new Date(Number.NaN), "UTC")).toBeNull();
  });

  it("measures the elapsed share of the year", () => {
    expect(elapsedShareOfYear(apr5, 2021)).toBeCloseTo(95 / 365, 10);
    expect(elapsedShareOfYear({ year: 2021, month: 12, day: 31 }, 2021)).toBe(1);
    expect(elapsedShareOfYear({ year: 2020, month: 12, day: 31 }, 2021)).toBe(0);
    expect(elapsedShareOfYear({ year: 2022, month: 1, day: 1 }, 2021)).toBe(1);
    expect(elapsedShareOfYear({ year: 2020, month: 3, day: 1 }, 2020)).toBeCloseTo(61 / 366, 10);
  });
});

describe("formatPeriod", () => {
  it("labels periods in Vietnamese and English", () => {
    expect(formatPeriod("2021-Q1", "vi")).toBe("Quý 1/2021");
    expect(formatPeriod("2021-H1", "vi")).toBe("6 tháng đầu năm 2021");
    expect(formatPeriod("2021-9M", "vi")).toBe("9 tháng đầu năm 2021");
    expect(formatPeriod("2021-M03", "vi")).toBe("Tháng 3/2021");
    expect(formatPeriod("2021-Y", "vi")).toBe("Năm 2021");
    expect(formatPeriod("2021-Q1", "en")).toBe("Q1 2021");
    expect(formatPeriod("2021-M03", "en")).toBe("March 2021");
    expect(formatPeriod("2021-H2", "en")).toBe("H2 2021");
    expect(formatPeriod("oops", "en")).toBe("oops");
  });
});
