import { describe, expect, it } from "vitest";
import {
  deriveRegimeYear,
  isValidDate,
  isValidLocalDateTime,
  isValidPeriodCode,
  isValidTimeZone,
} from "../../../src/plan-pack/plan-pack-values";

describe("plan-pack value checks", () => {
  it("accepts real local date-times without offset and rejects the rest", () => {
    for (const ok of ["2021-04-05T17:00", "2024-02-29T00:00", "2021-12-31T23:59:59"]) expect(isValidLocalDateTime(ok), ok).toBe(true);
    for (const bad of ["2021-02-29T17:00", "2021-04-31T08:00", "2021-04-05T24:00", "2021-04-05 17:00", "2021-04-05T17:00Z", "2021-04-05T17:00+07:00", "2021-4-5T17:00"]) {
      expect(isValidLocalDateTime(bad), bad).toBe(false);
    }
    expect(isValidDate("2019-04-04")).toBe(true);
    expect(isValidDate("2019-13-01")).toBe(false);
  });

  it("knows the period codes of the runtime contract", () => {
    for (const ok of ["2021-M03", "2021-M12", "2021-Q1", "2021-H1", "2021-9M", "2021-Y"]) expect(isValidPeriodCode(ok), ok).toBe(true);
    for (const bad of ["2021-M13", "2021-Q5", "2021-H2", "2021", "2021-m03"]) expect(isValidPeriodCode(bad), bad).toBe(false);
  });

  it("derives the regime from the plan year (law.md §0)", () => {
    expect(deriveRegimeYear(2021)).toBe(2003);
    expect(deriveRegimeYear(2023)).toBe(2003);
    expect(deriveRegimeYear(2024)).toBe(2022);
    expect(deriveRegimeYear(2026)).toBe(2022);
  });

  it("checks IANA zones", () => {
    expect(isValidTimeZone("Asia/Ho_Chi_Minh")).toBe(true);
    expect(isValidTimeZone("Asia/Kien_Giang")).toBe(false);
  });
});
