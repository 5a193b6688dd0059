import { describe, expect, it } from "vitest";
import type { DeadlineDef } from "../../../src/domain/campaigns/campaign.js";
import { DEFAULT_SENDING_WINDOW } from "../../../src/domain/calendar/working-calendar.js";
import { buildDeadlineSchedule, ruleFor } from "../../../src/domain/reminders/reminder-schedule.js";
import { ZONE, calendar, deadlines, local, rules } from "./reminder-fixtures.js";

const opts = { timeZone: ZONE, calendar, window: DEFAULT_SENDING_WINDOW };
const deadline = (due: string, kind: DeadlineDef["kind"] = "quarterly_report"): DeadlineDef => ({
  code: "d", kind, title: "D", period: null, due, assumed: false,
});
const steps = (d: DeadlineDef, rule = ruleFor(d.kind, rules)) => {
  const s = buildDeadlineSchedule(d, rule, opts);
  return {
    pre: s.preDue.map((x) => `${x.step.key}@${local(x.at)}`),
    esc: s.escalation.map((x) => `${x.step.key}@${local(x.at)}`),
    dropped: s.dropped.map((x) => `${x.step.key}:${x.reason}`),
  };
};

describe("deadline timetable", () => {
  it("places countdown steps at 08:00 and merges a weekend step into the due morning", () => {
    // Q1 report due Monday 5/4/2021 17:00: 1 day before is Sunday → Monday 07:30, the same day as the 0-day step.
    expect(steps(deadlines[2] as DeadlineDef)).toEqual({
      pre: ["pre-7d@2021-03-29T08:00", "pre-3d@2021-04-02T08:00", "pre-0d@2021-04-05T08:00"],
      esc: ["esc-0@2021-04-05T18:00", "esc-1@2021-04-06T17:00", "esc-2@2021-04-07T17:00", "esc-3@2021-04-09T17:00"],
      dropped: ["pre-1d:merged"],
    });
  });

  it("moves countdown steps out of Tết and keeps one per day (deadline right after Tết 2021)", () => {
    // Due Thu 18/2/2021; Tết break 10–16/2: 7 and 3 days before fall in it and land on Wed 17/2 with the 1-day step.
    const s = steps(deadlines[1] as DeadlineDef);
    expect(s.pre).toEqual(["pre-1d@2021-02-17T08:00", "pre-0d@2021-02-18T08:00"]);
    expect(s.dropped).toEqual(["pre-7d:merged", "pre-3d:merged"]);
  });

  it("drops a countdown step pushed past the due time (deadline on a Saturday)", () => {
    const s = steps(deadline("2021-03-20T11:00"));
    // 7 days before is Saturday 13/3 → Monday 07:30.
    expect(s.pre).toEqual(["pre-7d@2021-03-15T07:30", "pre-3d@2021-03-17T08:00", "pre-1d@2021-03-19T08:00"]);
    expect(s.dropped).toEqual(["pre-0d:shifted_past_due"]);
    // The overdue rung at Sat 12:00 waits for Monday morning; later rungs keep their gaps after it.
    expect(s.esc).toEqual(["esc-0@2021-03-22T07:30", "esc-1@2021-03-23T07:30", "esc-2@2021-03-24T07:30", "esc-3@2021-03-26T07:30"]);
  });

  it("uses the window opening for the due-day step when the deadline is early in the morning", () => {
    expect(steps(deadline("2021-03-17T08:00")).pre.at(-1)).toBe("pre-0d@2021-03-17T07:30");
    expect(steps(deadline("2021-03-17T07:00")).dropped).toContain("pre-0d:due_before_window");
  });

  it("keeps the ladder's gaps when a weekend would collapse two rungs onto one morning", () => {
    // Due Friday 17:00 with rungs +1 h, +24 h, +48 h: Saturday and Sunday rungs must not both land on Monday 07:30.
    const s = steps(deadline("2021-03-19T17:00"), { kind: "quarterly_report", offsetsDays: [], escalationHours: [1, 24, 48] });
    expect(s.esc).toEqual(["esc-0@2021-03-19T18:00", "esc-1@2021-03-22T07:30", "esc-2@2021-03-23T07:30"]);
  });

  it("falls back to the default rule and ignores rungs beyond the board", () => {
    expect(ruleFor("award_dossier", rules)).toMatchObject({ offsetsDays: [7, 3, 1, 0], escalationHours: [1, 24, 48, 96] });
    const s = steps(deadline("2021-03-17T17:00"), { kind: "award_dossier", offsetsDays: [2, 2, -1, 0.5], escalationHours: [1, 2, 3, 4, 5, 6] });
    expect(s.pre).toEqual(["pre-2d@2021-03-15T08:00"]);
    expect(s.esc).toHaveLength(4);
  });

  it("never schedules outside 07:30–20:00 on working days, for deadlines all over 2021–2026", () => {
    for (let t = Date.UTC(2021, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000 * 4) {
      const due = `${new Date(t).toISOString().slice(0, 10)}T16:30`;
      const s = buildDeadlineSchedule(deadline(due), ruleFor("quarterly_report", rules), opts);
      for (const x of [...s.preDue, ...s.escalation]) {
        const [date = "", time = ""] = local(x.at).split("T");
        expect(calendar.isWorkingDay(date), `${due} ${x.step.key}`).toBe(true);
        expect(time >= "07:30" && time < "20:00", `${due} ${x.step.key} ${time}`).toBe(true);
      }
    }
  }, 60_000);
});
