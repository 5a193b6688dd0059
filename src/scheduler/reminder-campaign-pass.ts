/**
 * @module The rows one campaign's pass produces: every planned reminder (routed and worded), the notices behind
 * group digests (so "Đã nhận" can be recorded per unit), and the board's notice of deadlines falling on days off,
 * sent once per deadline when it comes within the flag horizon.
 */
import type { ActiveCampaign } from "../conversation/services";
import type { NoticeRecord, ReminderAudience, ReminderStore } from "../conversation/flows/reminder-store";
import type { WorkingCalendar } from "../domain/calendar/working-calendar";
import { addLocalDays, localDateOf } from "../domain/calendar/zoned-time";
import { flagHolidayDeadlines, type ReminderPlan } from "../domain/reminders/reminder-policy";
import type { DueReminder } from "../domain/reminders/reminder-types";
import { holidayFlagDeliveries, reminderDelivery, type DeliveryContext, type PlannedDelivery } from "./reminder-deliveries";

/** The notice behind a group digest: the units in the group's scope are the ones expected to acknowledge. */
export function noticeOf(r: DueReminder): NoticeRecord | null {
  if (r.kind !== "group_digest" || !r.noticeKey) return null;
  const p = r.params;
  const unitIds = [...new Set([...p.units, ...p.missingUnits, ...p.submittedUnits].map((u) => u.id))];
  return { noticeKey: r.noticeKey, campaignCode: r.campaignCode, deadlineCode: r.deadlineCode, stepKey: r.step.key, groupId: r.recipient.id, unitIds };
}

/** Board notices for deadlines on days off within `days` of `at` that were not flagged before. */
async function holidayFlags(
  deps: { store: ReminderStore; calendar: WorkingCalendar; timeZone: string },
  campaign: Pick<ActiveCampaign, "code" | "deadlines">,
  audience: ReminderAudience,
  ctx: DeliveryContext,
  at: Date,
  days: number,
): Promise<{ deliveries: PlannedDelivery[]; codes: string[] }> {
  const today = localDateOf(at, deps.timeZone);
  const horizon = addLocalDays(today, days);
  const candidates = flagHolidayDeadlines(campaign.deadlines, deps.calendar, { onOrAfter: today }).filter((f) => f.date <= horizon);
  if (candidates.length === 0) return { deliveries: [], codes: [] };
  const fresh = new Set(await deps.store.unflaggedHolidayDeadlines(campaign.code, candidates.map((f) => f.deadlineCode)));
  const chosen = candidates.filter((f) => fresh.has(f.deadlineCode));
  if (chosen.length === 0) return { deliveries: [], codes: [] };
  return { deliveries: holidayFlagDeliveries(campaign.code, chosen, audience.recipients, ctx), codes: chosen.map((f) => f.deadlineCode) };
}

/** Everything one campaign's pass hands to the outbox, and the deadlines it flags to the board. */
export async function campaignDeliveries(
  deps: { store: ReminderStore; calendar: WorkingCalendar; timeZone: string },
  campaign: Pick<ActiveCampaign, "code" | "deadlines">,
  plan: ReminderPlan,
  audience: ReminderAudience,
  ctx: DeliveryContext,
  at: Date,
  flagDays: number,
): Promise<{ deliveries: PlannedDelivery[]; flaggedCodes: string[] }> {
  const deliveries = plan.due.map((r) => reminderDelivery(r, ctx));
  // Notices first: a button pressed the moment the digest arrives must find its notice.
  await deps.store.saveNotices(plan.due.map(noticeOf).filter((n): n is NoticeRecord => n !== null));
  const flags = await holidayFlags(deps, campaign, audience, ctx, at, flagDays);
  return { deliveries: [...deliveries, ...flags.deliveries], flaggedCodes: flags.codes };
}
