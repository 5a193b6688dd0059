/**
 * @module The durable outbox port. Every outbound message (replies, reminders, digests, receipts) is a row with a
 * unique dedupe key before anything is sent, so a logical message is sent at most once per key; the only duplicate
 * window is a crash between the platform accepting a message and the row being marked sent.
 */
import type { OutboundMessage } from "../conversation/channel-port";

export type DeliveryStatus = "pending" | "sending" | "retry" | "sent" | "dead" | "unreachable";

export interface NewDelivery {
  dedupeKey: string;
  /** Serialised ChannelAddress, e.g. "telegram:123" or "zalo:g:456". */
  recipient: string;
  kind: string;
  message: OutboundMessage;
  officerId?: string | null;
  campaignId?: string | null;
  notBefore?: Date;
  note?: string;
}

export interface Delivery {
  id: string;
  dedupeKey: string;
  recipient: string;
  channel: string;
  kind: string;
  message: OutboundMessage;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  officerId: string | null;
  note: string | null;
}

export interface OutboxRepository {
  /** Inserts unless the dedupe key exists; returns whether a new row was created. */
  enqueue(d: NewDelivery, now: Date): Promise<{ id: string; created: boolean }>;
  enqueueMany(ds: NewDelivery[], now: Date): Promise<number>;
  /**
   * Claims up to `limit` due rows for this holder (status → sending, lock until now + lockMs). With `channels`, only
   * rows of those channels: a process that cannot send on a channel (the local chat, an instance configured without
   * it) must leave that channel's rows to one that can, rather than claim and dead-letter them.
   */
  claimDue(now: Date, limit: number, holder: string, lockMs: number, channels?: readonly string[]): Promise<Delivery[]>;
  /**
   * Extends this holder's lock on a claimed row just before it is sent. False when the lock was lost (pacing made
   * the batch outlive its lock and another instance re-claimed the row): the row must then not be sent here.
   */
  renewLock(id: string, holder: string, until: Date): Promise<boolean>;
  markSent(id: string, at: Date, externalId?: string): Promise<void>;
  markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void>;
  markFinal(id: string, status: "dead" | "unreachable", error: string): Promise<void>;
  /** Releases a claimed row unsent until `until` (outside its sending window); not counted as an attempt. */
  defer(id: string, until: Date): Promise<void>;
  /** Moves a row to another recipient (Telegram group migrated to a supergroup) and makes it due again. */
  redirect(id: string, recipient: string, now: Date): Promise<void>;
  list(filter: { status?: string; kind?: string; limit?: number }): Promise<Delivery[]>;
  counts(): Promise<Record<string, number>>;
}
