/**
 * A 5,000-reminder batch (the Q1 report's due-day reminder to 5,000 district officers) survives two crashes:
 * 1. the pass dies after writing 1,000 of its outbox rows: the cursor has not moved, so the next pass re-plans the
 *    same keys and writes only the 4,000 missing rows;
 * 2. the process dies mid-send: the platform has accepted some messages whose rows were never marked sent. A new
 *    runtime then delivers every reminder; the only duplicates are those in-flight sends, at most one per outbox
 *    worker (the dispatcher's concurrency, 16). The bound is measured and asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SendError, type ChannelAddress, type ChannelSender } from "../../../src/conversation/channel-port";
import { sendDueReminders } from "../../../src/scheduler/send-due-reminders.job";
import { testDbKinds } from "../../helpers/test-db";
import { seedBulkOrg } from "./bulk-org";
import { at, createReminderEnv, type ReminderEnv } from "./reminder-env";

const BATCH = Number(process.env.REMINDER_CRASH_BATCH ?? 5000);
const CRASH_AFTER = Math.floor(BATCH * 0.4);
const OUTBOX_CONCURRENCY = 16;

/** Telegram as seen by a process that dies after `crashAfter` sends: later sends reach the platform, never return. */
function createCrashingSender(crashAfter: number) {
  const sent: string[] = [];
  let inFlight = 0;
  const sender: ChannelSender = {
    channel: "telegram",
    maxTextLength: 4096,
    supportsButtons: true,
    async send(to: ChannelAddress) {
      if (to.isGroup) throw new SendError("permanent", "no groups in this test");
      sent.push(`telegram:${to.chatId}`);
      if (sent.length <= crashAfter) return { externalId: String(sent.length) };
      inFlight++;
      return new Promise<never>(() => undefined); // accepted by the platform; the process is gone before markSent
    },
  };
  return { sender, sent, inFlight: () => inFlight };
}

/** Resolves once the dying process has stopped: some sends are stuck in flight and no more start. */
async function crashed(inFlight: () => number, quietMs = 2000, maxMs = 1_200_000): Promise<void> {
  const start = Date.now();
  let last = inFlight();
  let since = Date.now();
  while (Date.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 100));
    const now = inFlight();
    if (now !== last) [last, since] = [now, Date.now()];
    else if (now > 0 && Date.now() - since > quietMs) return;
  }
  throw new Error("the first runtime never reached its crash point");
}

describe.each(testDbKinds())(`a ${BATCH}-reminder batch survives crashes on %s`, (kind) => {
  let first: ReminderEnv;
  let second: ReminderEnv;
  const crashing = createCrashingSender(CRASH_AFTER);
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    first = await createReminderEnv({
      kind, now: "2021-04-05T08:00", org: { units: [], clusters: [], officers: [] }, telegram: crashing.sender,
      seed: (db) => seedBulkOrg(db, { units: BATCH, clusterSize: 50, lastInteractionAt: at("2021-04-01T09:00") }),
    });
  }, 600_000);
  afterAll(async () => {
    await second?.close(false);
    await first?.db.$disconnect();
    await first?.tdb.drop();
  });

  it("a pass that dies mid-enqueue leaves the cursor, and the next pass writes only the missing rows", async () => {
    const real = first.deps.outbox;
    const dying = {
      enqueueMany: async (rows: Parameters<typeof real.enqueueMany>[0], now: Date) => {
        await real.enqueueMany(rows.slice(0, 1000), now);
        throw new Error("killed mid-enqueue");
      },
    };
    await expect(sendDueReminders({ ...first.deps, outbox: dying }, first.clock.now())).rejects.toThrow("killed");
    expect(await first.deps.store.getCursor("kg-2021")).toBeNull();
    expect(await first.db.delivery.count()).toBe(1000);
    const t0 = performance.now();
    const again = await sendDueReminders(first.deps, first.clock.now());
    figures.enqueueMs = Math.round(performance.now() - t0);
    expect(again).toMatchObject({ planned: BATCH, queued: BATCH - 1000, duplicates: 1000, failed: 0 });
    expect(await first.db.delivery.count()).toBe(BATCH);
    expect((await first.deps.store.getCursor("kg-2021"))?.getTime()).toBe(at("2021-04-05T08:00").getTime());
  }, 900_000);

  it("a process killed mid-send: a new runtime delivers everything, duplicating only the in-flight sends", async () => {
    const t0 = performance.now();
    void first.runtime.outboxDispatcher.pump(); // never settles: its last sends hang forever
    await crashed(() => crashing.inFlight());
    figures.firstRuntimeSendMs = Math.round(performance.now() - t0);
    const inFlight = crashing.inFlight();
    // The new process starts after the dead one's claims expired (60 s locks).
    second = await createReminderEnv({ kind, now: "2021-04-05T08:01:01", existingDb: first.tdb });
    const t1 = performance.now();
    await second.runtime.outboxDispatcher.pump();
    figures.secondRuntimeSendMs = Math.round(performance.now() - t1);
    expect((await second.pass("2021-04-05T08:15")).queued).toBe(0);

    const deliveries = [...crashing.sent, ...second.senders.telegram.sent.map((s) => s.to)];
    const counts = new Map<string, number>();
    for (const to of deliveries) counts.set(to, (counts.get(to) ?? 0) + 1);
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    figures.inFlightAtCrash = inFlight;
    figures.duplicates = duplicates;
    console.log(`crash recovery (${kind}, ${BATCH}): ${JSON.stringify(figures)}`);
    expect(counts.size).toBe(BATCH); // every officer reached
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    expect(duplicates).toBe(inFlight); // exactly the sends the platform accepted while the process died
    expect(duplicates).toBeGreaterThan(0);
    expect(duplicates).toBeLessThanOrEqual(OUTBOX_CONCURRENCY);
    expect(await second.db.delivery.count({ where: { status: "sent" } })).toBe(BATCH);
  }, 1_800_000);
});
