/**
 * Planning time of the reminder engine for 10,000 officers × one deadline (target < 2 s per pass), and heap used.
 * 2,500 units × (3 reporting officers + 1 head), 100 clusters, 10 board officers, one group per unit and cluster.
 */
import type { DeadlineDef, ReminderRule } from "../src/domain/campaigns/campaign.js";
import { createVnCalendar } from "../src/domain/calendar/vn-calendar.js";
import { instantFromLocal } from "../src/domain/calendar/zoned-time.js";
import { planReminders, type ReminderPlan } from "../src/domain/reminders/reminder-policy.js";
import type { ReminderRecipients, ReminderUnit } from "../src/domain/reminders/reminder-types.js";

const ZONE = "Asia/Ho_Chi_Minh";
const UNITS = 2_500;
const CLUSTERS = 100;

function recipients(): ReminderRecipients {
  const units: ReminderUnit[] = [];
  for (let i = 0; i < UNITS; i++) {
    units.push({
      id: `u${i}`,
      name: `UBND xã Số ${i}`,
      kind: "commune",
      clusterIds: [`c${i % CLUSTERS}`],
      officers: [
        { id: `o${i}a`, role: "officer", addresses: [`telegram:${i}1`] },
        { id: `o${i}b`, role: "officer", addresses: [`zalo:${i}2`] },
        { id: `o${i}c`, role: "officer", addresses: [`zalo:${i}3`] },
        { id: `h${i}`, role: "unit_head", addresses: [`zalo:${i}4`] },
      ],
      // A tenth of the units have already submitted.
      submittedDeadlineCodes: i % 10 === 0 ? ["q1"] : [],
    });
  }
  const clusters = Array.from({ length: CLUSTERS }, (_, c) => ({ id: `c${c}`, name: `Cụm ${c}`, leaders: [{ id: `l${c}` }] }));
  const groups = [
    ...units.map((u) => ({ id: `g${u.id}`, scope: "unit" as const, scopeId: u.id })),
    ...clusters.map((c) => ({ id: `g${c.id}`, scope: "cluster" as const, scopeId: c.id })),
    { id: "gboard", scope: "board" as const },
  ];
  return { units, clusters, board: Array.from({ length: 10 }, (_, b) => ({ id: `b${b}` })), groups };
}

const deadline: DeadlineDef = { code: "q1", kind: "quarterly_report", title: "Báo cáo quý I", period: "2021-Q1", due: "2021-04-05T17:00", assumed: false };
const rules: ReminderRule[] = [{ kind: "quarterly_report", offsetsDays: [7, 3, 1, 0], escalationHours: [1, 24, 48, 96] }];

function timedPass(r: ReminderRecipients, local: string): { ms: number; plan: ReminderPlan } {
  const calendar = createVnCalendar();
  const at = instantFromLocal(local, ZONE);
  const start = performance.now();
  const plan = planReminders({
    at,
    lastPassAt: new Date(at.getTime() - 15 * 60_000),
    timeZone: ZONE,
    calendar,
    campaignCode: "kg-2021",
    deadlines: [deadline],
    rules,
    recipients: r,
  });
  return { ms: performance.now() - start, plan };
}

const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

/** Runs the benchmark: one pass per kind of step, the countdown pass measured as the median of 5. */
export async function run(): Promise<{ name: string; metrics: Record<string, number>; notes?: string }> {
  const r = recipients();
  const heapBefore = process.memoryUsage().heapUsed;
  const countdownRuns = Array.from({ length: 5 }, () => timedPass(r, "2021-04-02T08:00"));
  const countdownMs = countdownRuns.map((x) => x.ms).sort((a, b) => a - b)[2] as number;
  const plan = countdownRuns[0]!.plan;
  const heapAfter = process.memoryUsage().heapUsed;
  const overdue = timedPass(r, "2021-04-05T18:00");
  const heads = timedPass(r, "2021-04-06T17:00");
  const leaders = timedPass(r, "2021-04-07T17:00");
  const board = timedPass(r, "2021-04-09T17:00");
  const idle = timedPass(r, "2021-04-01T10:00");
  return {
    name: "reminders",
    metrics: {
      officers: UNITS * 4,
      countdownPassMs: Math.round(countdownMs * 10) / 10,
      countdownReminders: plan.due.length,
      overduePassMs: Math.round(overdue.ms * 10) / 10,
      unitHeadPassMs: Math.round(heads.ms * 10) / 10,
      clusterLeaderPassMs: Math.round(leaders.ms * 10) / 10,
      boardPassMs: Math.round(board.ms * 10) / 10,
      idlePassMs: Math.round(idle.ms * 100) / 100,
      heapUsedMb: mb(process.memoryUsage().heapUsed),
      heapGrowthFiveCountdownPassesMb: mb(heapAfter - heapBefore),
    },
    notes: "target: a pass for 10,000 officers × one deadline < 2,000 ms",
  };
}

// Allows `npx tsx bench/reminders.bench.ts` on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((result) => console.log(JSON.stringify(result, null, 2)));
}
