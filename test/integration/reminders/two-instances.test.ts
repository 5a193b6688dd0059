/**
 * Two instances of the bot on one PostgreSQL database run the reminder pass at the same moments, every 15 minutes
 * for a simulated week, WITHOUT the scheduler's lease (the worst case: the lease expired or clocks disagree), and
 * pump their outboxes concurrently. Every reminder must reach the platforms exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDbKinds } from "../../helpers/test-db";
import { seedBulkOrg } from "./bulk-org";
import { at, createReminderEnv, local, type ReminderEnv } from "./reminder-env";

const EMPTY_ORG = { units: [], clusters: [], officers: [] };
const hasPostgres = testDbKinds().includes("postgres");

describe.skipIf(!hasPostgres)("two instances on one PostgreSQL for a week", () => {
  let a: ReminderEnv;
  let b: ReminderEnv;
  let passes = 0;

  beforeAll(async () => {
    a = await createReminderEnv({
      kind: "postgres", now: "2021-03-29T07:00", org: EMPTY_ORG,
      seed: (db) => seedBulkOrg(db, { units: 60, clusterSize: 10, withHeads: true, clusterGroups: true, boardGroup: true, lastInteractionAt: at("2021-03-25T09:00") }),
    });
    b = await createReminderEnv({ kind: "postgres", now: "2021-03-29T07:00", existingDb: a.tdb });
    // Monday 29/03 to Wednesday 07/04: the pledge (due 31/03) and the Q1 report (due 05/04) with their escalations.
    // B's clock runs 0–2 minutes ahead of A's: sometimes B plans first, sometimes they plan the same window.
    for (let t = at("2021-03-29T07:00").getTime(); t <= at("2021-04-07T18:00").getTime(); t += 15 * 60_000) {
      await Promise.all([a.pass(local(new Date(t))), b.pass(local(new Date(t + (passes % 3) * 60_000)))]);
      passes++;
    }
    await Promise.all([a.runtime.outboxDispatcher.pump(), b.runtime.outboxDispatcher.pump()]);
  }, 900_000);
  afterAll(async () => {
    await b?.close(false);
    await a?.close();
  });

  it("delivers every reminder once across both instances", async () => {
    const rows = await a.reminderRows();
    const sentA = a.allSent().length;
    const sentB = b.allSent().length;
    console.log(`two instances: ${passes} concurrent passes, ${rows.length} reminders; instance A sent ${sentA}, B sent ${sentB}`);
    expect(rows.length).toBeGreaterThan(500);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    // Each outbox row was handed to a platform exactly once, by one instance or the other.
    expect(sentA + sentB).toBe(rows.length);
    const direct = [...a.allSent(), ...b.allSent()].filter((s) => !s.to.includes(":g:")).map((s) => `${s.to}|${s.text}`);
    expect(new Set(direct).size).toBe(direct.length);
  });

  it("planned the same reminders a single instance would: the officer countdown, the overdue notice and the head's rung", async () => {
    const keys = new Set((await a.reminderRows()).map((r) => r.dedupeKey));
    for (const i of [0, 31, 59]) {
      for (const step of ["pre-5d", "pre-0d", "esc-0"]) expect(keys.has(`kg-2021:bao-cao-quy-1:o.o${i}:${step}`), `o${i} ${step}`).toBe(true);
      expect(keys.has(`kg-2021:bao-cao-quy-1:o.h${i}:esc-1`)).toBe(true);
    }
    expect(keys.has("kg-2021:bao-cao-quy-1:o.o0:pre-2d")).toBe(false); // Saturday step merged into the due-day one
  });
});
