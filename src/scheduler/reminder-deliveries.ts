/**
 * @module Turns planned reminders into outbox rows: route (reminder-routing.ts), word in the recipient's language,
 * add a relay line when someone else carries it, and keep the plan's dedupe key so the outbox sends it once.
 * Also builds the board's holiday-deadline notice and the re-route of a reminder whose recipient was unreachable.
 */
import type { NewDelivery } from "../delivery/outbox";
import type { OutboundMessage } from "../conversation/channel-port";
import type { UnreachableReminder } from "../conversation/flows/reminder-store";
import type { HolidayDeadlineFlag } from "../domain/reminders/holiday-deadlines";
import { noticeKeyFor } from "../domain/reminders/notice-key";
import { renderReminder, type Translate } from "../domain/reminders/render-reminder";
import { renderHolidayFlags } from "../domain/reminders/render-upcoming";
import type { DueReminder, ReminderRecipients } from "../domain/reminders/reminder-types";
import { routeToGroup, routeToOfficer, type ContactIndex, type Route, type RoutingPolicy } from "./reminder-routing";

/** Re-routes tried per reminder after the outbox reported its recipient unreachable. */
export const MAX_REROUTES = 3;

/** What building deliveries needs. */
export interface DeliveryContext {
  index: ContactIndex;
  policy: RoutingPolicy;
  /** Real time of sending (the Zalo window is judged then, even when a pass runs "as if" at another time). */
  now: Date;
  translator: (locale: string) => Translate;
  defaultLocale: string;
  campaignId: string | null;
  /** Unit names by id (for relay lines). */
  unitName: (unitId: string) => string | undefined;
}

/** A row to enqueue, or why there is none. */
export type PlannedDelivery =
  | { ok: true; delivery: NewDelivery; relayed: boolean }
  | { ok: false; dedupeKey: string; note: string };

/** Zalo's limit; Telegram allows 4096. */
const MAX_CHARS = 2000;
const RELAY_ROOM = 200;

function relayLine(ctx: DeliveryContext, officerId: string, t: Translate): string {
  const officer = ctx.index.officer(officerId);
  const unit = officer ? (ctx.unitName(officer.unitId) ?? "") : "";
  return t("reminders.relay.for_officer", { name: officer?.name ?? officerId, unit });
}

function toPlanned(
  ctx: DeliveryContext,
  route: Route,
  d: { dedupeKey: string; kind: string; officerId: string | null; fallbackLocale?: string; withRelayLine?: boolean },
  word: (t: Translate, maxChars: number) => OutboundMessage,
): PlannedDelivery {
  if (route.type === "none") return { ok: false, dedupeKey: d.dedupeKey, note: route.note };
  const t = ctx.translator(route.locale ?? d.fallbackLocale ?? ctx.defaultLocale);
  const isRelay = route.type === "relay";
  const message = word(t, isRelay ? MAX_CHARS - RELAY_ROOM : MAX_CHARS);
  if (isRelay && d.officerId && d.withRelayLine !== false) message.text = `${relayLine(ctx, d.officerId, t)}\n${message.text}`;
  const delivery: NewDelivery = { dedupeKey: d.dedupeKey, recipient: route.address, kind: d.kind, message, officerId: d.officerId, campaignId: ctx.campaignId };
  if (route.note) delivery.note = route.note;
  return { ok: true, delivery, relayed: isRelay };
}

/** The outbox row of one planned reminder (same dedupe key whatever the route). */
export function reminderDelivery(r: DueReminder, ctx: DeliveryContext): PlannedDelivery {
  const isGroup = r.recipient.type === "group";
  const route = isGroup ? routeToGroup(ctx.index, r.recipient.id, ctx.policy) : routeToOfficer(ctx.index, r.recipient.id, ctx.now, ctx.policy);
  const d = { dedupeKey: r.dedupeKey, kind: `reminder.${r.kind}`, officerId: isGroup ? null : r.recipient.id, fallbackLocale: r.recipient.locale };
  return toPlanned(ctx, route, d, (t, maxChars) => renderReminder(r, t, { maxChars }));
}

/**
 * The board's notice of deadlines that fall on a day off: one message per board officer and board group, keyed by
 * the set of deadlines it lists, so a repeated pass cannot send it twice.
 */
export function holidayFlagDeliveries(
  campaignCode: string,
  flags: readonly HolidayDeadlineFlag[],
  recipients: Pick<ReminderRecipients, "board" | "groups">,
  ctx: DeliveryContext,
): PlannedDelivery[] {
  const codes = flags.map((f) => f.deadlineCode).join("+");
  const set = codes.length > 80 ? noticeKeyFor(codes) : codes;
  const word = (t: Translate) => renderHolidayFlags(flags, t);
  const out: PlannedDelivery[] = [];
  for (const b of recipients.board) {
    const route = routeToOfficer(ctx.index, b.id, ctx.now, ctx.policy);
    const d = { dedupeKey: `${campaignCode}:holiday-flag:${set}:o.${b.id}`, kind: "reminder.holiday_flag", officerId: b.id, fallbackLocale: b.locale };
    out.push(toPlanned(ctx, route, d, word));
  }
  for (const g of recipients.groups.filter((x) => x.scope === "board")) {
    const d = { dedupeKey: `${campaignCode}:holiday-flag:${set}:g.${g.id}`, kind: "reminder.holiday_flag", officerId: null };
    out.push(toPlanned(ctx, routeToGroup(ctx.index, g.id, ctx.policy), d, word));
  }
  return out;
}

/** "k:q1:o.42:pre-3d~2" → ["k:q1:o.42:pre-3d", 2]. */
export function splitRerouteKey(key: string): [string, number] {
  const m = /^(.*)~(\d+)$/.exec(key);
  return m ? [m[1] as string, Number(m[2])] : [key, 0];
}

/**
 * The next attempt for a reminder whose recipient was unreachable: another path that was not tried yet, under the
 * key `<base>~<n>` (deterministic, so two instances re-routing at once still send it once). null when no path is
 * left or after MAX_REROUTES: the unreachable outbox row (status, lastError) then stays as the record.
 */
export function rerouteDelivery(row: UnreachableReminder, tried: readonly string[], ctx: DeliveryContext): PlannedDelivery | null {
  const [base, n] = splitRerouteKey(row.dedupeKey);
  if (n >= MAX_REROUTES) return null;
  const route = routeToOfficer(ctx.index, row.officerId, ctx.now, ctx.policy, new Set([...tried, row.recipient]));
  const dedupeKey = `${base}~${n + 1}`;
  if (route.type === "none") return null;
  // The stored text is already worded; the relay line is added once, when the reminder first leaves the officer.
  const withRelayLine = !(row.note?.includes("relay=") ?? false);
  const d = { dedupeKey, kind: row.kind, officerId: row.officerId, withRelayLine };
  const planned = toPlanned(ctx, route, d, () => ({ ...row.message }));
  if (planned.ok) planned.delivery.note = `unreachable=${row.recipient}; ${planned.delivery.note ?? "direct"}`;
  return planned;
}
