/** Property tests: whatever the deadline and rule, the timetable respects the sending window and the ladder order. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeadlineDef } from "../../../src/domain/campaigns/campaign.js";
import { DEFAULT_SENDING_WINDOW, isAllowedSendTime } from "../../../src/domain/calendar/working-calendar.js";
import { formatLocalDate } from "../../../src/domain/calendar/zoned-time.js";
import { buildDeadlineSchedule } from "../../../src/domain/reminders/reminder-schedule.js";
import { ZONE, calendar, local } from "./reminder-fixtures.js";

const window = { ...DEFAULT_SENDING_WINDOW, zone: ZONE };
const due = fc
  .record({
    day: fc.integer({ min: 0, max: 365 * 15 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45),
  })
  .map(({ day, hour, minute }) => {
    const d = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000);
    const date = formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    return `${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  });
const rule = fc.record({
  offsetsDays: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 6 }),
  escalationHours: fc.array(fc.integer({ min: 0, max: 240 }), { maxLength: 6 }).map((h) => [...h].sort((a, b) => a - b)),
});

describe("timetable properties (deadlines 2020–2035)", () => {
  it("every step is in the window on a working day; countdowns precede the due time; rungs follow it in order", () => {
    fc.assert(
      fc.property(due, rule, (dueLocal, r) => {
        const d: DeadlineDef = { code: "p", kind: "monthly_report", title: "P", period: null, due: dueLocal, assumed: false };
        const s = buildDeadlineSchedule(d, { kind: "monthly_report", ...r }, { timeZone: ZONE, calendar, window });
        for (const x of [...s.preDue, ...s.escalation]) {
          expect(isAllowedSendTime(x.at, calendar, window), `${dueLocal} ${x.step.key} ${local(x.at)}`).toBe(true);
          expect(x.at.getTime()).toBeGreaterThanOrEqual(x.nominalAt.getTime());
        }
        s.preDue.forEach((x, i) => {
          expect(x.at.getTime()).toBeLessThan(s.dueAt.getTime());
          const prev = s.preDue[i - 1];
          if (prev) expect(local(prev.at).slice(0, 10) < local(x.at).slice(0, 10)).toBe(true);
        });
        s.escalation.forEach((x, i) => {
          expect(x.at.getTime()).toBeGreaterThanOrEqual(s.dueAt.getTime());
          const prev = s.escalation[i - 1];
          if (prev) expect(x.at.getTime()).toBeGreaterThanOrEqual(prev.at.getTime());
        });
        const kept = new Set([...s.preDue, ...s.dropped].map((x) => x.step.key));
        expect(kept.size).toBe(new Set(r.offsetsDays).size);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
