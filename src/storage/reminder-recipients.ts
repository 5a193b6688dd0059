/**
 * @module Maps stored organisation rows to the reminder engine's ReminderRecipients. Pure; the rules:
 * - the audience is every active unit except those of kind "board" (the Ban TĐKT runs the campaign and is the last
 *   rung of the escalation ladder, not a unit that reports to itself);
 * - a unit's officers are its active officers with role "officer" (cán bộ đầu mối) or "unit_head" (thủ trưởng);
 * - a cluster's leaders are the "cluster_leader" officers of its leader unit, or that unit's heads when it has none
 *   (the trưởng cụm/khối is the head of the leading unit);
 * - the board is every officer with role "board", and every officer of a unit of kind "board" (its head included);
 * - addresses are the officer's linked chat accounts, most recent interaction first (delivery routing then applies
 *   the Zalo window and fallbacks);
 * - a group bound to the board, a cluster or a unit becomes a board, cluster or unit group.
 */
import type { UnitKind } from "../domain/campaigns/campaign";
import type { ChannelAccount, Officer } from "../domain/organisation/organisation";
import type { ReminderContact, ReminderGroup, ReminderRecipients, ReminderUnit, UnitOfficer } from "../domain/reminders/reminder-types";
import type { ContactBook } from "../conversation/flows/reminder-store";

/** What buildRecipients reads. */
export interface RecipientRows {
  units: Array<{ id: string; name: string; kind: UnitKind; clusterIds: string[] }>;
  clusters: Array<{ id: string; name: string; leaderUnitId: string | null }>;
  contacts: ContactBook;
  /** Deadline codes each unit has submitted, by unit id. */
  submitted: ReadonlyMap<string, readonly string[]>;
}

/** Most recent interaction first; accounts that never interacted last. */
export function byRecentInteraction(a: ChannelAccount, b: ChannelAccount): number {
  return (b.lastInteractionAt?.getTime() ?? 0) - (a.lastInteractionAt?.getTime() ?? 0);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function contactOf(o: Officer, accounts: ReadonlyMap<string, ChannelAccount[]>): ReminderContact {
  const c: ReminderContact = {
    id: o.id,
    name: o.name,
    addresses: (accounts.get(o.id) ?? []).map((a) => `${a.platform}:${a.chatId}`),
  };
  if (o.locale) c.locale = o.locale;
  return c;
}

function groupOf(g: ContactBook["groups"][number]): ReminderGroup | null {
  const base = { id: g.id, addresses: [`${g.platform}:g:${g.chatId}`] };
  if (g.isBoard) return { ...base, scope: "board" };
  if (g.clusterId) return { ...base, scope: "cluster", scopeId: g.clusterId };
  if (g.unitId) return { ...base, scope: "unit", scopeId: g.unitId };
  return null;
}

/** Builds the reminder audience of one campaign. */
export function buildRecipients(rows: RecipientRows): ReminderRecipients {
  const accounts = groupBy([...rows.contacts.accounts].sort(byRecentInteraction), (a) => a.officerId);
  const officersByUnit = groupBy(rows.contacts.officers, (o) => o.unitId);
  const contact = (o: Officer) => contactOf(o, accounts);
  const boardUnits = new Set(rows.units.filter((u) => u.kind === "board").map((u) => u.id));
  const units: ReminderUnit[] = rows.units
    .filter((u) => u.kind !== "board")
    .map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      clusterIds: u.clusterIds,
      officers: (officersByUnit.get(u.id) ?? [])
        .filter((o) => o.role === "officer" || o.role === "unit_head")
        .map((o): UnitOfficer => ({ ...contact(o), role: o.role as UnitOfficer["role"] })),
      submittedDeadlineCodes: rows.submitted.get(u.id) ?? [],
    }));
  const clusters = rows.clusters.map((c) => {
    const staff = c.leaderUnitId ? (officersByUnit.get(c.leaderUnitId) ?? []) : [];
    const leaders = staff.filter((o) => o.role === "cluster_leader");
    return { id: c.id, name: c.name, leaders: (leaders.length > 0 ? leaders : staff.filter((o) => o.role === "unit_head")).map(contact) };
  });
  return {
    units,
    clusters,
    board: rows.contacts.officers.filter((o) => o.role === "board" || boardUnits.has(o.unitId)).map(contact),
    groups: rows.contacts.groups.map(groupOf).filter((g): g is ReminderGroup => g !== null),
  };
}
