/**
 * @module Days off for officials as actually decided by the Government (Prime Minister's approval, announced by
 * Bộ LĐTBXH / Bộ Nội vụ), shipped as data. For each year, `events` lists the holidays whose days off are decided
 * here; the statutory rule (vn-holiday-rules.ts) fills in the rest.
 *
 * Provenance (our knowledge as of writing; verify against the official notice before relying on a date):
 * - 2020–2025: every holiday, from the announced arrangements for officials, including the swaps
 *   30/4–1/5/2024 (off Mon 29/4, work Sat 4/5) and 30/4–1/5/2025 (off Fri 2/5, work Sat 26/4).
 * - 2026: Tết Nguyên đán only (Mon 16/2 – Fri 20/2, i.e. 14/2–22/2 with weekends). Other 2026 holidays, and all
 *   years from 2027, follow the statutory rule with no swap; add decided swaps through VnCalendarOptions or here.
 * - Not included: any holiday created after the Labour Code 2019 (add it with `extraDaysOff` once in force).
 * The statutory rule reproduces every non-swap day of 2020–2026 (see test/unit/calendar/vn-calendar.test.ts).
 */
import type { DayOffType, HolidayEvent } from "./working-calendar.js";

/** One decided year. Days are [date, event, type]; workdays are [date, weekday given off in exchange]. */
export interface OfficialYear {
  year: number;
  events: HolidayEvent[];
  daysOff: Array<[string, HolidayEvent, DayOffType]>;
  workdays: Array<[string, string]>;
}

const ALL_EVENTS: HolidayEvent[] = [
  "new_year",
  "lunar_new_year",
  "hung_kings",
  "reunification",
  "labour_day",
  "national_day",
];

const tet = (...dates: string[]): Array<[string, HolidayEvent, DayOffType]> =>
  dates.map((d) => [d, "lunar_new_year", "holiday"]);

/** Decided arrangements, by year. */
export const OFFICIAL_YEARS: readonly OfficialYear[] = [
  {
    year: 2020,
    events: ALL_EVENTS,
    daysOff: [
      ["2020-01-01", "new_year", "holiday"],
      ...tet("2020-01-23", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29"),
      ["2020-04-02", "hung_kings", "holiday"],
      ["2020-04-30", "reunification", "holiday"],
      ["2020-05-01", "labour_day", "holiday"],
      ["2020-09-02", "national_day", "holiday"],
    ],
    workdays: [],
  },
  {
    year: 2021,
    events: ALL_EVENTS,
    daysOff: [
      ["2021-01-01", "new_year", "holiday"],
      ...tet("2021-02-10", "2021-02-11", "2021-02-12", "2021-02-15", "2021-02-16"),
      ["2021-04-21", "hung_kings", "holiday"],
      ["2021-04-30", "reunification", "holiday"],
      ["2021-05-01", "labour_day", "holiday"],
      ["2021-05-03", "labour_day", "compensatory"],
      ["2021-09-02", "national_day", "holiday"],
      ["2021-09-03", "national_day", "holiday"],
    ],
    workdays: [],
  },
  {
    year: 2022,
    events: ALL_EVENTS,
    daysOff: [
      ["2022-01-01", "new_year", "holiday"],
      ["2022-01-03", "new_year", "compensatory"],
      ...tet("2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04"),
      ["2022-04-10", "hung_kings", "holiday"],
      ["2022-04-11", "hung_kings", "compensatory"],
      ["2022-04-30", "reunification", "holiday"],
      ["2022-05-01", "labour_day", "holiday"],
      ["2022-05-02", "reunification", "compensatory"],
      ["2022-05-03", "labour_day", "compensatory"],
      ["2022-09-01", "national_day", "holiday"],
      ["2022-09-02", "national_day", "holiday"],
    ],
    workdays: [],
  },
  {
    year: 2023,
    events: ALL_EVENTS,
    daysOff: [
      ["2023-01-01", "new_year", "holiday"],
      ["2023-01-02", "new_year", "compensatory"],
      ...tet("2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26"),
      ["2023-04-29", "hung_kings", "holiday"],
      ["2023-04-30", "reunification", "holiday"],
      ["2023-05-01", "labour_day", "holiday"],
      ["2023-05-02", "hung_kings", "compensatory"],
      ["2023-05-03", "reunification", "compensatory"],
      ["2023-09-01", "national_day", "holiday"],
      ["2023-09-02", "national_day", "holiday"],
      ["2023-09-04", "national_day", "compensatory"],
    ],
    workdays: [],
  },
  {
    year: 2024,
    events: ALL_EVENTS,
    daysOff: [
      ["2024-01-01", "new_year", "holiday"],
      ...tet("2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"),
      ["2024-04-18", "hung_kings", "holiday"],
      ["2024-04-29", "reunification", "swapped"],
      ["2024-04-30", "reunification", "holiday"],
      ["2024-05-01", "labour_day", "holiday"],
      ["2024-09-02", "national_day", "holiday"],
      ["2024-09-03", "national_day", "holiday"],
    ],
    workdays: [["2024-05-04", "2024-04-29"]],
  },
  {
    year: 2025,
    events: ALL_EVENTS,
    daysOff: [
      ["2025-01-01", "new_year", "holiday"],
      ...tet("2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"),
      ["2025-04-07", "hung_kings", "holiday"],
      ["2025-04-30", "reunification", "holiday"],
      ["2025-05-01", "labour_day", "holiday"],
      ["2025-05-02", "labour_day", "swapped"],
      ["2025-09-01", "national_day", "holiday"],
      ["2025-09-02", "national_day", "holiday"],
    ],
    workdays: [["2025-04-26", "2025-05-02"]],
  },
  {
    year: 2026,
    events: ["lunar_new_year"],
    daysOff: tet("2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"),
    workdays: [],
  },
];
