/**
 * @module What one campaign's pass produces: every planned reminder (routed and worded), the notices behind group
 * digests (so "Đã nhận" can be recorded per unit), and the board's notice of deadlines falling on days off, sent
 * once per deadline when it comes within the flag horizon. Most passes find no step due: the timetable (pure,
 * cheap) is checked first, so the audience is loaded from the store only when something is due.
 */
import type { ActiveCampaign } from "../conversation/services";
import type { ContactBook, NoticeRecord, ReminderAudience, ReminderStore } from "../conversation/flows/reminder-store";
import type { SendingWindow, WorkingCalendar } from "../domain/calendar/working-calendar";
import { addLocalDays, localDateOf } from "../domain/calendar/zoned-time";
import {
  DEFAULT_POLICY_OPTIONS,
  flagHolidayDeadlines,
  planReminders,
  scheduleDeadlines,
  type ReminderPlan,
  type ReminderPolicyOptions,
} from "../domain/reminders/reminder-policy";
import type { DueReminder } from "../domain/reminders/reminder-types";
import { holidayFlagDeliveries, reminderDelivery, type DeliveryContext, type PlannedDelivery } from "./reminder-deliveries";

/** What a campaign pass reads. */
export interface CampaignPassDeps {
  store: ReminderStore;
  calendar: WorkingCalendar;
  timeZone: string;
  sendingWindow?: Pick<SendingWindow, "quietStart" | "quietEnd">;
  policyOptions?: Partial<ReminderPolicyOptions>;
  /** Delivery context for the campaign, once its contacts are loaded. */
  context(contacts: ContactBook, campaignId: string): DeliveryContext;
}

/** The outcome of one campaign's pass. */
export interface CampaignPassOutput {
  deliveries: PlannedDelivery[];
  skipped: number;
  /** Deadlines flagged to the board by this pass (mark them once the rows exist). */
  flaggedCodes: string[];
  /** Where the next pass starts (this pass's `at`). */
  cursor: Date;
}

/** The notice behind a group digest: the units in the group's scope are the ones expected to acknowledge. */
export function noticeOf(r: DueReminder): NoticeRecord | null {
  if (r.kind !== "group_digest" || !r.noticeKey) return null;
  const p = r.params;
  const unitIds = [...new Set([...p.units, ...p.missingUnits, ...p.submittedUnits].map((u) => u.id))];
  return { noticeKey: r.noticeKey, campaignCode: r.campaignCode, deadlineCode: r.deadlineCode, stepKey: r.step.key, groupId: r.recipient.id, unitIds };
}

/** Step instants of a campaign's timetable, sorted; cached per deadline list (a catalog refresh makes new lists). */
const stepTimes = new WeakMap<object, Map<string, number[]>>();

function timetable(deps: CampaignPassDeps, campaign: Pick<ActiveCampaign, "deadlines" | "reminderRules">): number[] {
  const variant = JSON.stringify([deps.timeZone, deps.sendingWindow ?? null, deps.policyOptions ?? null]);
  const byVariant = stepTimes.get(campaign.deadlines) ?? new Map<string, number[]>();
  stepTimes.set(campaign.deadlines, byVariant);
  let times = byVariant.get(variant);
  if (!times) {
    const schedules = scheduleDeadlines({
      deadlines: campaign.deadlines, rules: campaign.reminderRules, timeZone: deps.timeZone, calendar: deps.calendar,
      sendingWindow: deps.sendingWindow, options: deps.policyOptions,
    });
    times = schedules.flatMap((s) => [...s.preDue, ...s.escalation].map((x) => x.at.getTime())).sort((a, b) => a - b);
    byVariant.set(variant, times);
  }
  return times;
}

function hasStepIn(deps: CampaignPassDeps, campaign: Pick<ActiveCampaign, "deadlines" | "reminderRules">, from: Date, to: Date): boolean {
  return timetable(deps, campaign).some((t) => t > from.getTime() && t <= to.getTime());
}

/** Deadlines on days off within `days` of `at` whose board notice has not gone out yet. */
async function holidayCandidates(deps: CampaignPassDeps, campaign: Pick<ActiveCampaign, "code" | "deadlines">, at: Date, days: number) {
  const today = localDateOf(at, deps.timeZone);
  const horizon = addLocalDays(today, days);
  const flags = flagHolidayDeadlines(campaign.deadlines, deps.calendar, { onOrAfter: today }).filter((f) => f.date <= horizon);
  if (flags.length === 0) return [];
  const fresh = new Set(await deps.store.unflaggedHolidayDeadlines(campaign.code, flags.map((f) => f.deadlineCode)));
  return flags.filter((f) => fresh.has(f.deadlineCode));
}

const NOTHING_DUE: ReminderPlan = { due: [], skipped: [], cursor: null, deferredUntil: null };

/**
 * Plans one campaign at `at` from `lastPassAt` (null: the policy's first-pass look-back) and builds its rows.
 * `at` must be inside the sending window (the caller checks).
 */
export async function runCampaignPass(
  deps: CampaignPassDeps,
  campaign: ActiveCampaign,
  at: Date,
  lastPassAt: Date | null,
  flagDays: number,
): Promise<CampaignPassOutput> {
  const lookback = (deps.policyOptions?.firstPassLookbackHours ?? DEFAULT_POLICY_OPTIONS.firstPassLookbackHours) * 3_600_000;
  const from = lastPassAt ?? new Date(at.getTime() - lookback);
  const flags = await holidayCandidates(deps, campaign, at, flagDays);
  const isDue = hasStepIn(deps, campaign, from, at);
  if (!isDue && flags.length === 0) return { deliveries: [], skipped: 0, flaggedCodes: [], cursor: at };
  const audience: ReminderAudience = await deps.store.loadAudience(campaign);
  const plan = isDue
    ? planReminders({
        at, lastPassAt, timeZone: deps.timeZone, calendar: deps.calendar, sendingWindow: deps.sendingWindow, options: deps.policyOptions,
        campaignCode: campaign.code, deadlines: campaign.deadlines, rules: campaign.reminderRules, recipients: audience.recipients,
      })
    : NOTHING_DUE;
  const ctx = deps.context(audience.contacts, campaign.id);
  // Notices first: a button pressed the moment the digest arrives must find its notice.
  await deps.store.saveNotices(plan.due.map(noticeOf).filter((n): n is NoticeRecord => n !== null));
  const deliveries = plan.due.map((r) => reminderDelivery(r, ctx));
  if (flags.length > 0) deliveries.push(...holidayFlagDeliveries(campaign.code, flags, audience.recipients, ctx));
  return { deliveries, skipped: plan.skipped.length, flaggedCodes: flags.map((f) => f.deadlineCode), cursor: plan.cursor ?? at };
}
