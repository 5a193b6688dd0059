/**
 * The Vietnamese calendar through the real runtime, pass by pass every 15 minutes: Tết 2021 (days off 10–16/02),
 * quiet hours (a rung falling at 20:30 waits for 07:30 on the next working day; a 23:00 pass sends nothing), and a
 * deadline on Quốc khánh (02/09/2021) flagged to the board once, 30 days ahead, with no reminder on the holiday.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignDef } from "../../../src/domain/campaigns/campaign";
import { createVnCalendar } from "../../../src/domain/calendar/vn-calendar";
import type { ReminderPassResult } from "../../../src/scheduler/send-due-reminders.job";
import { testDbKinds } from "../../helpers/test-db";
import { at, createReminderEnv, kgPack, local, type ReminderEnv } from "./reminder-env";

const calendar = createVnCalendar();

function variant(c: CampaignDef): void {
  const units: CampaignDef["deadlines"][number]["unitKinds"] = ["department", "district"];
  c.deadlines = [
    { code: "tet-report", kind: "monthly_report", title: "Báo cáo số liệu tháng 01/2021", period: "2021-M01", due: "2021-02-19T17:00", assumed: true, unitKinds: units },
    { code: "late-reg", kind: "registration", title: "Đăng ký bổ sung", period: null, due: "2021-06-10T19:30", assumed: true, unitKinds: units },
    { code: "national-day", kind: "quarterly_report", title: "Báo cáo nhanh quý III", period: "2021-Q3", due: "2021-09-02T17:00", assumed: true, unitKinds: units },
  ];
  c.reminderRules = [
    { kind: "monthly_report", offsetsDays: [3, 1, 0], escalationHours: [24, 72] },
    { kind: "registration", offsetsDays: [1, 0], escalationHours: [1, 24] },
    { kind: "quarterly_report", offsetsDays: [5, 2, 0], escalationHours: [24, 48, 96] },
  ];
}

describe.each(testDbKinds())("calendar shifts through the runtime on %s", (kind) => {
  let env: ReminderEnv;
  let ids: Record<string, string>;
  const passes: Array<{ at: string; r: ReminderPassResult }> = [];

  async function walk(fromLocal: string, toLocal: string): Promise<void> {
    for (let t = at(fromLocal).getTime(); t <= at(toLocal).getTime(); t += 15 * 60_000) {
      passes.push({ at: local(new Date(t)), r: await env.pass(local(new Date(t))) });
    }
  }
  async function steps(deadline: string, code: string): Promise<string[]> {
    const rows = await env.db.delivery.findMany({ where: { dedupeKey: { startsWith: `kg-2021:${deadline}:o.${ids[code]}:` } }, orderBy: { sentAt: "asc" } });
    return rows.map((r) => `${r.dedupeKey.split(":").at(-1)}@${local(r.sentAt!)}`);
  }

  beforeAll(async () => {
    env = await createReminderEnv({ kind, now: "2021-02-08T07:00", pack: await kgPack(variant) });
    const people = ["TC-O", "TC-H", "KH-O", "RG-O", "HT-O", "B1"];
    for (const [i, code] of people.entries()) await env.linkAccount(code, "telegram", String(101 + i), "2021-02-01T09:00");
    await env.bindGroup("telegram", "-300", { board: true });
    ids = Object.fromEntries(await Promise.all(people.map(async (c) => [c, await env.officerId(c)] as const)));
  }, 120_000);
  afterAll(async () => env?.close());

  it("sends nothing during the Tết break and resumes on the first working morning after it", async () => {
    await walk("2021-02-08T07:00", "2021-02-25T00:00");
    expect(await steps("tet-report", "TC-O")).toEqual([
      "pre-3d@2021-02-17T07:30", "pre-1d@2021-02-18T08:00", "pre-0d@2021-02-19T08:00", "esc-0@2021-02-22T07:30",
    ]);
    expect(await steps("tet-report", "TC-H")).toEqual(["esc-1@2021-02-24T07:30"]);
    const rows = await env.reminderRows();
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(calendar.isWorkingDay(local(r.sentAt!).slice(0, 10)), r.dedupeKey).toBe(true);
    expect(rows.filter((r) => local(r.sentAt!) < "2021-02-17")).toEqual([]);
  }, 600_000);

  it("never sends in quiet hours: a rung falling at 20:30 goes out at 07:30 the next working morning", async () => {
    passes.length = 0;
    await walk("2021-06-10T07:00", "2021-06-14T09:00");
    expect(await steps("late-reg", "TC-O")).toEqual(["pre-0d@2021-06-10T08:00", "esc-0@2021-06-11T07:30"]);
    expect(await steps("late-reg", "TC-H")).toEqual(["esc-1@2021-06-14T07:30"]);
    // The countdown missed while the scheduler was "off" (09/06) is skipped: the due-day reminder follows within hours.
    expect(passes.find((p) => p.at === "2021-06-10T07:30")?.r.skipped).toBeGreaterThan(0);
    const night = passes.filter((p) => p.at.slice(11) >= "20:00" || p.at.slice(11) < "07:30");
    expect(night.length).toBeGreaterThan(100);
    for (const p of night) {
      expect(p.r.planned, p.at).toBe(0);
      expect(p.r.deferredUntil).not.toBeNull();
    }
    const at2300 = passes.find((p) => p.at === "2021-06-10T23:00")!.r;
    expect(local(at2300.deferredUntil!)).toBe("2021-06-11T07:30");
  }, 600_000);

  it("flags a deadline on Quốc khánh to the board once, 30 days ahead, and sends no reminder on the holiday", async () => {
    await walk("2021-08-02T07:00", "2021-08-03T09:00");
    const flags = await env.db.delivery.findMany({ where: { kind: "reminder.holiday_flag" } });
    expect(flags.map((f) => f.recipient).sort()).toEqual(["telegram:106", "telegram:g:-300"]);
    for (const f of flags) expect(local(f.sentAt!)).toBe("2021-08-03T07:30");
    const text = env.senders.telegram.sent.find((s) => s.to === "telegram:106")!.text;
    expect(text).toContain("Báo cáo nhanh quý III");
    expect(text).toContain("Quốc khánh");
    expect(text).toContain("01/09/2021");
    await walk("2021-08-30T07:00", "2021-09-07T09:00");
    expect(await env.db.delivery.count({ where: { kind: "reminder.holiday_flag" } })).toBe(2);
    expect(await steps("national-day", "TC-O")).toEqual(["pre-5d@2021-08-30T07:30", "pre-2d@2021-08-31T08:00", "esc-0@2021-09-06T07:30"]);
    const onHoliday = (await env.reminderRows()).filter((r) => ["2021-09-02", "2021-09-03"].includes(local(r.sentAt!).slice(0, 10)));
    expect(onHoliday).toEqual([]);
  }, 600_000);
});
