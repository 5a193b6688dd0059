/** @module Prisma implementation of the durable outbox (claims are conditional updates: safe across instances). */
import type { OutboundMessage } from "../conversation/channel-port";
import type { Delivery, DeliveryStatus, NewDelivery, OutboxRepository } from "../delivery/outbox";
import { randomBytes } from "node:crypto";
import { Prisma } from "./generated/sqlite/client";
import type { Db } from "./prisma-client";

let idSeq = 0;
/** A cuid-like id that sorts in creation order within this process (claims break createdAt ties by id). */
function sortableId(): string {
  idSeq = (idSeq + 1) % 36 ** 6;
  return `c${Date.now().toString(36).padStart(8, "0")}${idSeq.toString(36).padStart(6, "0")}${randomBytes(5).toString("hex")}`;
}

type Row = NonNullable<Awaited<ReturnType<Db["delivery"]["findUnique"]>>>;

interface StoredMessage extends Omit<OutboundMessage, "imagePng" | "document"> {
  imagePngB64?: string;
  document?: { filename: string; mime: string; b64: string };
}

export function serializeMessage(m: OutboundMessage): string {
  const s: StoredMessage = { text: m.text, buttons: m.buttons, editMessageId: m.editMessageId };
  if (m.imagePng) s.imagePngB64 = Buffer.from(m.imagePng).toString("base64");
  if (m.document) s.document = { filename: m.document.filename, mime: m.document.mime, b64: Buffer.from(m.document.bytes).toString("base64") };
  return JSON.stringify(s);
}

export function deserializeMessage(json: string): OutboundMessage {
  const s = JSON.parse(json) as StoredMessage;
  const m: OutboundMessage = { text: s.text };
  if (s.buttons) m.buttons = s.buttons;
  if (s.editMessageId) m.editMessageId = s.editMessageId;
  if (s.imagePngB64) m.imagePng = new Uint8Array(Buffer.from(s.imagePngB64, "base64"));
  if (s.document) m.document = { filename: s.document.filename, mime: s.document.mime, bytes: new Uint8Array(Buffer.from(s.document.b64, "base64")) };
  return m;
}

function toDelivery(r: Row): Delivery {
  return {
    id: r.id,
    dedupeKey: r.dedupeKey,
    recipient: r.recipient,
    channel: r.channel,
    kind: r.kind,
    message: deserializeMessage(r.payloadJson),
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastError: r.lastError,
    sentAt: r.sentAt,
    officerId: r.officerId,
    note: r.note,
  };
}

function rowData(d: NewDelivery, now: Date) {
  return {
    dedupeKey: d.dedupeKey,
    recipient: d.recipient,
    channel: d.recipient.split(":")[0] ?? "",
    kind: d.kind,
    payloadJson: serializeMessage(d.message),
    status: "pending",
    nextAttemptAt: d.notBefore ?? now,
    officerId: d.officerId ?? null,
    campaignId: d.campaignId ?? null,
    note: d.note ?? null,
  };
}

export function createPrismaOutboxRepository(db: Db): OutboxRepository {
  return {
    async enqueue(d, now) {
      // One per reply: plain SQL (see markSent), ON CONFLICT so a repeated dedupe key is a 0-row insert.
      const r = rowData(d, now);
      const id = sortableId();
      const inserted = await db.$executeRaw`INSERT INTO "Delivery" ("id", "dedupeKey", "channel", "recipient", "kind", "payloadJson", "status", "attempts", "nextAttemptAt", "officerId", "campaignId", "note", "createdAt")
        VALUES (${id}, ${r.dedupeKey}, ${r.channel}, ${r.recipient}, ${r.kind}, ${r.payloadJson}, 'pending', 0, ${r.nextAttemptAt}, ${r.officerId}, ${r.campaignId}, ${r.note}, ${new Date()})
        ON CONFLICT ("dedupeKey") DO NOTHING`;
      if (inserted === 1) return { id, created: true };
      const existing = await db.delivery.findUnique({ where: { dedupeKey: d.dedupeKey }, select: { id: true } });
      return { id: existing?.id ?? "", created: false };
    },
    async enqueueMany(ds, now) {
      // One multi-row INSERT … ON CONFLICT DO NOTHING per 50 rows (was one INSERT, hence one fsync, per row: a
      // 10,000-officer fan-out took ~50 s on PostgreSQL). The unique key settles races with concurrent enqueues.
      const unique = [...new Map(ds.map((d) => [d.dedupeKey, d])).values()];
      let created = 0;
      for (let i = 0; i < unique.length; i += 50) {
        const createdAt = new Date();
        const rows = unique.slice(i, i + 50).map((d) => {
          const r = rowData(d, now);
          return Prisma.sql`(${sortableId()}, ${r.dedupeKey}, ${r.channel}, ${r.recipient}, ${r.kind}, ${r.payloadJson}, 'pending', 0, ${r.nextAttemptAt}, ${r.officerId}, ${r.campaignId}, ${r.note}, ${createdAt})`;
        });
        created += await db.$executeRaw`INSERT INTO "Delivery" ("id", "dedupeKey", "channel", "recipient", "kind", "payloadJson", "status", "attempts", "nextAttemptAt", "officerId", "campaignId", "note", "createdAt")
          VALUES ${Prisma.join(rows)} ON CONFLICT ("dedupeKey") DO NOTHING`;
      }
      return created;
    },
    async claimDue(now, limit, holder, lockMs, channels) {
      // Runs once per pump, i.e. about once per reply under interactive load: the candidate query and the claim are
      // plain SQL; only the read-back of the won rows goes through the ORM (typed rows).
      const claimable = Prisma.sql`"status" IN ('pending', 'retry', 'sending') AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})`;
      const onChannels = !channels ? Prisma.empty : channels.length > 0 ? Prisma.sql` AND "channel" IN (${Prisma.join([...channels])})` : Prisma.sql` AND 1 = 0`;
      // createdAt ties within one millisecond (and within one createMany); ids keep the enqueue order.
      const candidates = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Delivery" WHERE ${claimable}${onChannels} AND "nextAttemptAt" <= ${now}
        ORDER BY "nextAttemptAt", "createdAt", "id" LIMIT ${Prisma.raw(String(Math.max(1, Math.floor(limit))))}`;
      if (candidates.length === 0) return [];
      const ids = candidates.map((c) => c.id);
      const lockedUntil = new Date(now.getTime() + lockMs);
      // One conditional update for the batch: rows another instance claimed meanwhile no longer match, and reading
      // back by (holder, lockedUntil) returns exactly the rows this call won.
      await db.$executeRaw`UPDATE "Delivery" SET "status" = 'sending', "lockedUntil" = ${lockedUntil}, "lockedBy" = ${holder} WHERE "id" IN (${Prisma.join(ids)}) AND ${claimable}`;
      const rows = await db.delivery.findMany({
        where: { id: { in: ids }, status: "sending", lockedBy: holder, lockedUntil },
        orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toDelivery);
    },
    // The per-message writes are plain SQL (same text on SQLite and PostgreSQL; tagged-template parameters, Dates
    // round-trip as Prisma stores them): the ORM compiles a query plan per call (and update() reads the row back),
    // 2-4 ms of CPU per call on this machine against ~0.5 ms, and the outbox makes two such writes per message.
    async renewLock(id, holder, until) {
      const renewed = await db.$executeRaw`UPDATE "Delivery" SET "lockedUntil" = ${until} WHERE "id" = ${id} AND "lockedBy" = ${holder} AND "status" = 'sending'`;
      return renewed === 1;
    },
    async markSent(id, at, externalId) {
      await db.$executeRaw`UPDATE "Delivery" SET "status" = 'sent', "sentAt" = ${at}, "lockedUntil" = NULL, "attempts" = "attempts" + 1, "externalId" = ${externalId ?? null}, "lastError" = NULL WHERE "id" = ${id}`;
    },
    async markRetry(id, nextAttemptAt, error) {
      await db.$executeRaw`UPDATE "Delivery" SET "status" = 'retry', "nextAttemptAt" = ${nextAttemptAt}, "lockedUntil" = NULL, "attempts" = "attempts" + 1, "lastError" = ${error} WHERE "id" = ${id}`;
    },
    async markFinal(id, status, error) {
      await db.$executeRaw`UPDATE "Delivery" SET "status" = ${status}, "lockedUntil" = NULL, "attempts" = "attempts" + 1, "lastError" = ${error} WHERE "id" = ${id}`;
    },
    async redirect(id, recipient, now) {
      await db.delivery.update({ where: { id }, data: { recipient, status: "pending", nextAttemptAt: now, lockedUntil: null, attempts: { increment: 1 } } });
    },
    async list(filter) {
      const rows = await db.delivery.findMany({
        where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.kind ? { kind: filter.kind } : {}) },
        orderBy: { createdAt: "desc" },
        take: Math.min(filter.limit ?? 200, 1000),
      });
      return rows.map(toDelivery);
    },
    async counts() {
      const groups = await db.delivery.groupBy({ by: ["status"], _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
    },
  };
}
