import { describe, expect, it } from "vitest";
import { createVnCalendar } from "../../../src/domain/calendar/vn-calendar.js";
import {
  DEFAULT_SENDING_WINDOW,
  isAllowedSendTime,
  nextWorkingMorning,
  toAllowedSendTime,
} from "../../../src/domain/calendar/working-calendar.js";
import { instantFromLocal, localDateTimeOf } from "../../../src/domain/calendar/zoned-time.js";

const zone = "Asia/Ho_Chi_Minh";
const cal = createVnCalendar();
const at = (local: string) => instantFromLocal(local, zone);
const local = (d: Date) => localDateTimeOf(d, zone);

describe("sending window and next working morning", () => {
  it("allows 07:30–20:00 on working days only", () => {
    expect(isAllowedSendTime(at("2021-03-15T07:30"), cal, DEFAULT_SENDING_WINDOW)).toBe(true);
    expect(isAllowedSendTime(at("2021-03-15T07:29"), cal, DEFAULT_SENDING_WINDOW)).toBe(false);
    expect(isAllowedSendTime(at("2021-03-15T19:59"), cal, DEFAULT_SENDING_WINDOW)).toBe(true);
    expect(isAllowedSendTime(at("2021-03-15T20:00"), cal, DEFAULT_SENDING_WINDOW)).toBe(false);
    expect(isAllowedSendTime(at("2021-03-13T10:00"), cal, DEFAULT_SENDING_WINDOW)).toBe(false);
  });

  it("moves 23:00 to 07:30 next working day, Friday night to Monday, Tết to after Tết", () => {
    expect(local(cal.nextWorkingMorning(at("2021-03-15T23:00")))).toBe("2021-03-16T07:30");
    expect(local(cal.nextWorkingMorning(at("2021-03-16T06:00")))).toBe("2021-03-16T07:30");
    expect(local(cal.nextWorkingMorning(at("2021-03-19T21:00")))).toBe("2021-03-22T07:30");
    expect(local(cal.nextWorkingMorning(at("2021-02-09T20:30")))).toBe("2021-02-17T07:30");
    expect(local(cal.nextWorkingMorning(at("2024-04-26T21:00")))).toBe("2024-05-02T07:30");
    // A làm bù Saturday is a working morning.
    expect(local(cal.nextWorkingMorning(at("2025-04-25T21:00")))).toBe("2025-04-26T07:30");
  });

  it("keeps allowed instants and honours a custom window", () => {
    const t = at("2021-03-15T10:15");
    expect(toAllowedSendTime(t, cal, DEFAULT_SENDING_WINDOW)).toBe(t);
    const window = { quietStart: "08:00", quietEnd: "17:00", zone };
    expect(local(nextWorkingMorning(at("2021-03-15T17:30"), cal, window))).toBe("2021-03-16T08:00");
    expect(local(cal.toAllowedSendTime(at("2021-03-15T07:45"), { quietStart: "08:00" }))).toBe("2021-03-15T08:00");
  });

  it("works in another zone (the window is local to the zone given)", () => {
    const window = { quietStart: "07:30", quietEnd: "20:00", zone: "Europe/Paris" };
    const next = nextWorkingMorning(new Date("2021-03-15T22:00:00Z"), cal, window);
    expect(next.toISOString()).toBe("2021-03-16T06:30:00.000Z");
  });

  it("rejects an empty window", () => {
    expect(() => isAllowedSendTime(at("2021-03-15T10:00"), cal, { quietStart: "20:00", quietEnd: "07:30", zone })).toThrow(RangeError);
  });
});
