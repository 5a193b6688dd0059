/** @module Prisma implementation of the inbound update store (unique (platform, updateId) = exactly one effect). */
import type { InboundMessage } from "../conversation/channel-port";
import type { InboundStore } from "../conversation/inbound-processor";
import { conversationKey } from "../conversation/channel-port";
import type { Delivery } from "../delivery/outbox";
import { sqlOf, type Db } from "./prisma-client";
import { deliveryInsert } from "./prisma-outbox-repository";
import { sessionWrite } from "./prisma-session-store";
import { sortableId } from "./sortable-id";

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
      const inserts = outcome.replies.map((d) => ({ d, ...deliveryInsert(d, now, outcome.claimReplies) }));
      const done = outcome.error
        ? { sql: `UPDATE "InboundUpdate" SET "status" = 'failed', "processedAt" = $1, "lockedUntil" = NULL, "error" = $2 WHERE "platform" = $4 AND "updateId" = $3`, params: [now, outcome.error, ref.updateId, ref.platform] }
        : { sql: `UPDATE "InboundUpdate" SET "status" = 'done', "processedAt" = $1, "lockedUntil" = NULL, "error" = NULL, "payloadJson" = '{}' WHERE "platform" = $3 AND "updateId" = $2`, params: [now, ref.updateId, ref.platform] };
      // One transaction (one round trip on PostgreSQL): replies, session and completion are kept or lost together.
      const counts = await sql.runAtomic([...inserts.map((i) => i.statement), ...(outcome.session ? [sessionWrite(outcome.session.key, outcome.session.state)] : []), done]);
      const claim = outcome.claimReplies;
      if (!claim) return [];
      return inserts
        .filter((_, i) => counts[i] === 1)
        .map(({ d, id }): Delivery => ({
          id, dedupeKey: d.dedupeKey, recipient: d.recipient, channel: d.recipient.split(":")[0] ?? "", kind: d.kind, message: d.message,
          status: "sending", attempts: 0, nextAttemptAt: d.notBefore ?? now, lastError: null, sentAt: null, officerId: d.officerId ?? null, note: d.note ?? null,
        }));
    },
    async earlierUnfinished(ref) {
      // Ids sort in arrival order (sortable-id.ts); the (chatKey, status) index keeps this to the conversation's few
      // unfinished rows.
      const rows = await sql.all(
        `SELECT 1 AS "x" FROM "InboundUpdate" AS u JOIN "InboundUpdate" AS me ON me."platform" = $1 AND me."updateId" = $2
         WHERE u."chatKey" = me."chatKey" AND u."status" IN ('received', 'processing') AND u."id" < me."id" LIMIT 1`,
        [ref.platform, ref.updateId],
      );
      return rows.length > 0;
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
