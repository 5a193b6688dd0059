import { describe, expect, it } from "vitest";
import { lunarToSolar, solarToLunar } from "../../../src/domain/calendar/lunar-calendar.js";
import { hungKingsDate, lunarNewYearDate } from "../../../src/domain/calendar/vn-holiday-rules.js";

describe("Vietnamese lunar calendar (UTC+7)", () => {
  it("gives Tết Nguyên đán on the known dates 2020–2035", () => {
    const known: Record<number, string> = {
      2020: "2020-01-25",
      2021: "2021-02-12",
      2022: "2022-02-01",
      2023: "2023-01-22",
      2024: "2024-02-10",
      2025: "2025-01-29",
      2026: "2026-02-17",
      2027: "2027-02-06",
      2028: "2028-01-26",
      2029: "2029-02-13",
      // Vietnam's Tết 2030 is a day before China's (3/2): the new moon falls at 23:07 UTC+7 on 2 Feb.
      2030: "2030-02-02",
      2031: "2031-01-23",
      2032: "2032-02-11",
      2033: "2033-01-31",
      2034: "2034-02-19",
      2035: "2035-02-08",
    };
    for (const [year, date] of Object.entries(known)) expect(lunarNewYearDate(Number(year))).toBe(date);
  });

  it("computes Tết at UTC+8 as the Chinese calendar does (2030 differs)", () => {
    expect(lunarToSolar({ day: 1, month: 1, year: 2030, leap: false }, 8)).toEqual([3, 2, 2030]);
  });

  it("gives Giỗ Tổ Hùng Vương (10/3 âm lịch) on the known dates", () => {
    expect(hungKingsDate(2020)).toBe("2020-04-02");
    expect(hungKingsDate(2021)).toBe("2021-04-21");
    expect(hungKingsDate(2022)).toBe("2022-04-10");
    expect(hungKingsDate(2023)).toBe("2023-04-29");
    expect(hungKingsDate(2024)).toBe("2024-04-18");
    expect(hungKingsDate(2025)).toBe("2025-04-07");
    expect(hungKingsDate(2026)).toBe("2026-04-26");
  });

  it("handles leap months (tháng nhuận)", () => {
    // 2020: leap 4th month from 23/5; 2023: leap 2nd month from 22/3; 2025: leap 6th month from 25/7.
    expect(solarToLunar(23, 5, 2020)).toEqual({ day: 1, month: 4, year: 2020, leap: true });
    expect(solarToLunar(22, 3, 2023)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(25, 7, 2025)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toEqual([25, 7, 2025]);
    expect(lunarToSolar({ day: 1, month: 5, year: 2025, leap: true })).toBeNull();
    expect(lunarToSolar({ day: 1, month: 4, year: 2021, leap: true })).toBeNull();
  });

  it("round-trips every day from 2019 to 2036", () => {
    for (let t = Date.UTC(2019, 0, 1); t <= Date.UTC(2036, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      const lunar = solarToLunar(d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear());
      expect(lunar.day).toBeGreaterThanOrEqual(1);
      expect(lunar.day).toBeLessThanOrEqual(30);
      expect(lunarToSolar(lunar)).toEqual([d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()]);
    }
  }, 30_000);
});
