/**
 * @module The only node-cron user. Jobs are short compositions; timing rules live in the domain (reminder policy).
 * Each job runs under a database lease, so two instances on one PostgreSQL never run the same pass at once.
 */
import cron from "node-cron";
import type { Runtime } from "../app/build-runtime";
import type { Logger } from "../shared/logger";

export interface ScheduledJob {
  name: string;
  /** cron expression in APP_TIMEZONE */
  cron: string;
  run: (now: Date) => Promise<unknown>;
}

export function startScheduler(runtime: Runtime, deps: { logger: Logger; jobs: ScheduledJob[]; zaloTokens?: { refreshIfDue(): Promise<void> } }) {
  const all = [...deps.jobs];
  if (deps.zaloTokens) {
    const tokens = deps.zaloTokens;
    all.push({ name: "zalo-token-refresh", cron: "*/15 * * * *", run: () => tokens.refreshIfDue() });
  }
  const tasks = all.map((job) =>
    cron.schedule(
      job.cron,
      async () => {
        const now = runtime.clock.now();
        try {
          await runtime.leases.withLease(`job:${job.name}`, 10 * 60_000, () => job.run(now), now);
        } catch (err) {
          deps.logger.error({ err, job: job.name }, "scheduled job failed");
        }
      },
      { timezone: runtime.services.timeZone, name: job.name, noOverlap: true },
    ),
  );
  deps.logger.info({ jobs: all.map((j) => j.name) }, "scheduler started");
  return { stop: () => tasks.forEach((t) => void t.stop()) };
}
