/**
 * @module One reminder pass (every 15 minutes, under the scheduler's lease; or `reminders run --at`): for each
 * campaign, plan with the pure policy from the stored cursor, word and route every reminder, hand them to the outbox
 * under the plan's dedupe keys, then move the cursor. Exactly once comes from the keys: a pass repeated after a
 * crash, or run by two instances at once, re-plans the same keys and the outbox's unique index keeps one row each.
 * The cursor is moved only after the rows exist, so a crash mid-pass re-plans (never skips) that window.
 */
import type { NewDelivery, OutboxRepository } from "../delivery/outbox";
import type { CampaignCatalog } from "../conversation/services";
import type { ContactBook, ReminderStore } from "../conversation/flows/reminder-store";
import {
  DEFAULT_SENDING_WINDOW,
  isAllowedSendTime,
  nextWorkingMorning,
  type SendingWindow,
  type WorkingCalendar,
} from "../domain/calendar/working-calendar";
import type { ReminderPolicyOptions } from "../domain/reminders/reminder-policy";
import type { Translate } from "../domain/reminders/render-reminder";
import type { Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";
import { indexContacts, type RoutingPolicy } from "./reminder-routing";
import { MAX_REROUTES, rerouteDelivery, splitRerouteKey, type DeliveryContext, type PlannedDelivery } from "./reminder-deliveries";
import { runCampaignPass, type CampaignPassDeps } from "./reminder-campaign-pass";

/** Everything a pass needs (composed from the runtime by the reminders feature). */
export interface ReminderJobDeps {
  store: ReminderStore;
  campaigns: Pick<CampaignCatalog, "list">;
  outbox: Pick<OutboxRepository, "enqueueMany">;
  /** Wakes the outbox loop after enqueueing. */
  kick(): void;
  /** Sends everything due now; used when the caller waits for delivery (CLI). */
  pump?(): Promise<number>;
  /** Real time, for outbox timestamps and the Zalo window (a pass may plan "as if" at another time). */
  clock: Clock;
  timeZone: string;
  calendar: WorkingCalendar;
  sendingWindow?: Pick<SendingWindow, "quietStart" | "quietEnd">;
  policyOptions?: Partial<ReminderPolicyOptions>;
  routing: RoutingPolicy;
  translator(locale: string): Translate;
  defaultLocale: string;
  /** Unit names by id (relay lines name the officer's unit). */
  unitName(unitId: string): string | undefined;
  logger?: Pick<Logger, "info" | "warn">;
}

/** How a pass behaves beyond the scheduler's defaults. */
export interface ReminderPassOptions {
  /** Pump the outbox and report what was actually sent (the CLI). Default false: the outbox loop sends. */
  waitForDelivery?: boolean;
  /** When the stored cursor is at or after `at` (a run "in the past"), plan from a look-back instead of nothing. */
  allowRewind?: boolean;
  /** How far ahead deadlines on days off are flagged to the board (default 30 days). */
  holidayFlagDays?: number;
}

/** Counts of one pass. */
export interface ReminderPassResult {
  /** Reminders (and board notices) the plan found due now. */
  planned: number;
  /** New outbox rows. */
  queued: number;
  /** Already in the outbox (an earlier pass or another instance). */
  duplicates: number;
  /** Fell due but judged stale by the policy (see reminder-catch-up.ts). */
  skipped: number;
  /** Carried by a fallback path (unit group, unit head) instead of the officer's own chat. */
  relayed: number;
  /** Re-routed after the outbox found the recipient unreachable. */
  rerouted: number;
  /** With waitForDelivery: new reminders confirmed sent (directly or after a re-route); else 0. */
  sent: number;
  /** Reminders with no path at all, plus (with waitForDelivery) those the outbox dead-lettered. */
  failed: number;
  /** With waitForDelivery: new reminders still waiting for a retry. */
  pending: number;
  /** Set when `at` is outside the sending window: when sending resumes. */
  deferredUntil: Date | null;
}

const REROUTE_LOOKBACK_MS = 86_400_000;

function emptyResult(): ReminderPassResult {
  return { planned: 0, queued: 0, duplicates: 0, skipped: 0, relayed: 0, rerouted: 0, sent: 0, failed: 0, pending: 0, deferredUntil: null };
}

/** Enqueues planned rows; returns the keys this call created. */
async function enqueue(deps: ReminderJobDeps, planned: readonly PlannedDelivery[], result: ReminderPassResult): Promise<string[]> {
  const rows: NewDelivery[] = [];
  for (const p of planned) {
    if (p.ok) {
      rows.push(p.delivery);
      if (p.relayed) result.relayed++;
    } else {
      result.failed++;
      deps.logger?.warn({ dedupeKey: p.dedupeKey, note: p.note }, "reminder has no delivery path");
    }
  }
  if (rows.length === 0) return [];
  const existing = await deps.store.existingKeys(rows.map((r) => r.dedupeKey));
  const fresh = rows.filter((r) => !existing.has(r.dedupeKey));
  const created = fresh.length > 0 ? await deps.outbox.enqueueMany(fresh, deps.clock.now()) : 0;
  result.queued += created;
  result.duplicates += rows.length - created;
  return fresh.map((r) => r.dedupeKey);
}

function deliveryContext(deps: ReminderJobDeps, contacts: ContactBook, campaignId: string | null): DeliveryContext {
  return {
    index: indexContacts(contacts), policy: deps.routing, now: deps.clock.now(), translator: (l) => deps.translator(l),
    defaultLocale: deps.defaultLocale, campaignId, unitName: (id) => deps.unitName(id),
  };
}

/**
 * Re-routes reminders the outbox found unreachable in the last day (a later reminder would be stale): each gets one
 * next attempt under `<key>~<n>`, so repeated sweeps and concurrent instances add nothing twice.
 */
async function rerouteUnreachable(deps: ReminderJobDeps, result: ReminderPassResult): Promise<string[]> {
  const rows = await deps.store.listUnreachableReminders(new Date(deps.clock.now().getTime() - REROUTE_LOOKBACK_MS));
  if (rows.length === 0) return [];
  const nextKey = (key: string) => {
    const [base, n] = splitRerouteKey(key);
    return n < MAX_REROUTES ? `${base}~${n + 1}` : null;
  };
  const done = await deps.store.existingKeys(rows.map((r) => nextKey(r.dedupeKey)).filter((k): k is string => k !== null));
  const open = rows.filter((r) => {
    const next = nextKey(r.dedupeKey);
    return next !== null && !done.has(next);
  });
  if (open.length === 0) return [];
  const ctx = deliveryContext(deps, await deps.store.loadContacts(), null);
  const planned: PlannedDelivery[] = [];
  for (const row of open) {
    const next = rerouteDelivery(row, await deps.store.triedRecipients(splitRerouteKey(row.dedupeKey)[0]), ctx);
    if (next) planned.push(next);
  }
  const keys = await enqueue(deps, planned, result);
  result.rerouted += keys.length;
  return keys;
}

/** Pumps until nothing is due, re-routing unreachable reminders between rounds; then counts outcomes per reminder. */
async function settle(deps: ReminderJobDeps, keys: string[], result: ReminderPassResult): Promise<void> {
  if (!deps.pump) return;
  for (let round = 0; round < 4; round++) {
    await deps.pump();
    const more = await rerouteUnreachable(deps, result);
    if (more.length === 0) break;
    keys.push(...more);
  }
  const statuses = await deps.store.deliveryStatuses(keys);
  const byBase = new Map<string, string[]>();
  for (const k of keys) {
    const base = splitRerouteKey(k)[0];
    byBase.set(base, [...(byBase.get(base) ?? []), statuses.get(k) ?? "pending"]);
  }
  for (const list of byBase.values()) {
    if (list.includes("sent")) result.sent++;
    else if (list.every((s) => s === "dead" || s === "unreachable")) result.failed++;
    else result.pending++;
  }
}

/**
 * Runs one pass at `at` (normally the clock's now). Outside the sending window it sends nothing, keeps the cursor
 * and reports when sending resumes, so nothing ever goes out at 23:00.
 */
export async function sendDueReminders(deps: ReminderJobDeps, at: Date, opts: ReminderPassOptions = {}): Promise<ReminderPassResult> {
  const result = emptyResult();
  const window: SendingWindow = { ...DEFAULT_SENDING_WINDOW, ...deps.sendingWindow, zone: deps.timeZone };
  if (!isAllowedSendTime(at, deps.calendar, window)) {
    result.deferredUntil = nextWorkingMorning(at, deps.calendar, window);
    return result;
  }
  const keys: string[] = [];
  const passDeps: CampaignPassDeps = {
    ...deps,
    context: (contacts, campaignId) => deliveryContext(deps, contacts, campaignId),
  };
  for (const campaign of deps.campaigns.list()) {
    const stored = await deps.store.getCursor(campaign.code);
    const isBehind = stored !== null && stored.getTime() >= at.getTime();
    if (isBehind && !opts.allowRewind) continue;
    const out = await runCampaignPass(passDeps, campaign, at, isBehind ? null : stored, opts.holidayFlagDays ?? 30);
    result.planned += out.deliveries.length;
    result.skipped += out.skipped;
    keys.push(...(await enqueue(deps, out.deliveries, result)));
    await deps.store.markHolidayFlagged(campaign.code, out.flaggedCodes);
    await deps.store.advanceCursor(campaign.code, out.cursor);
  }
  keys.push(...(await rerouteUnreachable(deps, result)));
  deps.kick();
  if (opts.waitForDelivery) await settle(deps, keys, result);
  deps.logger?.info({ ...result, at: at.toISOString() }, "reminder pass");
  return result;
}
