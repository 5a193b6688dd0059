/** Downtime, repeated passes and passes at night: the catch-up rules of reminder-catch-up.ts. */
import { beforeAll, describe, expect, it } from "vitest";
import type { DeadlineDef } from "../../../src/domain/campaigns/campaign.js";
import { DEFAULT_SENDING_WINDOW } from "../../../src/domain/calendar/working-calendar.js";
import { DEFAULT_CATCH_UP, stepsInWindow } from "../../../src/domain/reminders/reminder-catch-up.js";
import { planReminders } from "../../../src/domain/reminders/reminder-policy.js";
import { buildDeadlineSchedule } from "../../../src/domain/reminders/reminder-schedule.js";
import { CAMPAIGN, ZONE, at, baseRecipients, calendar, deadlines, local, pass, rules } from "./reminder-fixtures.js";

const dossier: DeadlineDef = {
  code: "dossier", kind: "award_dossier", title: "Hồ sơ khen thưởng", period: null, due: "2021-04-05T09:00", assumed: false,
};
const dossierRule = { kind: "award_dossier" as const, offsetsDays: [7, 3, 1, 0], escalationHours: [1, 4, 24, 48] };

function planWith(time: Date, lastPassAt: Date | null) {
  return planReminders({
    at: time, lastPassAt, timeZone: ZONE, calendar, campaignCode: CAMPAIGN,
    deadlines: [...deadlines, dossier], rules: [...rules, dossierRule], recipients: baseRecipients(),
  });
}

/** Runs 15-minute passes from `from` to `to`, except while the service is down. */
function run(from: string, to: string, down?: { from: string; to: string }) {
  const sent: string[] = [];
  const skipped: Array<{ key: string; reason: string; passAt: string }> = [];
  let cursor: Date | null = null;
  for (let t = at(from).getTime(); t <= at(to).getTime(); t += 15 * 60_000) {
    if (down && t >= at(down.from).getTime() && t < at(down.to).getTime()) continue;
    const plan = planWith(new Date(t), cursor);
    cursor = plan.cursor;
    sent.push(...plan.due.map((r) => r.dedupeKey));
    skipped.push(...plan.skipped.map((s) => ({ key: s.dedupeKey, reason: s.reason, passAt: local(new Date(t)) })));
  }
  return { sent, skipped };
}

describe("catch-up after downtime", () => {
  // Down from Sunday 4/4 12:00 to Tuesday 6/4 12:00 (48 h). The last pass before it ran on Friday 2/4 19:45.
  let normal: ReturnType<typeof run>;
  let outage: ReturnType<typeof run>;
  beforeAll(() => {
    normal = run("2021-03-25T00:00", "2021-04-12T00:00");
    outage = run("2021-03-25T00:00", "2021-04-12T00:00", { from: "2021-04-04T12:00", to: "2021-04-06T12:00" });
  }, 60_000);
  const officerKeys = (keys: string[], deadline: string) => keys.filter((k) => k.startsWith(`${CAMPAIGN}:${deadline}:o.o-U1:`));

  it("sends a missed step that is still useful, once", () => {
    // The Q1 overdue notice (Mon 18:00) is sent at the first pass after restart: the unit-head rung is not due yet.
    expect(officerKeys(outage.sent, "q1")).toEqual(["kg-2021:q1:o.o-U1:pre-7d", "kg-2021:q1:o.o-U1:pre-3d", "kg-2021:q1:o.o-U1:esc-0"]);
    // The dossier's cluster rung (Tue 09:00) was missed by 3 h and is still the latest rung: sent.
    expect(outage.sent.filter((k) => k === "kg-2021:dossier:o.L1:esc-2")).toHaveLength(1);
    for (const key of outage.sent) expect(outage.sent.filter((k) => k === key)).toHaveLength(1);
  });

  it("skips stale steps with a reason, at the first pass after restart", () => {
    const reasons = new Map(outage.skipped.map((s) => [s.key, `${s.reason}@${s.passAt}`]));
    expect(reasons.get("kg-2021:q1:o.o-U1:pre-0d")).toBe("past_due@2021-04-06T12:00");
    expect(reasons.get("kg-2021:dossier:o.o-U1:pre-0d")).toBe("past_due@2021-04-06T12:00");
    // Dossier rungs 0 (Mon 10:00) and 1 (Mon 13:00) were overtaken by rung 2 (Tue 09:00) during the outage.
    expect(reasons.get("kg-2021:dossier:o.o-U1:esc-0")).toBe("superseded@2021-04-06T12:00");
    expect(reasons.get("kg-2021:dossier:o.h-U1:esc-1")).toBe("superseded@2021-04-06T12:00");
    expect(reasons.get("kg-2021:dossier:g.gC1:esc-1")).toBe("superseded@2021-04-06T12:00");
    expect(normal.skipped).toEqual([]);
  });

  it("loses nothing else: outage = normal minus skipped", () => {
    const skippedKeys = new Set(outage.skipped.map((s) => s.key));
    expect([...outage.sent].sort()).toEqual(normal.sent.filter((k) => !skippedKeys.has(k)).sort());
  });

  it("skips steps missed by more than staleAfterHours", () => {
    const long = run("2021-03-25T00:00", "2021-04-20T00:00", { from: "2021-04-05T12:00", to: "2021-04-13T09:00" });
    const reasons = long.skipped.filter((s) => s.key === "kg-2021:q1:o.B1:esc-3").map((s) => s.reason);
    expect(reasons).toEqual(["too_old"]);
  }, 60_000);

  it("skips a late countdown step when the next countdown follows within 12 h", () => {
    const d: DeadlineDef = { code: "x", kind: "monthly_report", title: "X", period: null, due: "2021-03-19T17:00", assumed: false };
    const s = buildDeadlineSchedule(d, { kind: "monthly_report", offsetsDays: [3, 1, 0], escalationHours: [] }, {
      timeZone: ZONE, calendar, window: DEFAULT_SENDING_WINDOW,
    });
    // Restart Wed 17/3 at 20:00 → first allowed pass Thu 18/3 07:30 sees the Tue 3-day step, late by 47.5 h,
    // while the 1-day step comes at 08:00.
    const verdicts = stepsInWindow(s, at("2021-03-15T19:00"), at("2021-03-18T07:30"), DEFAULT_CATCH_UP);
    expect(verdicts.map((v) => `${v.scheduled.step.key}:${v.stale}`)).toEqual(["pre-3d:next_step_imminent"]);
  });
});

describe("idempotent passes", () => {
  it("a pass run twice produces identical reminders and keys", () => {
    const time = at("2021-04-05T18:00");
    const last = at("2021-04-05T17:45");
    const first = pass(time, last);
    const second = pass(time, last);
    expect(first.due.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it("overlapping windows (a crash before the cursor was saved) re-emit the same keys, which the outbox dedupes", () => {
    const a = pass(at("2021-04-05T18:00"), at("2021-04-05T17:45")).due.map((r) => r.dedupeKey);
    const b = pass(at("2021-04-05T18:15"), at("2021-04-05T17:45")).due.map((r) => r.dedupeKey);
    expect(b).toEqual(a);
  });

  it("a pass at night sends nothing, keeps the cursor and says when sending resumes", () => {
    const last = at("2021-04-05T17:45");
    const night = pass(at("2021-04-05T23:00"), last);
    expect(night).toMatchObject({ due: [], skipped: [], cursor: last });
    expect(local(night.deferredUntil as Date)).toBe("2021-04-06T07:30");
    // The next morning's pass picks up the 18:00 overdue notices.
    const morning = pass(at("2021-04-06T07:30"), night.cursor);
    expect(morning.due.filter((r) => r.kind === "overdue").map((r) => local(r.scheduledAt))).toContain("2021-04-05T18:00");
  });

  it("the first pass ever looks back 24 hours only", () => {
    const first = pass(at("2021-04-05T12:00"), null);
    expect(new Set(first.due.map((r) => r.step.key))).toEqual(new Set(["pre-0d"]));
    expect(first.cursor).toEqual(at("2021-04-05T12:00"));
    const evening = pass(at("2021-04-05T18:00"), null);
    expect(new Set(evening.due.map((r) => r.step.key))).toEqual(new Set(["esc-0"]));
    expect(new Set(evening.skipped.map((s) => `${s.stepKey}:${s.reason}`))).toEqual(new Set(["pre-0d:past_due"]));
  });
});
