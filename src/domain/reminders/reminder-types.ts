/**
 * @module Types of the reminder engine: who can be reminded (units, officers, clusters, board, bound groups), the
 * reminders a pass produces (DueReminder), and what it skipped. Plain data; storage maps its rows into these.
 */
import type { DeadlineKind, UnitKind } from "../campaigns/campaign.js";

/** A person the bot can message. `addresses` are serialised ChannelAddress strings ("telegram:123"). */
export interface ReminderContact {
  id: string;
  name?: string;
  addresses?: string[];
  locale?: string;
}

/** An officer of a unit: the reporting officer (cán bộ đầu mối) or the unit head (thủ trưởng đơn vị). */
export interface UnitOfficer extends ReminderContact {
  role: "officer" | "unit_head";
}

/** A unit (đơn vị) as the reminder engine needs it. */
export interface ReminderUnit {
  id: string;
  name: string;
  kind: UnitKind;
  /** Clusters/blocks (cụm/khối thi đua) the unit belongs to. */
  clusterIds: string[];
  officers: UnitOfficer[];
  /** Codes of the deadlines for which the unit has submitted what was asked: no more reminders for those. */
  submittedDeadlineCodes: readonly string[];
}

/** A cluster or block (cụm/khối thi đua) and its leaders (trưởng cụm/khối). */
export interface ReminderCluster {
  id: string;
  name: string;
  leaders: ReminderContact[];
}

/** A group chat bound to a unit, a cluster or the board; it receives digests (who has / has not submitted). */
export interface ReminderGroup {
  id: string;
  scope: "unit" | "cluster" | "board";
  /** Unit id or cluster id; absent for board groups. */
  scopeId?: string;
  addresses?: string[];
  locale?: string;
}

/** Everyone the engine may remind for one campaign. */
export interface ReminderRecipients {
  units: ReminderUnit[];
  clusters: ReminderCluster[];
  /** Officers of the Ban Thi đua – Khen thưởng: the last rung of the escalation ladder. */
  board: ReminderContact[];
  groups: ReminderGroup[];
}

/**
 * pre_due: countdown to the unit's officers; overdue: first rung after the due time (the unit's officers);
 * escalation_unit_head / escalation_cluster / escalation_board: later rungs; group_digest: who has / has not
 * submitted, posted to a bound group with an acknowledgement button.
 */
export type ReminderKind =
  | "pre_due"
  | "overdue"
  | "escalation_unit_head"
  | "escalation_cluster"
  | "escalation_board"
  | "group_digest";

/** One step of a deadline's schedule: a countdown offset or an escalation level. */
export type ReminderStep =
  | { type: "pre_due"; offsetDays: number; key: string }
  | { type: "escalation"; level: number; key: string };

/** A unit as listed in a message. */
export interface UnitRef {
  id: string;
  name: string;
}

/** Everything a renderer needs to word a reminder; no figures, ever. */
export interface ReminderParams {
  campaignCode: string;
  deadlineCode: string;
  deadlineTitle: string;
  deadlineKind: DeadlineKind;
  period: string | null;
  /** Local due date-time "YYYY-MM-DDTHH:mm" in the campaign's time zone. */
  dueLocal: string;
  /** Local date-time at which the reminder is scheduled. */
  scheduledLocal: string;
  /** Calendar days from the scheduled day to the due day (0 = due today; negative once overdue). */
  daysLeft: number;
  /** Whole hours past the due time at the scheduled instant (0 before it). */
  hoursOverdue: number;
  /** The recipient's own units (officer, unit head messages). */
  units: UnitRef[];
  /** Units in scope that have not submitted (escalations to cluster/board, digests). */
  missingUnits: UnitRef[];
  /** Units in scope that have submitted (digests only). */
  submittedUnits: UnitRef[];
  /** Number of units in scope (digests and cluster/board escalations). */
  totalUnits: number;
  /** Clusters in scope (cluster escalations and cluster digests). */
  clusters: UnitRef[];
  /** Escalation level 0–3 for escalation steps. */
  level?: number;
}

/** Where a reminder goes. */
export interface ReminderRecipient {
  type: "officer" | "group";
  /** Officer id or group id. */
  id: string;
  addresses: string[];
  locale?: string;
}

/** One reminder the outbox should send exactly once. */
export interface DueReminder {
  /** campaign:deadline:recipient:step, e.g. "kg-2021:q1-report:o.42:pre-3d"; the outbox's idempotency key. */
  dedupeKey: string;
  campaignCode: string;
  deadlineCode: string;
  step: ReminderStep;
  kind: ReminderKind;
  recipient: ReminderRecipient;
  /** When it should go out: always inside the sending window on a working day. */
  scheduledAt: Date;
  /** The time before quiet-hour/holiday shifting. */
  nominalAt: Date;
  params: ReminderParams;
  /** Short key for acknowledgements; the digest's button carries `ack:<noticeKey>`. */
  noticeKey?: string;
}

/** Why a step that fell due was not sent. */
export type SkipReason =
  /** A later step of the same ladder is due too: send only the latest. */
  | "superseded"
  /** A countdown whose deadline has already passed. */
  | "past_due"
  /** A countdown step late after downtime while the next countdown step follows within minGapHours. */
  | "next_step_imminent"
  /** Late by more than staleAfterHours. */
  | "too_old";

/** A reminder that fell due in this pass's window but was judged stale. */
export interface SkippedReminder {
  dedupeKey: string;
  deadlineCode: string;
  stepKey: string;
  kind: ReminderKind;
  recipientId: string;
  scheduledAt: Date;
  reason: SkipReason;
}
