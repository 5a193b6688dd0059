/**
 * The reminders job as the scheduler runs it (its cron and the database lease) and the read-only timetable the board
 * can check in the admin API.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAdminApi } from "../../../src/app/admin-api";
import { remindersFeature } from "../../../src/app/features/reminders.feature";
import { createApp } from "../../../src/http/create-app";
import { createLogger } from "../../../src/shared/logger";
import { testDbKinds } from "../../helpers/test-db";
import { createReminderEnv, type ReminderEnv } from "./reminder-env";

const TOKEN = "admin-token-for-tests-0123";

describe.each(testDbKinds())("reminders job and admin timetable on %s", (kind) => {
  let env: ReminderEnv;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    env = await createReminderEnv({ kind, now: "2021-03-31T08:00" });
    await env.linkAccount("TC-O", "telegram", "101", "2021-03-30T09:00");
    const app = createApp({ logger: createLogger({ level: "silent" }), adminToken: TOKEN, health: async () => ({ db: "ok", channels: {} }), webhooks: [], adminApi: buildAdminApi(env.runtime) });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  }, 120_000);
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await env?.close();
  });

  it("runs every 15 minutes under the scheduler's lease, and a second holder gets nothing to do", async () => {
    const jobs = remindersFeature.jobs!(env.runtime);
    expect(jobs.map((j) => [j.name, j.cron])).toEqual([["reminders", "*/15 * * * *"]]);
    const now = env.clock.now();
    const run = () => env.runtime.leases.withLease("job:reminders", 600_000, () => jobs[0]!.run(now), now);
    const [first, second] = await Promise.all([run(), run()]);
    const results = [first, second].filter((r) => r !== null) as Array<{ queued: number }>;
    expect(results.length).toBeGreaterThanOrEqual(1);
    expect(results.reduce((n, r) => n + r.queued, 0)).toBe(2); // Sở Tài chính's officer: Q1 countdown and pledge due-day
    await env.runtime.outboxDispatcher.pump();
    expect(env.senders.telegram.sent.filter((s) => s.to === "telegram:101")).toHaveLength(2);
  });

  it("shows each deadline's timetable after quiet-hour and holiday shifts", async () => {
    const res = await fetch(`${base}/reminders/schedule?campaign=kg-2021`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { deadlines: Array<{ code: string; steps: Array<{ step: string; at: string }>; dropped: Array<{ step: string; reason: string }> }> };
    const q1 = body.deadlines.find((d) => d.code === "bao-cao-quy-1")!;
    expect(q1.steps.map((s) => `${s.step}@${s.at}`)).toEqual([
      "pre-5d@2021-03-31T08:00", "pre-0d@2021-04-05T08:00", "esc-0@2021-04-06T17:00", "esc-1@2021-04-07T17:00", "esc-2@2021-04-09T17:00",
    ]);
    expect(q1.dropped).toEqual([{ step: "pre-2d", reason: "merged", mergedInto: "pre-0d" }]);
    const missing = await fetch(`${base}/reminders/schedule?campaign=nope`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(missing.status).toBe(404);
  });
});
