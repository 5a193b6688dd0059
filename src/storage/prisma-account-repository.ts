/** @module Chat accounts (platform + external id → officer), groups, and one-time invite codes. */
import { createHash, randomInt } from "node:crypto";
import type { ChannelAccount } from "../domain/organisation/organisation";
import type { AccountRepository } from "../domain/organisation/account-repository";
import { sqlOf, type Db } from "./prisma-client";
import { sortableId } from "./sortable-id";
import { toDate, type SqlStatement } from "./sql-runner";

/** Invite codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L) → ~50 bits; only the hash is stored. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function generateInviteCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}
export function hashInviteCode(code: string): string {
  return createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
}
export function looksLikeInviteCode(text: string): boolean {
  return /^[A-Za-z0-9]{10}$/.test(text.trim()) && [...text.trim().toUpperCase()].every((c) => ALPHABET.includes(c));
}

/** The account columns, as both Prisma and plain SQL return them (dates may be text on SQLite). */
export interface AccountFields {
  id: string;
  platform: string;
  externalId: string;
  chatId: string;
  officerId: string | null;
  locale: string | null;
  lastInteractionAt: unknown;
  unreachableAt: unknown;
}
export function toAccount(r: AccountFields): ChannelAccount {
  return {
    id: r.id,
    platform: r.platform,
    externalId: r.externalId,
    chatId: r.chatId,
    officerId: r.officerId,
    locale: (r.locale as "vi" | "en" | null) ?? null,
    lastInteractionAt: toDate(r.lastInteractionAt),
    unreachableAt: toDate(r.unreachableAt),
  };
}

export const ACCOUNT_COLUMNS = `"id", "platform", "externalId", "chatId", "officerId", "locale", "lastInteractionAt", "unreachableAt"`;


/** The upsert of a chat account on each message it sends (RETURNING the account), parameters $1–$8. */
export function accountTouch(platform: string, externalId: string, chatId: string, at: Date, displayName?: string): SqlStatement {
  return {
    sql: `INSERT INTO "ChannelAccount" ("id", "platform", "externalId", "chatId", "lastInteractionAt", "displayName", "isFollower", "createdAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT ("platform", "externalId") DO UPDATE SET "chatId" = $4, "lastInteractionAt" = $5, "unreachableAt" = NULL, "unreachableReason" = NULL
         RETURNING ${ACCOUNT_COLUMNS}`,
    // A fresh id each time (used only when the account is new): shaped like Prisma's cuid(), the column is opaque.
    params: [sortableId(), platform, externalId, chatId, at, displayName ?? null, true, new Date()],
  };
}

export function createPrismaAccountRepository(db: Db): AccountRepository {
  // findAccount and touch run on every message: plain prepared SQL (sql-runner.ts); one upsert, no read-back.
  const sql = sqlOf(db);
  return {
    async findAccount(platform, externalId) {
      const [r] = await sql.all<AccountFields>(`SELECT ${ACCOUNT_COLUMNS} FROM "ChannelAccount" WHERE "platform" = $1 AND "externalId" = $2`, [platform, externalId]);
      return r ? toAccount(r) : null;
    },
    async touch(platform, externalId, chatId, at, displayName) {
      const st = accountTouch(platform, externalId, chatId, at, displayName);
      const [r] = await sql.all<AccountFields>(st.sql, st.params);
      if (!r) throw new Error("account upsert returned no row");
      return toAccount(r);
    },
    async setLocale(accountId, locale) {
      await db.channelAccount.update({ where: { id: accountId }, data: { locale } });
    },
    async markUnreachable(platform, chatId, reason, at) {
      await db.channelAccount.updateMany({ where: { platform, chatId }, data: { unreachableAt: at, unreachableReason: reason.slice(0, 200) } });
    },
    async setFollower(platform, externalId, isFollower) {
      await db.channelAccount.updateMany({ where: { platform, externalId }, data: { isFollower } });
    },
    async accountsOfOfficer(officerId) {
      const rows = await db.channelAccount.findMany({ where: { officerId }, orderBy: { lastInteractionAt: "desc" } });
      return rows.map(toAccount);
    },
    async createInvite(officerId, expiresAt) {
      const code = generateInviteCode();
      await db.inviteCode.create({ data: { codeHash: hashInviteCode(code), officerId, expiresAt } });
      return code;
    },
    async redeemInvite(code, accountId, at) {
      const codeHash = hashInviteCode(code);
      const invite = await db.inviteCode.findUnique({ where: { codeHash } });
      if (!invite) return { ok: false, reason: "invalid" };
      if (invite.usedAt) return { ok: false, reason: "used" };
      if (invite.expiresAt < at) return { ok: false, reason: "expired" };
      // Conditional update: of two concurrent redemptions exactly one sees count === 1.
      const claimed = await db.inviteCode.updateMany({ where: { codeHash, usedAt: null }, data: { usedAt: at, usedByAccount: accountId } });
      if (claimed.count !== 1) return { ok: false, reason: "used" };
      await db.channelAccount.update({ where: { id: accountId }, data: { officerId: invite.officerId } });
      return { ok: true, officerId: invite.officerId };
    },
    async linkFailures(accountId, at, windowMs, record) {
      const key = `ratelimit:link:${accountId}`;
      const row = await db.conversationState.findUnique({ where: { key } });
      const since = at.getTime() - windowMs;
      const times = ((row ? (JSON.parse(row.stateJson) as number[]) : []) ?? []).filter((t) => t > since);
      if (record) {
        times.push(at.getTime());
        const stateJson = JSON.stringify(times.slice(-50));
        await db.conversationState.upsert({ where: { key }, create: { key, stateJson }, update: { stateJson } });
      }
      return times.length;
    },
    async bindGroup(b) {
      const data = { unitId: b.unitId, clusterId: b.clusterId, isBoard: b.isBoard, boundBy: b.boundBy, active: true, removedAt: null, title: b.title ?? null };
      await db.chatGroup.upsert({
        where: { platform_chatId: { platform: b.platform, chatId: b.chatId } },
        create: { platform: b.platform, chatId: b.chatId, ...data },
        update: data,
      });
    },
    async findGroup(platform, chatId) {
      const g = await db.chatGroup.findUnique({ where: { platform_chatId: { platform, chatId } } });
      return g ? { id: g.id, platform: g.platform, chatId: g.chatId, unitId: g.unitId, clusterId: g.clusterId, isBoard: g.isBoard, active: g.active } : null;
    },
    async listGroups() {
      const rows = await db.chatGroup.findMany({ where: { active: true } });
      return rows.map((g) => ({ id: g.id, platform: g.platform, chatId: g.chatId, unitId: g.unitId, clusterId: g.clusterId, isBoard: g.isBoard, active: g.active }));
    },
    async migrateGroup(platform, oldChatId, newChatId) {
      const existing = await db.chatGroup.findUnique({ where: { platform_chatId: { platform, chatId: newChatId } } });
      if (existing) return;
      await db.chatGroup.updateMany({ where: { platform, chatId: oldChatId }, data: { chatId: newChatId } });
    },
    async deactivateGroup(platform, chatId, at) {
      await db.chatGroup.updateMany({ where: { platform, chatId }, data: { active: false, removedAt: at } });
    },
  };
}
