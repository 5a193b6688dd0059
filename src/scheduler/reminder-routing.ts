/**
 * @module Where one reminder goes. Pure: it picks, for an officer, one address that may be used now, or an allowed
 * path instead, and says why in a note the outbox row keeps (nothing is dropped silently).
 *
 * - An account is usable when its channel has a sender, it is not marked unreachable since its last interaction, it
 *   was not tried already for this reminder, and, on a Zalo OA ("zalo"), its user interacted within the window in
 *   which the OA may message them (7 days; free within 48 h: zalo.md §1.2).
 * - Among usable accounts a free one wins over a billed Zalo one, then the most recent interaction wins.
 * - Without a usable account: the officer's bound unit group (the board group for board officers), then a unit
 *   head of the officer's unit, with a line saying whom the reminder is for. Otherwise the route is "none".
 */
import type { GroupBinding } from "../domain/organisation/account-repository";
import type { ChannelAccount, Officer } from "../domain/organisation/organisation";
import type { ContactBook } from "../conversation/flows/reminder-store";

/** The Zalo Official Account channel, whose 7-day messaging window applies. */
export const ZALO_OA_CHANNEL = "zalo";

/** What routing depends on besides the contacts. */
export interface RoutingPolicy {
  /** Channels with a configured sender. */
  channels: ReadonlySet<string>;
  /** Hours after a user's last interaction during which a Zalo OA may message them (default 168 = 7 days). */
  zaloWindowHours?: number;
  /** Hours after the last interaction during which those messages are free (default 48). */
  zaloFreeHours?: number;
}

/** How a relayed reminder reached someone else. */
export type RelayPath = "unit_group" | "board_group" | "unit_head";

/** The chosen path. `note` is kept on the outbox row. */
export type Route =
  | { type: "direct"; address: string; locale: string | null; note: string | null }
  | { type: "relay"; address: string; locale: string | null; via: RelayPath; note: string }
  | { type: "none"; note: string };

/** Contacts indexed once per pass. */
export interface ContactIndex {
  officer(id: string): Officer | undefined;
  accounts(officerId: string): ChannelAccount[];
  group(id: string): GroupBinding | undefined;
  unitGroups(unitId: string): GroupBinding[];
  boardGroups(): GroupBinding[];
  heads(unitId: string): Officer[];
}

const HOUR_MS = 3_600_000;

function multiMap<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

/** Indexes a contact book; accounts are kept most recent interaction first. */
export function indexContacts(book: ContactBook): ContactIndex {
  const officers = new Map(book.officers.map((o) => [o.id, o]));
  const recent = [...book.accounts].sort((a, b) => (b.lastInteractionAt?.getTime() ?? 0) - (a.lastInteractionAt?.getTime() ?? 0));
  const accounts = multiMap(recent, (a) => a.officerId);
  const groups = new Map(book.groups.map((g) => [g.id, g]));
  const unitGroups = multiMap(book.groups.filter((g) => !g.isBoard && !g.clusterId), (g) => g.unitId);
  const boardGroups = book.groups.filter((g) => g.isBoard);
  const heads = multiMap(book.officers.filter((o) => o.role === "unit_head"), (o) => o.unitId);
  return {
    officer: (id) => officers.get(id),
    accounts: (id) => accounts.get(id) ?? [],
    group: (id) => groups.get(id),
    unitGroups: (id) => unitGroups.get(id) ?? [],
    boardGroups: () => boardGroups,
    heads: (id) => heads.get(id) ?? [],
  };
}

export const privateAddress = (a: Pick<ChannelAccount, "platform" | "chatId">): string => `${a.platform}:${a.chatId}`;
export const groupAddress = (g: Pick<GroupBinding, "platform" | "chatId">): string => `${g.platform}:g:${g.chatId}`;

interface Verdict {
  account: ChannelAccount;
  address: string;
  usable: boolean;
  billed: boolean;
  /** Why an account was passed over (recorded in the note). */
  reason?: string;
}

function judge(account: ChannelAccount, now: Date, policy: RoutingPolicy, exclude: ReadonlySet<string>): Verdict {
  const address = privateAddress(account);
  const verdict = (reason?: string, billed = false): Verdict => ({ account, address, usable: reason === undefined, billed, reason });
  if (exclude.has(address)) return verdict("failed_before");
  if (!policy.channels.has(account.platform)) return verdict("channel_off");
  const last = account.lastInteractionAt?.getTime() ?? null;
  if (account.unreachableAt && (last === null || last <= account.unreachableAt.getTime())) return verdict("unreachable");
  if (account.platform !== ZALO_OA_CHANNEL) return verdict();
  const age = last === null ? Infinity : now.getTime() - last;
  if (age > (policy.zaloWindowHours ?? 168) * HOUR_MS) return verdict("zalo_window_closed");
  return verdict(undefined, age > (policy.zaloFreeHours ?? 48) * HOUR_MS);
}

function describe(v: Verdict): string {
  const last = v.account.lastInteractionAt ? `@${v.account.lastInteractionAt.toISOString()}` : "";
  return `${v.reason}=${v.address}${last}`;
}

/** The officer's own best address, and notes on the accounts passed over. */
function ownAddress(index: ContactIndex, officer: Officer, now: Date, policy: RoutingPolicy, exclude: ReadonlySet<string>) {
  const verdicts = index.accounts(officer.id).map((a) => judge(a, now, policy, exclude));
  const notes = verdicts.filter((v) => v.reason === "zalo_window_closed" || v.reason === "unreachable").map(describe);
  const usable = verdicts.filter((v) => v.usable).sort((a, b) => Number(a.billed) - Number(b.billed));
  const pick = usable[0];
  if (pick?.billed) notes.push(`zalo_billed_window=${pick.address}`);
  return { pick, notes };
}

function joinNotes(notes: readonly string[]): string | null {
  return notes.length > 0 ? notes.join("; ") : null;
}

/** Routes a reminder meant for `officerId`. `exclude` lists addresses that failed already. */
export function routeToOfficer(index: ContactIndex, officerId: string, now: Date, policy: RoutingPolicy, exclude: ReadonlySet<string> = new Set()): Route {
  const officer = index.officer(officerId);
  if (!officer) return { type: "none", note: `unknown_officer=${officerId}` };
  const own = ownAddress(index, officer, now, policy, exclude);
  if (own.pick) {
    return { type: "direct", address: own.pick.address, locale: own.pick.account.locale ?? officer.locale, note: joinNotes(own.notes) };
  }
  const why = own.notes.length > 0 ? own.notes : ["no_usable_account"];
  const groups = officer.role === "board" ? index.boardGroups() : index.unitGroups(officer.unitId);
  for (const g of groups) {
    const address = groupAddress(g);
    if (!policy.channels.has(g.platform) || exclude.has(address)) continue;
    const via: RelayPath = officer.role === "board" ? "board_group" : "unit_group";
    return { type: "relay", address, locale: null, via, note: [...why, `relay=${via}:${address}`].join("; ") };
  }
  for (const head of index.heads(officer.unitId)) {
    if (head.id === officer.id) continue;
    const viaHead = ownAddress(index, head, now, policy, exclude).pick;
    if (!viaHead) continue;
    const note = [...why, `relay=unit_head:${head.id}:${viaHead.address}`].join("; ");
    return { type: "relay", address: viaHead.address, locale: viaHead.account.locale ?? head.locale, via: "unit_head", note };
  }
  return { type: "none", note: [...why, "no_fallback_path"].join("; ") };
}

/** Routes a digest to a bound group. */
export function routeToGroup(index: ContactIndex, groupId: string, policy: RoutingPolicy, exclude: ReadonlySet<string> = new Set()): Route {
  const g = index.group(groupId);
  if (!g) return { type: "none", note: `unknown_group=${groupId}` };
  const address = groupAddress(g);
  if (!policy.channels.has(g.platform)) return { type: "none", note: `channel_off=${address}` };
  if (exclude.has(address)) return { type: "none", note: `failed_before=${address}` };
  return { type: "direct", address, locale: null, note: null };
}
