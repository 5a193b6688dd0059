import { describe, expect, it } from "vitest";
import type { DeadlineDef } from "../../../src/domain/campaigns/campaign.js";
import { flagHolidayDeadlines, upcomingForOfficer } from "../../../src/domain/reminders/reminder-policy.js";
import { ZONE, at, baseRecipients, calendar, deadlines } from "./reminder-fixtures.js";

const recipients = () => {
  const r = baseRecipients();
  r.units[1]!.submittedDeadlineCodes = ["q1"];
  return r;
};
const upcoming = (officerId: string, time = "2021-03-30T09:00") =>
  upcomingForOfficer({ at: at(time), officerId, timeZone: ZONE, calendar, deadlines, recipients: recipients() });

describe("/nhacnho: upcomingForOfficer", () => {
  it("lists an officer's upcoming deadlines with their own unit's status", () => {
    const items = upcoming("o-U1");
    expect(items.map((i) => i.deadlineCode)).toEqual(["q1"]);
    expect(items[0]).toMatchObject({ daysLeft: 6, isOverdue: false, roles: ["officer"], totalUnits: 1 });
    expect(items[0]!.myUnits).toEqual([{ id: "U1", name: "Sở Tài chính", submitted: false }]);
    expect(upcoming("o-U2")[0]!.myUnits[0]!.submitted).toBe(true);
  });

  it("shows a cluster leader and the board what is missing in their scope", () => {
    expect(upcoming("L1")[0]).toMatchObject({ roles: ["cluster_leader"], totalUnits: 2, missingUnits: [{ id: "U1" }] });
    expect(upcoming("B1")[0]!.missingUnits.map((u) => u.id)).toEqual(["U1", "U3", "U4"]);
  });

  it("keeps overdue deadlines while something is missing, drops finished ones, and ignores strangers", () => {
    const later = upcoming("o-U1", "2021-04-07T09:00");
    expect(later[0]).toMatchObject({ deadlineCode: "q1", isOverdue: true, daysLeft: -2 });
    expect(upcoming("o-U2", "2021-04-07T09:00")).toEqual([]);
    expect(upcoming("nobody")).toEqual([]);
  });

  it("marks deadlines that fall on a day off", () => {
    const onTet: DeadlineDef = { code: "t", kind: "monthly_report", title: "T", period: null, due: "2021-02-12T17:00", assumed: false };
    const items = upcomingForOfficer({ at: at("2021-02-01T09:00"), officerId: "o-U1", timeZone: ZONE, calendar, deadlines: [onTet], recipients: recipients() });
    expect(items[0]!.onNonWorkingDay).toBe(true);
  });
});

describe("flagHolidayDeadlines", () => {
  it("flags deadlines on holidays and weekends ahead of time, with the previous working day", () => {
    const ds: DeadlineDef[] = [
      { code: "tet", kind: "monthly_report", title: "Tháng 1", period: "2021-M01", due: "2021-02-15T17:00", assumed: true },
      { code: "sat", kind: "quarterly_report", title: "Quý II", period: "2021-Q2", due: "2021-07-03T17:00", assumed: false },
      { code: "ok", kind: "quarterly_report", title: "Quý I", period: "2021-Q1", due: "2021-04-05T17:00", assumed: false },
      { code: "lambu", kind: "award_dossier", title: "Hồ sơ", period: null, due: "2025-04-26T11:00", assumed: false },
      { code: "past", kind: "registration", title: "Đăng ký", period: null, due: "2021-01-02T17:00", assumed: false },
    ];
    const flags = flagHolidayDeadlines(ds, calendar, { onOrAfter: "2021-01-15" });
    expect(flags.map((f) => f.deadlineCode)).toEqual(["tet", "sat"]);
    expect(flags[0]).toMatchObject({
      reason: "holiday", date: "2021-02-15", weekday: 1, previousWorkingDay: "2021-02-09", nextWorkingDay: "2021-02-17", assumed: true,
    });
    expect(flags[0]!.holidays[0]).toMatchObject({ event: "lunar_new_year" });
    expect(flags[1]).toMatchObject({ reason: "weekend", previousWorkingDay: "2021-07-02", nextWorkingDay: "2021-07-05" });
    expect(flagHolidayDeadlines(ds, calendar).map((f) => f.deadlineCode)).toContain("past");
  });
});
