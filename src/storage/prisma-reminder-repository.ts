/**
 * @module Prisma implementation of the reminder store (conversation/flows/reminder-store.ts): the reminder audience
 * built from the organisation, linked accounts, bound groups and what units have submitted; notices and their
 * acknowledgements; and small key-value rows in ConversationState (pass cursor, holiday flags, notices), so the
 * reminder feature needs no schema change.
 */
import type { UnitKind } from "../domain/campaigns/campaign";
import type { ChannelAccount, Officer, Role } from "../domain/organisation/organisation";
import type { GroupBinding } from "../domain/organisation/account-repository";
import type { ReminderStore } from "../conversation/flows/reminder-store";
import { buildRecipients } from "./reminder-recipients";
import { submittedDeadlinesByUnit } from "./prisma-reminder-submissions";
import { deserializeMessage } from "./prisma-outbox-repository";
import type { Db } from "./prisma-client";

const CHUNK = 500;
const cursorKey = (campaign: string) => `reminders:cursor:${campaign}`;
const noticeKey = (key: string) => `reminders:notice:${key}`;
const flagKey = (campaign: string, deadline: string) => `reminders:holiday-flag:${campaign}:${deadline}`;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Creates a ConversationState row unless it exists; true when this call created it. */
async function createOnce(db: Db, key: string, value: unknown): Promise<boolean> {
  try {
    await db.conversationState.create({ data: { key, stateJson: JSON.stringify(value) } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

async function loadContacts(db: Db) {
  const [officers, accounts, groups] = await Promise.all([
    db.officer.findMany({ where: { active: true }, orderBy: { createdAt: "asc" } }),
    db.channelAccount.findMany({ where: { officerId: { not: null } } }),
    db.chatGroup.findMany({ where: { active: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return {
    officers: officers.map(
      (o): Officer => ({ id: o.id, unitId: o.unitId, name: o.name, role: o.role as Role, locale: (o.locale as Officer["locale"]) ?? null }),
    ),
    accounts: accounts.map(
      (a): ChannelAccount => ({
        id: a.id, platform: a.platform, externalId: a.externalId, chatId: a.chatId, officerId: a.officerId,
        locale: (a.locale as ChannelAccount["locale"]) ?? null, lastInteractionAt: a.lastInteractionAt, unreachableAt: a.unreachableAt,
      }),
    ),
    groups: groups.map(
      (g): GroupBinding => ({ id: g.id, platform: g.platform, chatId: g.chatId, unitId: g.unitId, clusterId: g.clusterId, isBoard: g.isBoard, active: g.active }),
    ),
  };
}

/** The reminder store over Prisma; works the same on SQLite and PostgreSQL. */
export function createPrismaReminderRepository(db: Db): ReminderStore {
  return {
    async loadAudience(campaign) {
      const [contacts, units, clusters, submitted] = await Promise.all([
        loadContacts(db),
        db.unit.findMany({ where: { active: true }, include: { clusters: { select: { clusterId: true } } }, orderBy: { code: "asc" } }),
        db.cluster.findMany({ orderBy: { code: "asc" } }),
        submittedDeadlinesByUnit(db, campaign),
      ]);
      const recipients = buildRecipients({
        units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind, clusterIds: u.clusters.map((c) => c.clusterId) })),
        clusters: clusters.map((c) => ({ id: c.id, name: c.name, leaderUnitId: c.leaderUnitId })),
        contacts,
        submitted,
      });
      return { recipients, contacts };
    },

    loadContacts: () => loadContacts(db),

    async getCursor(campaignCode) {
      const row = await db.conversationState.findUnique({ where: { key: cursorKey(campaignCode) } });
      const ms = row ? Number(row.stateJson) : NaN;
      return Number.isFinite(ms) ? new Date(ms) : null;
    },

    async advanceCursor(campaignCode, to) {
      // Stored as epoch milliseconds: 13 digits until the year 2286, so text order is time order under any collation
      // and "move forward only" is one conditional update, atomic across instances.
      const key = cursorKey(campaignCode);
      const value = String(to.getTime()).padStart(13, "0");
      const res = await db.conversationState.updateMany({ where: { key, stateJson: { lt: value } }, data: { stateJson: value, version: { increment: 1 } } });
      if (res.count === 0) await createOnce(db, key, to.getTime());
    },

    async saveNotices(notices) {
      for (const part of chunks(notices)) {
        const keys = part.map((n) => noticeKey(n.noticeKey));
        const existing = new Set((await db.conversationState.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((r) => r.key));
        for (const n of part) if (!existing.has(noticeKey(n.noticeKey))) await createOnce(db, noticeKey(n.noticeKey), n);
      }
    },

    async findNotice(key) {
      const row = await db.conversationState.findUnique({ where: { key: noticeKey(key) } });
      return row ? (JSON.parse(row.stateJson) as Awaited<ReturnType<ReminderStore["findNotice"]>>) : null;
    },

    async acknowledge(key, unitId, officerId, at) {
      let created = true;
      try {
        await db.acknowledgement.create({ data: { noticeKey: key, unitId, officerId, at } });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        created = false;
      }
      const rows = await db.acknowledgement.findMany({ where: { noticeKey: key }, select: { unitId: true }, orderBy: { at: "asc" } });
      return { created, acknowledgedUnitIds: rows.map((r) => r.unitId) };
    },

    async unflaggedHolidayDeadlines(campaignCode, codes) {
      if (codes.length === 0) return [];
      const rows = await db.conversationState.findMany({ where: { key: { in: codes.map((c) => flagKey(campaignCode, c)) } }, select: { key: true } });
      const done = new Set(rows.map((r) => r.key));
      return codes.filter((c) => !done.has(flagKey(campaignCode, c)));
    },

    async markHolidayFlagged(campaignCode, codes) {
      for (const c of codes) await createOnce(db, flagKey(campaignCode, c), { flagged: true });
    },

    async existingKeys(keys) {
      const out = new Set<string>();
      for (const part of chunks(keys)) {
        const rows = await db.delivery.findMany({ where: { dedupeKey: { in: part } }, select: { dedupeKey: true } });
        for (const r of rows) out.add(r.dedupeKey);
      }
      return out;
    },

    async deliveryStatuses(keys) {
      const out = new Map<string, string>();
      for (const part of chunks(keys)) {
        const rows = await db.delivery.findMany({ where: { dedupeKey: { in: part } }, select: { dedupeKey: true, status: true } });
        for (const r of rows) out.set(r.dedupeKey, r.status);
      }
      return out;
    },

    async listUnreachableReminders(since) {
      const rows = await db.delivery.findMany({
        where: { status: "unreachable", kind: { startsWith: "reminder." }, officerId: { not: null }, createdAt: { gte: since } },
        orderBy: { createdAt: "asc" },
        take: 5000,
      });
      return rows.map((r) => ({
        id: r.id, dedupeKey: r.dedupeKey, recipient: r.recipient, kind: r.kind, officerId: r.officerId as string,
        message: deserializeMessage(r.payloadJson), note: r.note,
      }));
    },

    async triedRecipients(baseKey) {
      const rows = await db.delivery.findMany({
        where: { OR: [{ dedupeKey: baseKey }, { dedupeKey: { startsWith: `${baseKey}~` } }] },
        select: { recipient: true },
      });
      return rows.map((r) => r.recipient);
    },
  };
}
