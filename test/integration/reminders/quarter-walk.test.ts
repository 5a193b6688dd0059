/**
 * Walks the Q1/2021 report deadline (kg-2021: due Mon 05/04/2021 17:00; countdown 5, 2, 0 days; escalation +24 h,
 * +48 h, +96 h) through the real runtime, one scheduler pass every 15 minutes, and checks what every officer, head,
 * leader and group received, and when (the fixed clock stamps each outbox row with its pass time).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVnCalendar } from "../../../src/domain/calendar/vn-calendar";
import { testDbKinds } from "../../helpers/test-db";
import { at, createReminderEnv, local, type ReminderEnv } from "./reminder-env";

const calendar = createVnCalendar();
const Q1 = "kg-2021:bao-cao-quy-1";

describe.each(testDbKinds())("a reporting quarter walked pass by pass on %s", (kind) => {
  let env: ReminderEnv;
  let rows: Awaited<ReturnType<ReminderEnv["reminderRows"]>>;
  let ids: Record<string, string>;
  const q1 = (who: string) => rows.filter((r) => r.dedupeKey.startsWith(`${Q1}:${who}:`)).map((r) => `${r.dedupeKey.split(":").at(-1)}@${local(r.sentAt!)}`);

  beforeAll(async () => {
    env = await createReminderEnv({ kind, now: "2021-03-29T00:00" });
    const people = ["B1", "TC-O", "TC-H", "KH-O", "KH-H", "RG-O", "RG-H", "RG-L", "HT-O", "HT-H"];
    for (const [i, code] of people.entries()) await env.linkAccount(code, "telegram", String(100 + i), "2021-03-20T09:00");
    await env.bindGroup("telegram", "-100", { unit: "S-TAICHINH" });
    await env.bindGroup("telegram", "-200", { cluster: "CUM-1" });
    await env.bindGroup("telegram", "-300", { board: true });
    ids = Object.fromEntries(await Promise.all(people.map(async (c) => [c, await env.officerId(c)] as const)));
    const events: Record<string, () => Promise<void>> = {
      "2021-04-02T10:00": () => env.report("S-KHDT", "2021-Q1"), // after the 5-day reminder
      "2021-04-06T18:00": () => env.report("H-HATIEN", "2021-Q1"), // overdue, before the unit head's rung
    };
    for (let t = at("2021-03-29T00:00").getTime(); t <= at("2021-04-12T00:00").getTime(); t += 15 * 60_000) {
      await events[local(new Date(t))]?.();
      await env.pass(local(new Date(t)));
    }
    rows = await env.reminderRows();
  }, 600_000);
  afterAll(async () => env?.close());

  const o = (code: string) => `o.${ids[code]}`;

  it("counts down to the officer at 08:00, skipping the Saturday step, then reports the overdue unit", () => {
    // pre-2d falls on Saturday 03/04: moved to Monday morning, where it merges into the due-day reminder.
    expect(q1(o("TC-O"))).toEqual(["pre-5d@2021-03-31T08:00", "pre-0d@2021-04-05T08:00", "esc-0@2021-04-06T17:00"]);
    expect(q1(o("RG-O"))).toEqual(["pre-5d@2021-03-31T08:00", "pre-0d@2021-04-05T08:00", "esc-0@2021-04-06T17:00"]);
  });

  it("escalates to the unit head, then to the cluster leader (the leading unit's head when the khối has none)", () => {
    expect(q1(o("TC-H"))).toEqual(["esc-1@2021-04-07T17:00", "esc-2@2021-04-09T17:00"]);
    expect(q1(o("RG-H"))).toEqual(["esc-1@2021-04-07T17:00"]);
    expect(q1(o("RG-L"))).toEqual(["esc-2@2021-04-09T17:00"]);
    const leader = env.senders.telegram.sent.find((s) => s.to === "telegram:107" && s.text.includes("quý I"))!;
    expect(leader.text).toContain("UBND thành phố Rạch Giá");
    expect(leader.text).not.toContain("Hà Tiên");
  });

  it("stops a unit's remaining steps once it has reported figures for the period", () => {
    expect(q1(o("KH-O"))).toEqual(["pre-5d@2021-03-31T08:00"]);
    expect(q1(o("KH-H"))).toEqual([]);
    expect(q1(o("HT-O"))).toEqual(["pre-5d@2021-03-31T08:00", "pre-0d@2021-04-05T08:00", "esc-0@2021-04-06T17:00"]);
    expect(q1(o("HT-H"))).toEqual([]);
  });

  it("posts digests with an acknowledgement button to the unit, cluster and board groups", async () => {
    const group = (chat: string) => rows.filter((r) => r.dedupeKey.startsWith(Q1) && r.recipient === `telegram:g:${chat}`);
    expect(group("-100").map((r) => r.dedupeKey.split(":").at(-1))).toEqual(["pre-5d", "pre-0d", "esc-0", "esc-1", "esc-2"]);
    // Cụm 1 stops once both its districts... Rạch Giá never reports, so every step is posted.
    expect(group("-200").length).toBe(5);
    const digest = env.senders.telegram.sent.find((s) => s.to === "telegram:g:-200" && s.text.includes("quý I"))!;
    expect(digest.text).toContain("Đã nộp 0/2");
    expect(digest.buttons[0]).toMatch(/^ack:[0-9a-z]+$/);
    expect(group("-300").length).toBe(5);
  });

  it("sends only inside 07:30–20:00 on working days, each reminder exactly once at the senders", () => {
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      expect(r.status).toBe("sent");
      const [date = "", time = ""] = local(r.sentAt!).split("T");
      expect(calendar.isWorkingDay(date), r.dedupeKey).toBe(true);
      expect(time >= "07:30" && time < "20:00", `${r.dedupeKey} at ${time}`).toBe(true);
    }
    // One platform send per outbox row; private texts are all distinct (group digests of successive overdue rungs
    // may read alike, so those are compared by row).
    expect(env.allSent().length).toBe(rows.length);
    const direct = env.allSent().filter((s) => !s.to.includes(":g:")).map((s) => `${s.to}|${s.text}`);
    expect(new Set(direct).size).toBe(direct.length);
  });
});
