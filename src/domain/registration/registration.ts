/**
 * @module Đăng ký thi đua (a unit's registration for a campaign): what a registration holds, its versions and
 * statuses, who may draft and decide it, the registration deadline and the receipt number. Pure.
 *
 * Life of a version: the unit's focal officer drafts → `pending` (waits for the unit head) → the head approves →
 * `submitted` (a receipt number is issued; the previous submitted version becomes `superseded`) or rejects →
 * `rejected` (with a reason). A newer draft sent while one is pending makes the older one `withdrawn`.
 */
import type { DeadlineDef, UnitKind } from "../campaigns/campaign";
import { instantFromLocal } from "../calendar/zoned-time";
import type { Officer } from "../organisation/organisation";

export type RegistrationStatus = "pending" | "submitted" | "rejected" | "superseded" | "withdrawn";

/** A unit-level target the unit commits to, in the indicator's own measure (never converted). */
export interface Commitment {
  indicatorCode: string;
  value: number;
  /** The indicator's measure at the time of registration ("tỷ đồng", "%"…). */
  measure: string;
}

/** One person registered for one individual title ("Nguyễn Văn An – Lao động tiên tiến"). */
export interface IndividualRegistration {
  name: string;
  titleId: string;
}

/** What a unit registers: collective titles/forms, commitments on indicators, individuals. */
export interface RegistrationContent {
  /** Ids of the collective titles and forms (see title-catalog.ts). */
  titles: string[];
  commitments: Commitment[];
  individuals: IndividualRegistration[];
}

/** One stored version of a unit's registration. */
export interface Registration extends RegistrationContent {
  id: string;
  campaignId: string;
  unitId: string;
  version: number;
  status: RegistrationStatus;
  /** Officer who drafted this version. */
  draftedBy: string;
  /** Officer who approved or rejected it (unit head or board). */
  decidedBy: string | null;
  receiptNo: string | null;
  /** Why this version exists (a change after submission) or, once rejected, why it was rejected. */
  reason: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  supersededAt: Date | null;
}

/** The version in force: the newest submitted one. `history` may be in any order. */
export function currentRegistration(history: readonly Registration[]): Registration | undefined {
  return newest(history.filter((r) => r.status === "submitted"));
}

/** The version waiting for the unit head, if any. */
export function pendingRegistration(history: readonly Registration[]): Registration | undefined {
  return newest(history.filter((r) => r.status === "pending"));
}

/** The newest version whatever its status (to prefill a new draft after a rejection). */
export function latestRegistration(history: readonly Registration[]): Registration | undefined {
  return newest([...history]);
}

function newest(rows: Registration[]): Registration | undefined {
  return rows.sort((a, b) => b.version - a.version)[0];
}

/** The campaign's registration deadline (kind `registration`), if the plan has one. */
export function registrationDeadline(deadlines: readonly DeadlineDef[]): DeadlineDef | undefined {
  return deadlines.find((d) => d.kind === "registration");
}

/** The campaign's pledge deadline (kind `pledge`), if the plan has one. */
export function pledgeDeadline(deadlines: readonly DeadlineDef[]): DeadlineDef | undefined {
  return deadlines.find((d) => d.kind === "pledge");
}

/** The instant a deadline falls due, reading its local time in `timeZone`. */
export function deadlineInstant(deadline: DeadlineDef, timeZone: string): Date {
  return instantFromLocal(deadline.due, timeZone);
}

/** Whether `now` is after the due instant (no deadline = never late). */
export function isPastDeadline(dueAt: Date | null | undefined, now: Date): boolean {
  return dueAt !== null && dueAt !== undefined && now.getTime() > dueAt.getTime();
}

/** Units that must register: every unit but the board itself, limited to the deadline's unit kinds if it names any. */
export function mustRegister(unit: { kind: UnitKind }, deadline?: Pick<DeadlineDef, "unitKinds">): boolean {
  if (unit.kind === "board") return false;
  return !deadline?.unitKinds || deadline.unitKinds.includes(unit.kind);
}

/** Who may draft a unit's registration: any officer of the unit, or the board on the unit's behalf. */
export function canDraftFor(officer: Officer, unitId: string): boolean {
  return officer.role === "board" || officer.unitId === unitId;
}

/**
 * Who may approve a pending version: the unit's head before the deadline; after it, only the board
 * (QĐ 24/2018 leaves late registrations to the Ban Thi đua – Khen thưởng).
 */
export function canApprove(officer: Officer, reg: Pick<Registration, "unitId">, pastDeadline: boolean): boolean {
  if (officer.role === "board") return true;
  return officer.role === "unit_head" && officer.unitId === reg.unitId && !pastDeadline;
}

/** Who may reject a pending version: the unit's head (also after the deadline) or the board. */
export function canReject(officer: Officer, reg: Pick<Registration, "unitId">): boolean {
  return officer.role === "board" || (officer.role === "unit_head" && officer.unitId === reg.unitId);
}

/** Whether the drafter's own sending is final (a unit head or the board needs nobody else's approval). */
export function isSelfApproving(officer: Officer, unitId: string): boolean {
  return officer.role === "board" || (officer.role === "unit_head" && officer.unitId === unitId);
}

/** Receipt prefix of a campaign year: "DK-2021-". */
export function receiptPrefix(year: number): string {
  return `DK-${year}-`;
}

/** Receipt number "DK-2021-0007" from the prefix and a 1-based sequence. */
export function formatReceiptNo(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(4, "0")}`;
}

/** The next receipt sequence given the receipt numbers already issued under `prefix`. */
export function nextReceiptSeq(prefix: string, issued: readonly (string | null)[]): number {
  let max = 0;
  for (const r of issued) {
    if (!r?.startsWith(prefix)) continue;
    const n = Number(r.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}

/** Whether two contents register the same things (order of titles/lines does not matter). */
export function sameContent(a: RegistrationContent, b: RegistrationContent): boolean {
  const key = (c: RegistrationContent) =>
    JSON.stringify([
      [...c.titles].sort(),
      c.commitments.map((x) => `${x.indicatorCode}=${x.value}`).sort(),
      c.individuals.map((x) => `${x.name.toLowerCase()}|${x.titleId}`).sort(),
    ]);
  return key(a) === key(b);
}

/** An empty draft. */
export function emptyContent(): RegistrationContent {
  return { titles: [], commitments: [], individuals: [] };
}
