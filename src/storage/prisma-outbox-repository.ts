/** @module Prisma implementation of the durable outbox (claims are conditional updates: safe across instances). */
import type { OutboundMessage } from "../conversation/channel-port";
import type { Delivery, DeliveryStatus, NewDelivery, OutboxRepository } from "../delivery/outbox";
import { Prisma } from "./generated/sqlite/client";
import { sqlOf, type Db } from "./prisma-client";
import { sortableId } from "./sortable-id";
import { toDate, type SqlParam, type SqlStatement } from "./sql-runner";


/** Delivery columns as Prisma or plain SQL return them (SQLite dates arrive as text through plain SQL). */
interface Row {
  id: string;
  dedupeKey: string;
  recipient: string;
  channel: string;
  kind: string;
  payloadJson: string;
  status: string;
  attempts: number;
  nextAttemptAt: unknown;
  createdAt?: unknown;
  lastError: string | null;
  sentAt: unknown;
  officerId: string | null;
  note: string | null;
}

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
    attempts: Number(r.attempts),
    nextAttemptAt: toDate(r.nextAttemptAt) ?? new Date(0),
    lastError: r.lastError,
    sentAt: toDate(r.sentAt),
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

/**
 * The INSERT of one new delivery (0 rows when its dedupe key exists), for `enqueue` and for writes that must commit
 * together with other statements (a turn's replies). With `claim`, the row is stored already claimed by that holder
 * (status "sending", locked until then), to be sent by it at once without a claim round trip.
 */
export function deliveryInsert(d: NewDelivery, now: Date, claim?: { holder: string; until: Date }): { statement: SqlStatement; delivery: Delivery } {
  const r = rowData(d, now);
  const id = sortableId();
  const status = claim ? "sending" : "pending";
  const sql = `INSERT INTO "Delivery" ("id", "dedupeKey", "channel", "recipient", "kind", "payloadJson", "status", "attempts", "nextAttemptAt", "officerId", "campaignId", "note", "createdAt", "lockedBy", "lockedUntil")
     VALUES ($1, $2, $3, $4, $5, $6, $12, 0, $7, $8, $9, $10, $11, $13, $14) ON CONFLICT ("dedupeKey") DO NOTHING`;
  const params = [id, r.dedupeKey, r.channel, r.recipient, r.kind, r.payloadJson, r.nextAttemptAt, r.officerId, r.campaignId, r.note, new Date(),
    status, claim?.holder ?? null, claim?.until ?? null];
  // The row as it stands once inserted, for a caller that sends it at once.
  const delivery: Delivery = {
    id, dedupeKey: r.dedupeKey, recipient: r.recipient, channel: r.channel, kind: r.kind, message: d.message, status, attempts: 0,
    nextAttemptAt: r.nextAttemptAt, lastError: null, sentAt: null, officerId: r.officerId, note: r.note,
  };
  return { statement: { sql, params }, delivery };
}

const MARK_SENT = `UPDATE "Delivery" SET "status" = 'sent', "sentAt" = $1, "lockedUntil" = NULL, "attempts" = "attempts" + 1, "externalId" = $2, "lastError" = NULL WHERE "id" = $3`;
const MARK_SENT_WINDOW_MS = 10;
const MARK_SENT_BATCH = 100;

const DELIVERY_COLUMNS = `"id", "dedupeKey", "recipient", "channel", "kind", "payloadJson", "status", "attempts", "nextAttemptAt", "createdAt", "lastError", "sentAt", "officerId", "note"`;
const CLAIMABLE = `"status" IN ('pending', 'retry', 'sending') AND ("lockedUntil" IS NULL OR "lockedUntil" < $1)`;

/** Claim order: due time, then enqueue time, then id (ids sort in enqueue order within one process). */
function claimOrder(a: Row, b: Row): number {
  const t = (v: unknown) => toDate(v)?.getTime() ?? 0;
  return t(a.nextAttemptAt) - t(b.nextAttemptAt) || t(a.createdAt) - t(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function createPrismaOutboxRepository(db: Db): OutboxRepository {
  // Every reply passes through enqueue, claimDue, renewLock and markSent: plain prepared SQL on Prisma's own
  // connection (sql-runner.ts), the same text on SQLite and PostgreSQL.
  const sql = sqlOf(db);
  // Sent marks are collected for a few milliseconds and committed together (one round trip and one commit for
  // several sends instead of one each). This widens the documented crash window between "the platform has it" and
  // "marked sent" by at most MARK_SENT_WINDOW_MS.
  let sentMarks: { params: SqlParam[]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let sentTimer: ReturnType<typeof setTimeout> | undefined;
  function flushSentMarks(): void {
    clearTimeout(sentTimer);
    sentTimer = undefined;
    const batch = sentMarks;
    sentMarks = [];
    for (const m of batch) sql.runGrouped(MARK_SENT, m.params).then(() => m.resolve(), m.reject);
  }
  return {
    async enqueue(d, now) {
      const { statement, delivery } = deliveryInsert(d, now);
      const inserted = await sql.runGrouped(statement.sql, statement.params);
      if (inserted === 1) return { id: delivery.id, created: true };
      const [existing] = await sql.all<{ id: string }>(`SELECT "id" FROM "Delivery" WHERE "dedupeKey" = $1`, [d.dedupeKey]);
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
      // One statement: pick the due rows and lock them, returning exactly the rows this call won. On PostgreSQL the
      // pick skips rows another instance is claiming at this moment; the outer condition is re-checked on the
      // locked row version, so a row claimed meanwhile is not taken twice. SQLite has one writer at a time.
      if (channels && channels.length === 0) return [];
      const list = channels ? [...channels] : [];
      const onChannels = channels ? ` AND "channel" IN (${list.map((_, i) => `$${i + 5}`).join(", ")})` : "";
      const skipLocked = sql.dialect === "postgresql" ? " FOR UPDATE SKIP LOCKED" : "";
      const rows = await sql.all<Row>(
        `UPDATE "Delivery" SET "status" = 'sending', "lockedUntil" = $2, "lockedBy" = $3
         WHERE "id" IN (SELECT "id" FROM "Delivery" WHERE ${CLAIMABLE}${onChannels} AND "nextAttemptAt" <= $1
                        ORDER BY "nextAttemptAt", "createdAt", "id" LIMIT $4${skipLocked})
           AND ${CLAIMABLE}
         RETURNING ${DELIVERY_COLUMNS}`,
        [now, new Date(now.getTime() + lockMs), holder, Math.max(1, Math.floor(limit)), ...list],
      );
      return rows.sort(claimOrder).map(toDelivery);
    },
    async renewLock(id, holder, until) {
      return (await sql.run(`UPDATE "Delivery" SET "lockedUntil" = $1 WHERE "id" = $2 AND "lockedBy" = $3 AND "status" = 'sending'`, [until, id, holder])) === 1;
    },
    markSent(id, at, externalId) {
      return new Promise<void>((resolve, reject) => {
        sentMarks.push({ params: [at, externalId ?? null, id], resolve, reject });
        if (sentMarks.length >= MARK_SENT_BATCH) flushSentMarks();
        else sentTimer ??= setTimeout(flushSentMarks, MARK_SENT_WINDOW_MS);
      });
    },
    async markRetry(id, nextAttemptAt, error) {
      await sql.run(`UPDATE "Delivery" SET "status" = 'retry', "nextAttemptAt" = $1, "lockedUntil" = NULL, "attempts" = "attempts" + 1, "lastError" = $2 WHERE "id" = $3`, [nextAttemptAt, error, id]);
    },
    async defer(id, until) {
      await sql.run(`UPDATE "Delivery" SET "status" = 'pending', "nextAttemptAt" = $1, "lockedUntil" = NULL WHERE "id" = $2`, [until, id]);
    },
    async markFinal(id, status, error) {
      await sql.run(`UPDATE "Delivery" SET "status" = $1, "lockedUntil" = NULL, "attempts" = "attempts" + 1, "lastError" = $2 WHERE "id" = $3`, [status, error, id]);
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
