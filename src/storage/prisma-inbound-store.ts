/** @module Prisma implementation of the inbound update store (unique (platform, updateId) = exactly one effect). */
import { randomUUID } from "node:crypto";
import type { InboundMessage } from "../conversation/channel-port";
import type { InboundStore } from "../conversation/inbound-processor";
import { formatAddress } from "../conversation/channel-port";
import type { Db } from "./prisma-client";

export function createPrismaInboundStore(db: Db): InboundStore {
  const platformOf = (m: InboundMessage) => m.address.channel;
  return {
    // record/claim/complete run once per inbound update: plain SQL (the same on SQLite and PostgreSQL) instead of
    // the ORM's compiled plans, which cost several times the CPU. ON CONFLICT DO NOTHING makes a redelivery a
    // 0-row insert rather than an exception.
    async record(msg, raw) {
      const inserted = await db.$executeRaw`INSERT INTO "InboundUpdate" ("id", "platform", "updateId", "chatKey", "payloadJson", "status", "attempts", "receivedAt")
        VALUES (${randomUUID()}, ${platformOf(msg)}, ${msg.updateId}, ${formatAddress(msg.address)}, ${JSON.stringify({ msg, raw: raw ?? null })}, 'received', 0, ${msg.receivedAt})
        ON CONFLICT ("platform", "updateId") DO NOTHING`;
      return inserted === 1 ? "accepted" : "duplicate";
    },
    async claim(updateId, now, lockMs) {
      const claimed = await db.$executeRaw`UPDATE "InboundUpdate" SET "status" = 'processing', "lockedUntil" = ${new Date(now.getTime() + lockMs)}, "attempts" = "attempts" + 1
        WHERE "updateId" = ${updateId} AND "status" IN ('received', 'processing') AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})`;
      return claimed === 1;
    },
    async complete(updateId, now, error) {
      if (error) {
        await db.$executeRaw`UPDATE "InboundUpdate" SET "status" = 'failed', "processedAt" = ${now}, "lockedUntil" = NULL, "error" = ${error} WHERE "updateId" = ${updateId}`;
      } else {
        await db.$executeRaw`UPDATE "InboundUpdate" SET "status" = 'done', "processedAt" = ${now}, "lockedUntil" = NULL, "error" = NULL, "payloadJson" = '{}' WHERE "updateId" = ${updateId}`;
      }
    },
    async unfinished(limit) {
      const rows = await db.inboundUpdate.findMany({ where: { status: { in: ["received", "processing"] } }, orderBy: { receivedAt: "asc" }, take: limit });
      return rows.map((r) => {
        const { msg } = JSON.parse(r.payloadJson) as { msg: InboundMessage & { receivedAt: string } };
        return { ...msg, receivedAt: new Date(msg.receivedAt) };
      });
    },
  };
}
