/** @module Prisma implementation of the inbound update store (unique (platform, updateId) = exactly one effect). */
import type { InboundMessage } from "../conversation/channel-port";
import type { InboundStore } from "../conversation/inbound-processor";
import { conversationKey } from "../conversation/channel-port";
import { sqlOf, type Db } from "./prisma-client";
import { accountTouch, toAccount, type AccountFields } from "./prisma-account-repository";
import { deliveryInsert } from "./prisma-outbox-repository";
import { parseState, sessionRead, sessionWrite } from "./prisma-session-store";
import { sortableId } from "./sortable-id";

/** How many earlier unfinished updates a turn is told of (it waits while any of them is held elsewhere). */
const EARLIER_LISTED = 8;
/**
 * An update of the same conversation that arrived earlier (ids sort in arrival order, sortable-id.ts) and is not
 * finished, given the placeholders of this one's platform and update id. The (chatKey, status) index keeps it to
 * the conversation's few unfinished rows.
 */
const earlierUnfinished = (platform: string, updateId: string) => `SELECT u."updateId" FROM "InboundUpdate" AS u
  JOIN "InboundUpdate" AS me ON me."platform" = ${platform} AND me."updateId" = ${updateId}
  WHERE u."chatKey" = me."chatKey" AND u."status" IN ('received', 'processing') AND u."id" < me."id" LIMIT ${EARLIER_LISTED}`;

export function createPrismaInboundStore(db: Db): InboundStore {
  const platformOf = (m: InboundMessage) => m.address.channel;
  // record/claim/complete run once per inbound update: plain prepared SQL on Prisma's connection (sql-runner.ts),
  // the same text on SQLite and PostgreSQL. ON CONFLICT DO NOTHING makes a redelivery a 0-row insert.
  const sql = sqlOf(db);
  return {
    async record(msg, raw, claim) {
      const inserted = await sql.runGrouped(
        `INSERT INTO "InboundUpdate" ("id", "platform", "updateId", "chatKey", "payloadJson", "status", "attempts", "lockedUntil", "receivedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT ("platform", "updateId") DO NOTHING`,
        [
          sortableId(), platformOf(msg), msg.updateId, conversationKey(msg), JSON.stringify({ msg, raw: raw ?? null }),
          claim ? "processing" : "received", claim ? 1 : 0, claim ? new Date(claim.now.getTime() + claim.lockMs) : null, msg.receivedAt,
        ],
      );
      return inserted === 1 ? "accepted" : "duplicate";
    },
    async claim(ref, now, lockMs, ownAttempt) {
      // Always by the unique (platform, updateId) key: updateId alone has no index (a full scan per message).
      const claimed =
        ownAttempt === undefined
          ? await sql.run(
              `UPDATE "InboundUpdate" SET "status" = 'processing', "lockedUntil" = $1, "attempts" = "attempts" + 1
               WHERE "platform" = $4 AND "updateId" = $2 AND "status" IN ('received', 'processing') AND ("lockedUntil" IS NULL OR "lockedUntil" < $3)`,
              [new Date(now.getTime() + lockMs), ref.updateId, now, ref.platform],
            )
          : await sql.run(
              `UPDATE "InboundUpdate" SET "lockedUntil" = $1, "attempts" = "attempts" + 1 WHERE "platform" = $4 AND "updateId" = $2 AND "status" = 'processing' AND "attempts" = $3`,
              [new Date(now.getTime() + lockMs), ref.updateId, ownAttempt, ref.platform],
            );
      return claimed === 1;
    },
    async finish(ref, now, outcome) {
      const inserts = outcome.replies.map((d) => deliveryInsert(d, now, outcome.claimReplies));
      const done = outcome.error
        ? { sql: `UPDATE "InboundUpdate" SET "status" = 'failed', "processedAt" = $1, "lockedUntil" = NULL, "error" = $2 WHERE "platform" = $4 AND "updateId" = $3`, params: [now, outcome.error, ref.updateId, ref.platform] }
        : { sql: `UPDATE "InboundUpdate" SET "status" = 'done', "processedAt" = $1, "lockedUntil" = NULL, "error" = NULL, "payloadJson" = '{}' WHERE "platform" = $3 AND "updateId" = $2`, params: [now, ref.updateId, ref.platform] };
      // One transaction (one round trip on PostgreSQL): replies, session and completion are kept or lost together.
      const counts = await sql.runAtomic([...inserts.map((i) => i.statement), ...(outcome.session ? [sessionWrite(outcome.session.key, outcome.session.state)] : []), done]);
      // Rows not inserted already existed (an earlier attempt of this turn): the pump sends those.
      return outcome.claimReplies ? inserts.filter((_, i) => counts[i] === 1).map((i) => i.delivery) : [];
    },
    async begin(msg, { checkOrder }) {
      const touch = accountTouch(msg.address.channel, msg.userId, msg.address.isGroup ? msg.userId : msg.address.chatId, msg.receivedAt, msg.userName);
      const key = conversationKey(msg);
      if (sql.dialect === "sqlite") {
        // In-process: separate statements cost no round trip (and SQLite has no INSERT … RETURNING inside a WITH).
        const [[row], [state], earlier] = await Promise.all([
          sql.all<AccountFields>(touch.sql, touch.params),
          sql.all<{ stateJson: string }>(sessionRead("$1"), [key]),
          checkOrder ? sql.all<{ updateId: string }>(earlierUnfinished("$1", "$2"), [msg.address.channel, msg.updateId]) : [],
        ]);
        if (!row) throw new Error("account upsert returned no row");
        return { account: toAccount(row), session: parseState(state?.stateJson), earlierUnfinished: earlier.map((r) => r.updateId) };
      }
      // PostgreSQL: one statement, one round trip for the three (each round trip costs ~0.2 ms of CPU on either side).
      const order = checkOrder ? `ARRAY(${earlierUnfinished("$10", "$11")})` : "ARRAY[]::text[]";
      const [row] = await sql.all<AccountFields & { stateJson: unknown; earlier: unknown }>(
        `WITH a AS (${touch.sql}) SELECT a.*, (${sessionRead("$9")}) AS "stateJson", ${order} AS "earlier" FROM a`,
        [...touch.params, key, ...(checkOrder ? [msg.address.channel, msg.updateId] : [])],
      );
      if (!row) throw new Error("account upsert returned no row");
      return { account: toAccount(row), session: parseState(row.stateJson), earlierUnfinished: Array.isArray(row.earlier) ? row.earlier.map(String) : [] };
    },
    async unfinished(limit) {
      // Arrival order (ids sort by it), which is the order a conversation's updates must be handled in.
      const rows = await db.inboundUpdate.findMany({ where: { status: { in: ["received", "processing"] } }, orderBy: { id: "asc" }, take: limit });
      return rows.map((r) => {
        const { msg } = JSON.parse(r.payloadJson) as { msg: InboundMessage & { receivedAt: string } };
        return { ...msg, receivedAt: new Date(msg.receivedAt) };
      });
    },
  };
}
