/**
 * @module From one scheduled step of one deadline to the reminders of every recipient: the unit's officers
 * (countdown, overdue), unit heads, cluster leaders, the board, and the bound groups' digests. Units that have
 * submitted what the deadline asks get nothing more; one person gets one message per step even when they serve
 * several units or clusters (their units are listed together).
 */
import type { DeadlineDef } from "../campaigns/campaign.js";
import { localDateOf, localDateTimeOf, localDaysBetween } from "../calendar/zoned-time.js";
import { noticeKeyFor } from "./notice-key.js";
import type { ScheduledStep } from "./reminder-schedule.js";
import type {
  DueReminder,
  ReminderContact,
  ReminderGroup,
  ReminderKind,
  ReminderParams,
  ReminderRecipients,
  ReminderUnit,
  UnitRef,
} from "./reminder-types.js";

/** Recipients indexed once per pass. */
export interface RecipientIndex {
  recipients: ReminderRecipients;
  refs: Map<string, UnitRef>;
  groupsByScope: Map<string, ReminderGroup[]>;
}

/** Who a deadline concerns and where they stand. */
export interface DeadlineAudience {
  required: ReminderUnit[];
  missing: ReminderUnit[];
  missingIds: Set<string>;
  /** Required units by cluster id. */
  byCluster: Map<string, ReminderUnit[]>;
}

const KIND_BY_LEVEL: ReminderKind[] = ["overdue", "escalation_unit_head", "escalation_cluster", "escalation_board"];
const HOUR_MS = 3_600_000;

const scopeKey = (scope: ReminderGroup["scope"], id: string | undefined): string => `${scope}:${id ?? ""}`;

/** Indexes recipients for fast fan-out. */
export function indexRecipients(recipients: ReminderRecipients): RecipientIndex {
  const refs = new Map(recipients.units.map((u) => [u.id, { id: u.id, name: u.name }]));
  const groupsByScope = new Map<string, ReminderGroup[]>();
  for (const g of recipients.groups) {
    const key = scopeKey(g.scope, g.scope === "board" ? undefined : g.scopeId);
    groupsByScope.set(key, [...(groupsByScope.get(key) ?? []), g]);
  }
  return { recipients, refs, groupsByScope };
}

/** Units that must submit for `deadline` (its unitKinds, or all) and those that have not yet. */
export function audienceFor(deadline: DeadlineDef, index: RecipientIndex): DeadlineAudience {
  const kinds = deadline.unitKinds && deadline.unitKinds.length > 0 ? new Set(deadline.unitKinds) : null;
  const required = index.recipients.units.filter((u) => !kinds || kinds.has(u.kind));
  const missing = required.filter((u) => !u.submittedDeadlineCodes.includes(deadline.code));
  const byCluster = new Map<string, ReminderUnit[]>();
  for (const u of required) {
    for (const c of u.clusterIds) {
      const list = byCluster.get(c);
      if (list) list.push(u);
      else byCluster.set(c, [u]);
    }
  }
  return { required, missing, missingIds: new Set(missing.map((u) => u.id)), byCluster };
}

/** Inputs of one fan-out. */
export interface FanOutInput {
  campaignCode: string;
  deadline: DeadlineDef;
  dueAt: Date;
  scheduled: ScheduledStep;
  audience: DeadlineAudience;
  index: RecipientIndex;
  timeZone: string;
}

type Base = Omit<ReminderParams, "units" | "missingUnits" | "submittedUnits" | "totalUnits" | "clusters">;

function baseParams(input: FanOutInput): Base {
  const { deadline, scheduled, timeZone } = input;
  const base: Base = {
    campaignCode: input.campaignCode,
    deadlineCode: deadline.code,
    deadlineTitle: deadline.title,
    deadlineKind: deadline.kind,
    period: deadline.period,
    dueLocal: localDateTimeOf(input.dueAt, timeZone),
    scheduledLocal: localDateTimeOf(scheduled.at, timeZone),
    daysLeft: localDaysBetween(localDateOf(scheduled.at, timeZone), deadline.due.slice(0, 10)),
    hoursOverdue: Math.max(0, Math.floor((scheduled.at.getTime() - input.dueAt.getTime()) / HOUR_MS)),
  };
  if (scheduled.step.type === "escalation") base.level = scheduled.step.level;
  return base;
}

function makeReminder(
  input: FanOutInput,
  kind: ReminderKind,
  to: { type: "officer" | "group"; contact: ReminderContact | ReminderGroup },
  params: ReminderParams,
): DueReminder {
  const { scheduled } = input;
  const token = to.type === "officer" ? "o" : "g";
  const dedupeKey = `${input.campaignCode}:${input.deadline.code}:${token}.${to.contact.id}:${scheduled.step.key}`;
  const recipient: DueReminder["recipient"] = { type: to.type, id: to.contact.id, addresses: to.contact.addresses ?? [] };
  if (to.contact.locale !== undefined) recipient.locale = to.contact.locale;
  const r: DueReminder = {
    dedupeKey,
    campaignCode: input.campaignCode,
    deadlineCode: input.deadline.code,
    step: scheduled.step,
    kind,
    recipient,
    scheduledAt: scheduled.at,
    nominalAt: scheduled.nominalAt,
    params,
  };
  if (kind === "group_digest") r.noticeKey = noticeKeyFor(dedupeKey);
  return r;
}

/** Collects, per person, the units they are reminded about. */
function byPerson(units: ReminderUnit[], pick: (u: ReminderUnit) => ReminderContact[], index: RecipientIndex) {
  const people = new Map<string, { contact: ReminderContact; units: UnitRef[] }>();
  for (const u of units) {
    const ref = index.refs.get(u.id) as UnitRef;
    for (const c of pick(u)) {
      const entry = people.get(c.id);
      if (entry) entry.units.push(ref);
      else people.set(c.id, { contact: c, units: [ref] });
    }
  }
  return people;
}

const officersOf = (u: ReminderUnit): ReminderContact[] => {
  const officers = u.officers.filter((o) => o.role === "officer");
  return officers.length > 0 ? officers : u.officers.filter((o) => o.role === "unit_head");
};
const headsOf = (u: ReminderUnit): ReminderContact[] => u.officers.filter((o) => o.role === "unit_head");

function unitLevelReminders(input: FanOutInput, base: Base, kind: ReminderKind, pick: typeof officersOf): DueReminder[] {
  const out: DueReminder[] = [];
  for (const { contact, units } of byPerson(input.audience.missing, pick, input.index).values()) {
    const params = { ...base, units, missingUnits: units, submittedUnits: [], totalUnits: units.length, clusters: [] };
    out.push(makeReminder(input, kind, { type: "officer", contact }, params));
  }
  return out;
}

function clusterScope(input: FanOutInput, clusterId: string) {
  const inCluster = input.audience.byCluster.get(clusterId) ?? [];
  const refs = (units: ReminderUnit[]) => units.map((u) => input.index.refs.get(u.id) as UnitRef);
  return {
    missing: refs(inCluster.filter((u) => input.audience.missingIds.has(u.id))),
    submitted: refs(inCluster.filter((u) => !input.audience.missingIds.has(u.id))),
    total: inCluster.length,
  };
}

function clusterLeaderReminders(input: FanOutInput, base: Base): DueReminder[] {
  type LeaderEntry = { contact: ReminderContact; missing: Map<string, UnitRef>; clusters: UnitRef[]; total: number };
  const people = new Map<string, LeaderEntry>();
  for (const cluster of input.index.recipients.clusters) {
    const scope = clusterScope(input, cluster.id);
    if (scope.missing.length === 0) continue;
    for (const leader of cluster.leaders) {
      const entry: LeaderEntry = people.get(leader.id) ?? { contact: leader, missing: new Map(), clusters: [], total: 0 };
      for (const u of scope.missing) entry.missing.set(u.id, u);
      entry.clusters.push({ id: cluster.id, name: cluster.name });
      entry.total += scope.total;
      people.set(leader.id, entry);
    }
  }
  return [...people.values()].map(({ contact, missing, clusters, total }) => {
    const params = { ...base, units: [], missingUnits: [...missing.values()], submittedUnits: [], totalUnits: total, clusters };
    return makeReminder(input, "escalation_cluster", { type: "officer", contact }, params);
  });
}

function boardReminders(input: FanOutInput, base: Base): DueReminder[] {
  if (input.audience.missing.length === 0) return [];
  const missing = input.audience.missing.map((u) => input.index.refs.get(u.id) as UnitRef);
  const params = { ...base, units: [], missingUnits: missing, submittedUnits: [], totalUnits: input.audience.required.length, clusters: [] };
  return input.index.recipients.board.map((contact) =>
    makeReminder(input, "escalation_board", { type: "officer", contact }, params),
  );
}

function digests(input: FanOutInput, base: Base): DueReminder[] {
  const { index, audience } = input;
  const out: DueReminder[] = [];
  const post = (groups: ReminderGroup[] | undefined, params: ReminderParams) => {
    for (const g of groups ?? []) out.push(makeReminder(input, "group_digest", { type: "group", contact: g }, params));
  };
  for (const u of audience.missing) {
    const ref = index.refs.get(u.id) as UnitRef;
    post(index.groupsByScope.get(scopeKey("unit", u.id)), {
      ...base, units: [ref], missingUnits: [ref], submittedUnits: [], totalUnits: 1, clusters: [],
    });
  }
  for (const cluster of index.recipients.clusters) {
    const groups = index.groupsByScope.get(scopeKey("cluster", cluster.id));
    const scope = groups ? clusterScope(input, cluster.id) : null;
    if (!scope || scope.missing.length === 0) continue;
    const clusters = [{ id: cluster.id, name: cluster.name }];
    post(groups, { ...base, units: [], missingUnits: scope.missing, submittedUnits: scope.submitted, totalUnits: scope.total, clusters });
  }
  const boardGroups = index.groupsByScope.get(scopeKey("board", undefined));
  if (boardGroups && audience.missing.length > 0) {
    const refs = (units: ReminderUnit[]) => units.map((u) => index.refs.get(u.id) as UnitRef);
    const submitted = audience.required.filter((u) => !audience.missingIds.has(u.id));
    post(boardGroups, {
      ...base, units: [], missingUnits: refs(audience.missing), submittedUnits: refs(submitted), totalUnits: audience.required.length, clusters: [],
    });
  }
  return out;
}

/** All reminders of one step of one deadline, private messages first, then group digests. */
export function fanOutStep(input: FanOutInput): DueReminder[] {
  const base = baseParams(input);
  const { step } = input.scheduled;
  const direct =
    step.type === "pre_due"
      ? unitLevelReminders(input, base, "pre_due", officersOf)
      : step.level === 0
        ? unitLevelReminders(input, base, "overdue", officersOf)
        : step.level === 1
          ? unitLevelReminders(input, base, KIND_BY_LEVEL[1] as ReminderKind, headsOf)
          : step.level === 2
            ? clusterLeaderReminders(input, base)
            : boardReminders(input, base);
  return [...direct, ...digests(input, base)];
}
