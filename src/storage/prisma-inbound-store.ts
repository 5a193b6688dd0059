/** @module Prisma implementation of the inbound update store (unique (platform, updateId) = exactly one effect). */
import type { InboundMessage } from "../conversation/channel-port";
import type { InboundStore } from "../conversation/inbound-processor";
import { formatAddress } from "../conversation/channel-port";
import type { Db } from "./prisma-client";

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

export function createPrismaInboundStore(db: Db): InboundStore {
  const platformOf = (m: InboundMessage) => m.address.channel;
  return {
    async record(msg, raw) {
      try {
        await db.inboundUpdate.create({
          data: {
            platform: platformOf(msg),
            updateId: msg.updateId,
            chatKey: formatAddress(msg.address),
            payloadJson: JSON.stringify({ msg, raw: raw ?? null }),
            status: "received",
            receivedAt: msg.receivedAt,
          },
        });
        return "accepted";
      } catch (err) {
        if (isUniqueViolation(err)) return "duplicate";
        throw err;
      }
    },
    async claim(updateId, now, lockMs) {
      const res = await db.inboundUpdate.updateMany({
        where: { updateId, status: { in: ["received", "processing"] }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
        data: { status: "processing", lockedUntil: new Date(now.getTime() + lockMs), attempts: { increment: 1 } },
      });
      return res.count === 1;
    },
    async complete(updateId, now, error) {
      await db.inboundUpdate.updateMany({
        where: { updateId },
        data: { status: error ? "failed" : "done", processedAt: now, lockedUntil: null, error: error ?? null, payloadJson: error ? undefined : "{}" },
      });
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
