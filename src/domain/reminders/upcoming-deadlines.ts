/**
 * @module /nhacnho: an officer's upcoming (and still-open overdue) deadlines and what is still missing, seen
 * through every role they hold: their own units, the clusters they lead, the whole province for the board.
 */
import type { DeadlineDef, DeadlineKind } from "../campaigns/campaign.js";
import type { WorkingCalendar } from "../calendar/working-calendar.js";
import { instantFromLocal, localDateOf, localDaysBetween } from "../calendar/zoned-time.js";
import { audienceFor, indexRecipients } from "./reminder-fanout.js";
import type { ReminderRecipients, ReminderUnit, UnitRef } from "./reminder-types.js";

/** The roles through which an officer sees a deadline. */
export type UpcomingRole = "officer" | "unit_head" | "cluster_leader" | "board";

/** One line of /nhacnho. */
export interface UpcomingDeadline {
  deadlineCode: string;
  title: string;
  kind: DeadlineKind;
  period: string | null;
  /** Local due date-time "YYYY-MM-DDTHH:mm". */
  dueLocal: string;
  dueAt: Date;
  /** Calendar days from today to the due day (negative when overdue). */
  daysLeft: number;
  isOverdue: boolean;
  /** The due date is a weekend or holiday (known when a calendar is given). */
  onNonWorkingDay: boolean;
  roles: UpcomingRole[];
  /** The officer's own units and whether each has submitted. */
  myUnits: Array<UnitRef & { submitted: boolean }>;
  /** Units in the officer's whole scope that have not submitted. */
  missingUnits: UnitRef[];
  /** Units in the officer's whole scope that must submit. */
  totalUnits: number;
}

/** Input of upcomingForOfficer. */
export interface UpcomingInput {
  at: Date;
  officerId: string;
  timeZone: string;
  calendar?: WorkingCalendar;
  deadlines: readonly DeadlineDef[];
  recipients: ReminderRecipients;
  /** Deadlines due within this many days are listed (default 45). */
  horizonDays?: number;
  /** Overdue deadlines still missing something are listed for this many days (default 30). */
  overdueDays?: number;
}

interface Scope {
  roles: Set<UpcomingRole>;
  own: Set<string>;
  all: Set<string> | "everything";
}

function scopeOf(officerId: string, r: ReminderRecipients): Scope {
  const roles = new Set<UpcomingRole>();
  const own = new Set<string>();
  const all = new Set<string>();
  for (const u of r.units) {
    for (const o of u.officers) {
      if (o.id !== officerId) continue;
      roles.add(o.role);
      own.add(u.id);
      all.add(u.id);
    }
  }
  const led = new Set(r.clusters.filter((c) => c.leaders.some((l) => l.id === officerId)).map((c) => c.id));
  if (led.size > 0) roles.add("cluster_leader");
  for (const u of r.units) if (u.clusterIds.some((c) => led.has(c))) all.add(u.id);
  const isBoard = r.board.some((b) => b.id === officerId);
  if (isBoard) roles.add("board");
  return { roles, own, all: isBoard ? "everything" : all };
}

/** The officer's deadlines from `overdueDays` ago to `horizonDays` ahead, soonest first. */
export function upcomingForOfficer(input: UpcomingInput): UpcomingDeadline[] {
  const scope = scopeOf(input.officerId, input.recipients);
  if (scope.roles.size === 0) return [];
  const index = indexRecipients(input.recipients);
  const today = localDateOf(input.at, input.timeZone);
  const inScope = (u: ReminderUnit) => scope.all === "everything" || scope.all.has(u.id);
  const out: UpcomingDeadline[] = [];
  for (const d of input.deadlines) {
    const dueAt = instantFromLocal(d.due, input.timeZone);
    const daysLeft = localDaysBetween(today, d.due.slice(0, 10));
    if (daysLeft > (input.horizonDays ?? 45) || daysLeft < -(input.overdueDays ?? 30)) continue;
    const audience = audienceFor(d, index);
    const required = audience.required.filter(inScope);
    if (required.length === 0) continue;
    const missing = required.filter((u) => audience.missingIds.has(u.id));
    const isOverdue = dueAt.getTime() <= input.at.getTime();
    if (isOverdue && missing.length === 0) continue;
    out.push({
      deadlineCode: d.code,
      title: d.title,
      kind: d.kind,
      period: d.period,
      dueLocal: d.due.slice(0, 16),
      dueAt,
      daysLeft,
      isOverdue,
      onNonWorkingDay: input.calendar ? !input.calendar.isWorkingDay(d.due.slice(0, 10)) : false,
      roles: [...scope.roles],
      myUnits: required
        .filter((u) => scope.own.has(u.id))
        .map((u) => ({ id: u.id, name: u.name, submitted: !audience.missingIds.has(u.id) })),
      missingUnits: missing.map((u) => ({ id: u.id, name: u.name })),
      totalUnits: required.length,
    });
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.deadlineCode.localeCompare(b.deadlineCode));
}
