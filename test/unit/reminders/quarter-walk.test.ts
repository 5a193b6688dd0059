/**
 * Walks the first reporting quarter of 2021 pass by pass with a controlled clock, as the scheduler would, and checks
 * what every officer, head, leader, board member and group receives, and when.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DueReminder } from "../../../src/domain/reminders/reminder-types.js";
import { at, calendar, local, pass, type Submission } from "./reminder-fixtures.js";

const submissions: Submission[] = [
  { unitId: "U1", deadline: "reg", at: "2021-01-20T09:00" },
  { unitId: "U2", deadline: "reg", at: "2021-01-27T15:00" },
  { unitId: "U3", deadline: "reg", at: "2021-01-25T10:00" },
  { unitId: "U4", deadline: "reg", at: "2021-01-29T18:30" }, // after the due time, before the overdue rung at 19:00
  { unitId: "U2", deadline: "m01", at: "2021-02-05T10:00" },
  { unitId: "U2", deadline: "q1", at: "2021-04-02T10:00" }, // after the 3-day reminder
  { unitId: "U3", deadline: "q1", at: "2021-04-06T09:00" }, // overdue, before the unit-head rung
];

interface Sent {
  passAt: Date;
  r: DueReminder;
}

function walk(stepMinutes: number): { sent: Sent[]; skipped: number } {
  const sent: Sent[] = [];
  let skipped = 0;
  let cursor: Date | null = null;
  const end = at("2021-04-15T00:00").getTime();
  for (let t = at("2021-01-01T00:00").getTime(); t <= end; t += stepMinutes * 60_000) {
    const plan = pass(new Date(t), cursor, submissions);
    cursor = plan.cursor;
    skipped += plan.skipped.length;
    for (const r of plan.due) sent.push({ passAt: new Date(t), r });
  }
  return { sent, skipped };
}

const to = (sent: Sent[], recipient: string, deadline: string) =>
  sent.filter((s) => s.r.recipient.id === recipient && s.r.deadlineCode === deadline).map((s) => `${s.r.step.key}@${local(s.passAt)}`);

describe("a whole quarter, pass by pass every 15 minutes", () => {
  let run: { sent: Sent[]; skipped: number };
  // ~10,000 passes: allow for a loaded CI machine.
  beforeAll(() => {
    run = walk(15);
  }, 120_000);

  it("sends every reminder exactly once and skips nothing when the scheduler never stops", () => {
    const keys = run.sent.map((s) => s.r.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(run.skipped).toBe(0);
  });

  it("sends only inside 07:30–20:00 on working days, never before the scheduled time", () => {
    for (const { passAt, r } of run.sent) {
      const [date = "", time = ""] = local(passAt).split("T");
      expect(calendar.isWorkingDay(date), r.dedupeKey).toBe(true);
      expect(time >= "07:30" && time < "20:00", `${r.dedupeKey} at ${time}`).toBe(true);
      expect(passAt.getTime()).toBeGreaterThanOrEqual(r.scheduledAt.getTime());
      expect(passAt.getTime() - r.scheduledAt.getTime()).toBeLessThan(15 * 60_000);
    }
  });

  it("counts down to the Q1 report at the right local times, then escalates along the ladder", () => {
    expect(to(run.sent, "o-U1", "q1")).toEqual([
      "pre-7d@2021-03-29T08:00",
      "pre-3d@2021-04-02T08:00",
      "pre-0d@2021-04-05T08:00", // 4/4 is a Sunday: the 1-day step merged into the due morning
      "esc-0@2021-04-05T18:00",
    ]);
    expect(to(run.sent, "h-U1", "q1")).toEqual(["esc-1@2021-04-06T17:00"]);
    expect(to(run.sent, "L1", "q1")).toEqual(["esc-2@2021-04-07T17:00"]);
    expect(to(run.sent, "B1", "q1")).toEqual(["esc-3@2021-04-09T17:00"]);
    expect(to(run.sent, "B2", "q1")).toEqual(["esc-3@2021-04-09T17:00"]);
  });

  it("stops reminding a unit once it has submitted", () => {
    expect(to(run.sent, "o-U2", "q1")).toEqual(["pre-7d@2021-03-29T08:00", "pre-3d@2021-04-02T08:00"]);
    expect(to(run.sent, "h-U2", "q1")).toEqual([]);
    // U3 submitted after the overdue notice but before the unit-head rung.
    expect(to(run.sent, "o-U3", "q1").at(-1)).toBe("esc-0@2021-04-05T18:00");
    expect(to(run.sent, "h-U3", "q1")).toEqual([]);
    // U1 registered early: no registration reminder ever after 20/1.
    expect(to(run.sent, "o-U1", "reg")).toEqual([]);
  });

  it("tells cluster leaders and the board only about units still missing", () => {
    const l1 = run.sent.find((s) => s.r.recipient.id === "L1" && s.r.deadlineCode === "q1")?.r;
    expect(l1?.params.missingUnits.map((u) => u.id)).toEqual(["U1"]);
    expect(l1?.params.clusters.map((c) => c.id)).toEqual(["C1"]);
    const l2 = run.sent.find((s) => s.r.recipient.id === "L2" && s.r.deadlineCode === "q1")?.r;
    expect(l2?.params.missingUnits.map((u) => u.id)).toEqual(["U4"]);
    const board = run.sent.find((s) => s.r.recipient.id === "B1" && s.r.deadlineCode === "q1")?.r;
    expect(board?.params.missingUnits.map((u) => u.id)).toEqual(["U1", "U4"]);
    expect(board?.params.totalUnits).toBe(4);
    // Registration: U4 submitted at 18:30 on the due day, so nobody escalates it.
    expect(run.sent.filter((s) => s.r.deadlineCode === "reg" && s.r.step.type === "escalation")).toEqual([]);
  });

  it("handles Tết: nothing during the 10–16/2 break, the countdown resumes on 17/2", () => {
    for (const { passAt } of run.sent) {
      const date = local(passAt).slice(0, 10);
      expect(date >= "2021-02-10" && date <= "2021-02-16", date).toBe(false);
    }
    expect(to(run.sent, "o-U1", "m01")).toEqual([
      "pre-1d@2021-02-17T08:00",
      "pre-0d@2021-02-18T08:00",
      "esc-0@2021-02-18T18:00",
    ]);
    expect(to(run.sent, "h-U1", "m01")).toEqual(["esc-1@2021-02-19T17:00"]);
    // Saturday 20/2 rung for the cluster leader waits for Monday morning.
    expect(to(run.sent, "L1", "m01")).toEqual(["esc-2@2021-02-22T07:30"]);
  });

  it("posts one digest per group per step with an acknowledgement button key, and no figures", () => {
    const unitGroup = run.sent.filter((s) => s.r.recipient.id === "gU1" && s.r.deadlineCode === "q1").map((s) => s.r.step.key);
    expect(unitGroup).toEqual(["pre-7d", "pre-3d", "pre-0d", "esc-0", "esc-1", "esc-2", "esc-3"]);
    const cluster = run.sent.filter((s) => s.r.recipient.id === "gC1" && s.r.deadlineCode === "q1");
    expect(cluster.map((s) => s.r.params.missingUnits.length)).toEqual([2, 2, 1, 1, 1, 1, 1]);
    for (const { r } of cluster) {
      expect(r.kind).toBe("group_digest");
      expect(r.noticeKey).toMatch(/^[0-9a-z]{1,11}$/);
      expect(JSON.stringify(r.params)).not.toMatch(/value|figure|amount/i);
    }
    const noticeKeys = run.sent.filter((s) => s.r.noticeKey).map((s) => s.r.noticeKey);
    expect(new Set(noticeKeys).size).toBe(noticeKeys.length);
  });

  it("hourly passes deliver the same reminders as 15-minute passes", () => {
    const hourly = walk(60);
    expect(hourly.sent.map((s) => s.r.dedupeKey).sort()).toEqual(run.sent.map((s) => s.r.dedupeKey).sort());
    expect(hourly.skipped).toBe(0);
  }, 60_000);
});
