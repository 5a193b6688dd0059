/**
 * @module The reminders capability, composed for the bot (see src/app/feature.ts): `/nhacnho` and the "Đã nhận"
 * button in chat, the reminder pass every 15 minutes (the scheduler runs it under a database lease), the
 * `reminders run --at` CLI command and a read-only timetable in the admin API.
 */
import type { Feature, CliCommand } from "../feature";
import type { Runtime } from "../build-runtime";
import { createTranslator } from "../../i18n/i18n";
import { createVnCalendar } from "../../domain/calendar/vn-calendar";
import { localDateTimeOf } from "../../domain/calendar/zoned-time";
import { scheduleDeadlines } from "../../domain/reminders/reminder-policy";
import { createAckFlow, createUpcomingCommand } from "../../conversation/flows/reminders.flow";
import { createPrismaReminderRepository } from "../../storage/prisma-reminder-repository";
import {
  sendDueReminders,
  type ReminderJobDeps,
  type ReminderPassOptions,
  type ReminderPassResult,
} from "../../scheduler/send-due-reminders.job";
import type { Logger } from "../../shared/logger";
import { HttpError } from "../../http/http-error";
import { parseIsoInstant } from "./parse-iso-instant";

/** The Vietnamese official calendar (weekends, Tết and other holidays, compensatory days, làm bù). */
const calendar = createVnCalendar();

/** Composes the pass's dependencies from a runtime. */
export function reminderJobDeps(runtime: Runtime, extra: { logger?: Logger; defaultLocale?: "vi" | "en" } = {}): ReminderJobDeps {
  return {
    store: createPrismaReminderRepository(runtime.db),
    campaigns: runtime.campaigns,
    outbox: runtime.outboxRepo,
    kick: () => runtime.outboxDispatcher.kick(),
    pump: () => runtime.outboxDispatcher.pump(),
    clock: runtime.clock,
    timeZone: runtime.services.timeZone,
    calendar,
    routing: { channels: new Set(runtime.senders.keys()) },
    translator: (locale) => createTranslator(locale === "en" ? "en" : "vi"),
    defaultLocale: extra.defaultLocale ?? "vi",
    unitName: (id) => runtime.org.unitById(id)?.name,
    logger: extra.logger,
  };
}

/** One pass over the runtime's campaigns (re-read first: a plan may have been imported by the CLI meanwhile). */
export async function runReminderPass(runtime: Runtime, at: Date, opts: ReminderPassOptions = {}, extra: Parameters<typeof reminderJobDeps>[1] = {}): Promise<ReminderPassResult> {
  await runtime.campaigns.refresh();
  return sendDueReminders(reminderJobDeps(runtime, extra), at, opts);
}

/** The CLI's one-line summary of a pass. */
export function formatPassResult(r: ReminderPassResult, timeZone: string): string[] {
  const lines = [`planned=${r.planned} sent=${r.sent} skipped=${r.skipped} failed=${r.failed}`];
  lines.push(`  new=${r.queued} already-queued=${r.duplicates} relayed=${r.relayed} rerouted=${r.rerouted} still-pending=${r.pending}`);
  if (r.deferredUntil) lines.push(`  outside the sending window: nothing sent; sending resumes ${localDateTimeOf(r.deferredUntil, timeZone)} (${timeZone})`);
  return lines;
}

/** `reminders run --at <ISO-8601>`: one pass as if the clock read that time, sent through the configured channels. */
export const remindersRunCommand: CliCommand = async ({ config, print, runtime }, args) => {
  const i = args.indexOf("--at");
  const raw = i >= 0 ? args[i + 1] : undefined;
  if (!raw) throw new Error("usage: reminders run --at <ISO-8601 datetime, e.g. 2021-04-05T08:00+07:00>");
  const at = parseIsoInstant(raw, config.timeZone);
  if (!at) throw new Error(`--at "${raw}" is not an ISO-8601 date-time (e.g. 2021-04-05T08:00 or 2021-04-05T08:00:00+07:00)`);
  const rt = await runtime();
  const result = await runReminderPass(rt, at, { waitForDelivery: true, allowRewind: true }, { defaultLocale: config.defaultLocale });
  for (const line of formatPassResult(result, config.timeZone)) print(line);
};

export const remindersFeature: Feature = {
  name: "reminders",
  build: (_services, db) => {
    const deps = { store: createPrismaReminderRepository(db), calendar };
    return { flows: [createAckFlow(deps)], commands: { nhacnho: createUpcomingCommand(deps) }, freeText: [] };
  },
  jobs: (runtime) => [{ name: "reminders", cron: "*/15 * * * *", run: (now) => runReminderPass(runtime, now) }],
  cliCommands: { "reminders run": remindersRunCommand },
  adminRoutes: (router, runtime) => {
    // The timetable of every deadline (after quiet-hour and holiday shifts), for the board to check the plan.
    router.get("/reminders/schedule", (req, res) => {
      const code = typeof req.query.campaign === "string" ? req.query.campaign : undefined;
      const campaign = code ? runtime.campaigns.byCode(code) : runtime.campaigns.current();
      if (!campaign) throw new HttpError("not_found", `no campaign ${code ?? ""}`.trim());
      const zone = runtime.services.timeZone;
      const local = (d: Date) => localDateTimeOf(d, zone);
      const schedules = scheduleDeadlines({ deadlines: campaign.deadlines, rules: campaign.reminderRules, timeZone: zone, calendar });
      res.json({
        campaign: campaign.code,
        timeZone: zone,
        deadlines: schedules.map((s) => ({
          code: s.deadline.code, kind: s.deadline.kind, due: s.deadline.due,
          steps: [...s.preDue, ...s.escalation].map((x) => ({ step: x.step.key, nominal: local(x.nominalAt), at: local(x.at) })),
          dropped: s.dropped.map((x) => ({ step: x.step.key, reason: x.reason, mergedInto: x.mergedInto ?? null })),
        })),
      });
    });
  },
};
