/** Who gets what at one step: fan-out rules of planReminders. */
import { describe, expect, it } from "vitest";
import type { DeadlineDef } from "../../../src/domain/campaigns/campaign.js";
import { planReminders, scheduleDeadlines } from "../../../src/domain/reminders/reminder-policy.js";
import type { ReminderRecipients } from "../../../src/domain/reminders/reminder-types.js";
import { CAMPAIGN, ZONE, at, baseRecipients, calendar, local, rules } from "./reminder-fixtures.js";

const q1: DeadlineDef = { code: "q1", kind: "quarterly_report", title: "Báo cáo quý I", period: "2021-Q1", due: "2021-04-05T17:00", assumed: false };

function stepPlan(time: string, recipients: ReminderRecipients, deadline: DeadlineDef = q1) {
  return planReminders({
    at: at(time), lastPassAt: new Date(at(time).getTime() - 15 * 60_000), timeZone: ZONE, calendar,
    campaignCode: CAMPAIGN, deadlines: [deadline], rules, recipients,
  }).due;
}

describe("planReminders fan-out", () => {
  it("builds campaign:deadline:recipient:step dedupe keys and message parameters", () => {
    const due = stepPlan("2021-04-02T08:00", baseRecipients());
    const r = due.find((x) => x.recipient.id === "o-U1");
    expect(r).toMatchObject({
      dedupeKey: "kg-2021:q1:o.o-U1:pre-3d",
      kind: "pre_due",
      recipient: { type: "officer", id: "o-U1", addresses: ["telegram:U11"] },
      step: { type: "pre_due", offsetDays: 3, key: "pre-3d" },
      params: { deadlineTitle: "Báo cáo quý I", period: "2021-Q1", dueLocal: "2021-04-05T17:00", daysLeft: 3, hoursOverdue: 0 },
    });
    expect(local(r!.scheduledAt)).toBe("2021-04-02T08:00");
    expect(r!.params.units).toEqual([{ id: "U1", name: "Sở Tài chính" }]);
    // Four unit officers, then digests: unit group gU1, cluster group gC1, board group.
    expect(due.map((x) => x.recipient.id)).toEqual(["gBoard", "gC1", "gU1", "o-U1", "o-U2", "o-U3", "o-U4"]);
  });

  it("sends one message to a person who serves two units, listing both", () => {
    const r = baseRecipients();
    r.units[1]!.officers = [{ id: "o-U1", role: "officer" }];
    const due = stepPlan("2021-04-02T08:00", r).filter((x) => x.recipient.id === "o-U1");
    expect(due).toHaveLength(1);
    expect(due[0]!.params.units.map((u) => u.id)).toEqual(["U1", "U2"]);
  });

  it("falls back to the unit head when a unit has no reporting officer", () => {
    const r = baseRecipients();
    r.units[0]!.officers = r.units[0]!.officers.filter((o) => o.role === "unit_head");
    const ids = stepPlan("2021-04-02T08:00", r).map((x) => x.recipient.id);
    expect(ids).toContain("h-U1");
  });

  it("asks only the unit kinds a deadline names", () => {
    const districtsOnly = { ...q1, unitKinds: ["district" as const] };
    const ids = stepPlan("2021-04-02T08:00", baseRecipients(), districtsOnly).map((x) => x.recipient.id);
    expect(ids).toEqual(["gBoard", "o-U3", "o-U4"]);
  });

  it("sends nothing at a step when every unit has submitted", () => {
    const r = baseRecipients();
    for (const u of r.units) u.submittedDeadlineCodes = ["q1"];
    expect(stepPlan("2021-04-02T08:00", r)).toEqual([]);
    expect(stepPlan("2021-04-09T17:00", r)).toEqual([]);
  });

  it("escalates to unit heads, then one aggregated message per cluster leader, then the board", () => {
    const r = baseRecipients();
    r.clusters[1]!.leaders = [{ id: "L1" }]; // L1 leads both clusters
    expect(stepPlan("2021-04-06T17:00", r).filter((x) => x.recipient.type === "officer").map((x) => x.kind)).toEqual(
      Array(4).fill("escalation_unit_head"),
    );
    const leader = stepPlan("2021-04-07T17:00", r).filter((x) => x.recipient.type === "officer");
    expect(leader).toHaveLength(1);
    expect(leader[0]).toMatchObject({ kind: "escalation_cluster", recipient: { id: "L1" }, params: { totalUnits: 4, level: 2 } });
    expect(leader[0]!.params.clusters.map((c) => c.id)).toEqual(["C1", "C2"]);
    const board = stepPlan("2021-04-09T17:00", r).filter((x) => x.kind === "escalation_board");
    expect(board.map((x) => x.recipient.id)).toEqual(["B1", "B2"]);
    expect(board[0]!.params.hoursOverdue).toBe(96);
  });

  it("gives digests a short notice key and lists who has and has not submitted", () => {
    const r = baseRecipients();
    r.units[1]!.submittedDeadlineCodes = ["q1"];
    const digest = stepPlan("2021-04-02T08:00", r).find((x) => x.recipient.id === "gC1")!;
    expect(digest.kind).toBe("group_digest");
    expect(digest.params.missingUnits.map((u) => u.id)).toEqual(["U1"]);
    expect(digest.params.submittedUnits.map((u) => u.id)).toEqual(["U2"]);
    expect(`ack:${digest.noticeKey}`.length).toBeLessThanOrEqual(64);
  });

  it("exposes each deadline's timetable for display", () => {
    const [s] = scheduleDeadlines({ deadlines: [q1], rules, timeZone: ZONE, calendar });
    expect(s!.preDue.map((x) => local(x.at))).toEqual(["2021-03-29T08:00", "2021-04-02T08:00", "2021-04-05T08:00"]);
  });
});
