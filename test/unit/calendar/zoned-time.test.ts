import { describe, expect, it } from "vitest";
import {
  addLocalDays,
  addLocalDaysToInstant,
  instantFromLocal,
  isValidTimeZone,
  localDateTimeOf,
  localDaysBetween,
  localPartsOf,
  parseLocalDateTime,
  weekdayOfLocalDate,
  zoneOffsetMinutes,
} from "../../../src/domain/calendar/zoned-time.js";

describe("zoned time", () => {
  it("reads local parts of an instant in Vietnam (UTC+7, no DST)", () => {
    const p = localPartsOf(new Date("2021-04-05T10:00:00Z"), "Asia/Ho_Chi_Minh");
    expect(p).toMatchObject({ year: 2021, month: 4, day: 5, hour: 17, minute: 0, weekday: 1 });
    expect(zoneOffsetMinutes(new Date("2021-04-05T10:00:00Z"), "Asia/Ho_Chi_Minh")).toBe(420);
  });

  it("builds the instant of a local date-time in a zone", () => {
    expect(instantFromLocal("2021-04-05T17:00", "Asia/Ho_Chi_Minh").toISOString()).toBe("2021-04-05T10:00:00.000Z");
    expect(instantFromLocal("2021-01-01", "Asia/Ho_Chi_Minh").toISOString()).toBe("2020-12-31T17:00:00.000Z");
    // Local midnight crossing the UTC date line backwards.
    expect(localDateTimeOf(new Date("2020-12-31T17:00:00Z"), "Asia/Ho_Chi_Minh")).toBe("2021-01-01T00:00");
  });

  it("is generic over IANA zones, including daylight saving", () => {
    expect(instantFromLocal("2021-07-01T09:00", "Europe/Paris").toISOString()).toBe("2021-07-01T07:00:00.000Z");
    expect(instantFromLocal("2021-01-15T09:00", "Europe/Paris").toISOString()).toBe("2021-01-15T08:00:00.000Z");
    expect(instantFromLocal("2021-06-01T12:00", "Asia/Kolkata").toISOString()).toBe("2021-06-01T06:30:00.000Z");
    // Spring-forward gap: 02:30 does not exist in New York on 2021-03-14; moved forward by the gap.
    expect(instantFromLocal("2021-03-14T02:30", "America/New_York").toISOString()).toBe("2021-03-14T07:30:00.000Z");
    // Fall-back overlap: 01:30 happens twice on 2021-11-07; the earlier (EDT) instant is chosen.
    expect(instantFromLocal("2021-11-07T01:30", "America/New_York").toISOString()).toBe("2021-11-07T05:30:00.000Z");
  });

  it("round-trips local date-times for every hour of a DST year", () => {
    for (let h = 0; h < 365 * 24; h += 7) {
      const instant = new Date(Date.UTC(2021, 0, 1) + h * 3_600_000);
      const local = localDateTimeOf(instant, "Europe/London");
      const back = instantFromLocal(local, "Europe/London");
      expect(localDateTimeOf(back, "Europe/London")).toBe(local);
    }
  }, 30_000);

  it("adds local days across month, year and leap-day boundaries", () => {
    expect(addLocalDays("2021-02-28", 1)).toBe("2021-03-01");
    expect(addLocalDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addLocalDays("2021-01-01", -1)).toBe("2020-12-31");
    expect(localDaysBetween("2021-02-10", "2021-02-17")).toBe(7);
    expect(weekdayOfLocalDate("2021-02-12")).toBe(5);
    // Same wall-clock time on the next day across a DST change (23 h later in UTC).
    const before = instantFromLocal("2021-03-27T09:00", "Europe/Paris");
    expect(localDateTimeOf(addLocalDaysToInstant(before, 1, "Europe/Paris"), "Europe/Paris")).toBe("2021-03-28T09:00");
  });

  it("rejects malformed dates and unknown zones", () => {
    expect(() => parseLocalDateTime("2021-02-30")).toThrow(RangeError);
    expect(() => parseLocalDateTime("05/04/2021")).toThrow(RangeError);
    expect(() => parseLocalDateTime("2021-04-05T24:00")).toThrow(RangeError);
    expect(isValidTimeZone("Asia/Ho_Chi_Minh")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
