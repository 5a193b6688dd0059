import { describe, expect, it } from "vitest";
import { createVnCalendar } from "../../../src/domain/calendar/vn-calendar.js";
import {
  predictedLunarNewYearDays,
  predictedNationalDayNeighbour,
  statutoryHolidays,
} from "../../../src/domain/calendar/vn-holiday-rules.js";
import { OFFICIAL_YEARS } from "../../../src/domain/calendar/vn-official-days.js";
import { addLocalDays } from "../../../src/domain/calendar/zoned-time.js";

const cal = createVnCalendar();
const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addLocalDays(d, 1)) out.push(d);
  return out;
};

describe("Vietnamese official calendar", () => {
  it("treats weekends as days off and ordinary weekdays as working days", () => {
    expect(cal.isWorkingDay("2021-03-15")).toBe(true); // Monday
    expect(cal.isWorkingDay("2021-03-13")).toBe(false); // Saturday
    expect(cal.isWorkingDay("2021-03-14")).toBe(false); // Sunday
  });

  it("closes the whole Tết break as decided: 2021 (10–16/2) and 2025 (25/1–2/2)", () => {
    for (const d of range("2021-02-10", "2021-02-16")) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay("2021-02-09")).toBe(true);
    expect(cal.isWorkingDay("2021-02-17")).toBe(true);
    for (const d of range("2025-01-25", "2025-02-02")) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay("2025-01-24")).toBe(true);
    expect(cal.isWorkingDay("2025-02-03")).toBe(true);
    for (const d of range("2026-02-14", "2026-02-22")) expect(cal.isWorkingDay(d), d).toBe(false);
  });

  it("names the holidays of a year with lunar dates for Tết and Giỗ Tổ", () => {
    const h2021 = cal.holidays(2021);
    expect(h2021.filter((h) => h.event === "lunar_new_year").map((h) => h.date)).toEqual([
      "2021-02-10", "2021-02-11", "2021-02-12", "2021-02-15", "2021-02-16",
    ]);
    expect(h2021.find((h) => h.event === "hung_kings")).toMatchObject({ date: "2021-04-21", nameKey: "reminders.holidays.hung_kings" });
    expect(cal.holidaysOn("2021-05-03")).toEqual([
      expect.objectContaining({ event: "labour_day", type: "compensatory", source: "official" }),
    ]);
    const statutory = createVnCalendar({ useOfficialDecisions: false }).holidays(2021);
    expect(statutory.find((h) => h.date === "2021-02-12")?.lunar).toBe("1/1");
  });

  it("gives compensatory days for holidays on weekends (nghỉ bù)", () => {
    expect(cal.isWorkingDay("2022-01-03")).toBe(false); // 1/1/2022 was a Saturday
    expect(cal.isWorkingDay("2022-04-11")).toBe(false); // Giỗ Tổ 10/4/2022 was a Sunday
    expect(cal.isWorkingDay("2022-05-02")).toBe(false); // 30/4 and 1/5/2022 on the weekend
    expect(cal.isWorkingDay("2022-05-03")).toBe(false);
    expect(cal.isWorkingDay("2022-05-04")).toBe(true);
    expect(cal.isWorkingDay("2023-09-04")).toBe(false); // 2/9/2023 was a Saturday
  });

  it("applies decided swaps: làm bù Saturdays are working days", () => {
    expect(cal.isWorkingDay("2024-04-29")).toBe(false);
    expect(cal.isWorkingDay("2024-05-04")).toBe(true); // Saturday worked in exchange
    expect(cal.isWorkingDay("2025-05-02")).toBe(false);
    expect(cal.isWorkingDay("2025-04-26")).toBe(true);
    expect(cal.workingWeekendDays(2025)).toEqual([{ date: "2025-04-26", inExchangeFor: "2025-05-02", source: "official" }]);
    // The statutory rule alone never predicts a swap.
    expect(createVnCalendar({ useOfficialDecisions: false }).isWorkingDay("2025-04-26")).toBe(false);
  });

  it("gives Quốc khánh two days from 2021 (the neighbour per decision), one day before", () => {
    expect(cal.holidays(2020).filter((h) => h.event === "national_day").map((h) => h.date)).toEqual(["2020-09-02"]);
    expect(cal.isWorkingDay("2021-09-03")).toBe(false);
    expect(cal.isWorkingDay("2024-09-03")).toBe(false);
    expect(cal.isWorkingDay("2025-09-01")).toBe(false);
    expect(predictedNationalDayNeighbour(2021)).toBe("2021-09-03"); // Thursday → Friday
    expect(predictedNationalDayNeighbour(2024)).toBe("2024-09-03"); // Monday → Tuesday
    expect(predictedNationalDayNeighbour(2025)).toBe("2025-09-01"); // Tuesday → Monday
  });

  it("the statutory rule reproduces every decided day of 2020–2026 except the swaps", () => {
    for (const o of OFFICIAL_YEARS) {
      const rule = statutoryHolidays(o.year).filter((h) => o.events.includes(h.event)).map((h) => h.date).sort();
      const decided = o.daysOff.filter(([, , type]) => type !== "swapped").map(([d]) => d).sort();
      expect(rule, String(o.year)).toEqual(decided);
    }
  });

  it("predicts 5 weekday Tết days that include the last day of the year through mùng 3, for 2020–2035", () => {
    for (let y = 2020; y <= 2035; y++) {
      const days = predictedLunarNewYearDays(y);
      expect(days).toHaveLength(5);
      const statutory = createVnCalendar({ useOfficialDecisions: false });
      for (const d of days) expect(statutory.isWorkingDay(d), `${y} ${d}`).toBe(false);
    }
  }, 30_000);

  it("accepts configured extra days off and working days", () => {
    const custom = createVnCalendar({
      extraDaysOff: [{ date: "2027-11-24", event: "other" }],
      extraWorkdays: [{ date: "2027-11-27", inExchangeFor: "2027-11-26" }],
    });
    expect(custom.isWorkingDay("2027-11-24")).toBe(false);
    expect(custom.isWorkingDay("2027-11-27")).toBe(true);
    expect(custom.holidaysOn("2027-11-24")[0]).toMatchObject({ source: "custom", nameKey: "reminders.holidays.other" });
  });

  it("covers every year 2020–2035 with the six holidays", () => {
    for (let y = 2020; y <= 2035; y++) {
      const events = new Set(cal.holidays(y).map((h) => h.event));
      expect([...events].sort(), String(y)).toEqual(
        ["hung_kings", "labour_day", "lunar_new_year", "national_day", "new_year", "reunification"],
      );
    }
  }, 30_000);
});
