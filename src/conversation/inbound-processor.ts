/**
 * @module Inbound pipeline: store the update first (unique per platform update id, so redeliveries and concurrent
 * duplicates have one effect), acknowledge, then process in the background, one message at a time per chat.
 * A handler error is logged with its update and the user gets a short apology, never silence. Updates left
 * unfinished by a crash are picked up again at start (`recover`).
 */
import type { Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";
import { createTranslator, type Locale } from "../i18n/i18n";
import { formatAddress, type InboundMessage, type OutboundMessage } from "./channel-port";
import type { OutboxPort } from "./services";

export interface InboundStore {
  /** Stores the update; "duplicate" when its (platform, update id) was seen before. */
  record(msg: InboundMessage, raw: unknown): Promise<"accepted" | "duplicate">;
  /** Claims the update for processing (false if another worker has it or it is done). */
  claim(updateId: string, now: Date, lockMs: number): Promise<boolean>;
  complete(updateId: string, now: Date, error?: string): Promise<void>;
  /** Updates received but not completed (crash recovery), oldest first. */
  unfinished(limit: number): Promise<InboundMessage[]>;
}

export interface InboundProcessorDeps {
  store: InboundStore;
  handle: (msg: InboundMessage) => Promise<OutboundMessage[]>;
  outbox: OutboxPort;
  kickOutbox: () => void;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
  /**
   * Updates processed at once (default 8). Processing waits for a slot; storing and acknowledging never does, so a
   * burst is acknowledged at the speed of one INSERT each while the backlog drains behind it, instead of thousands
   * of half-done turns contending for the database pool and the event loop.
   */
  maxConcurrent?: number;
}

export function createInboundProcessor(deps: InboundProcessorDeps) {
  const chains = new Map<string, Promise<void>>();
  const maxConcurrent = deps.maxConcurrent ?? 8;
  let running = 0;
  const waiting: (() => void)[] = [];
  async function withSlot(fn: () => Promise<void>): Promise<void> {
    if (running < maxConcurrent) running++;
    else await new Promise<void>((r) => waiting.push(r)); // the releasing turn hands its slot over
    try {
      await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }
  /** Update ids queued or running in this process, so a sweep does not queue them twice. */
  const scheduled = new Set<string>();
  let inFlight = 0;

  async function deliverReplies(msg: InboundMessage, replies: OutboundMessage[]): Promise<void> {
    const to = formatAddress(msg.address);
    for (const [i, m] of replies.entries()) {
      await deps.outbox.enqueue({ dedupeKey: `reply:${msg.updateId}:${i}`, recipient: to, kind: "reply", message: m }, deps.clock.now());
    }
    if (replies.length > 0) deps.kickOutbox();
  }

  async function process(msg: InboundMessage): Promise<void> {
    if (!(await deps.store.claim(msg.updateId, deps.clock.now(), 120_000))) return;
    try {
      const replies = await deps.handle(msg);
      await deliverReplies(msg, replies);
      await deps.store.complete(msg.updateId, deps.clock.now());
    } catch (err) {
      deps.logger.error({ err, updateId: msg.updateId, channel: msg.address.channel, chat: formatAddress(msg.address) }, "handler failed");
      const t = createTranslator(deps.defaultLocale);
      const apologised = await deliverReplies(msg, [{ text: t("core.error_apology") }]).then(() => true, () => false);
      // Neither the answer nor the apology could be queued (the database is failing): leave the update claimed, so
      // the sweep handles it again when the claim expires, instead of closing it with nobody told.
      if (!apologised) return;
      await deps.store.complete(msg.updateId, deps.clock.now(), err instanceof Error ? err.message.slice(0, 500) : "error");
    }
  }

  /** Queues processing behind earlier messages of the same chat (per-chat order). */
  function schedule(msg: InboundMessage): Promise<void> {
    const key = `${formatAddress(msg.address)}:${msg.userId}`;
    inFlight++;
    scheduled.add(msg.updateId);
    const next = (chains.get(key) ?? Promise.resolve())
      .then(() => withSlot(() => process(msg)))
      // Left unfinished in the store (e.g. the database failed to claim or complete it): a later sweep retries it.
      .catch((err) => deps.logger.error({ err, updateId: msg.updateId }, "inbound chain failed"))
      .finally(() => {
        inFlight--;
        scheduled.delete(msg.updateId);
        if (chains.get(key) === next) chains.delete(key);
      });
    chains.set(key, next);
    return next;
  }

  return {
    /** Webhook sink: resolves once the update is durably stored; processing continues in the background. */
    async accept(msg: InboundMessage, raw: unknown): Promise<"accepted" | "duplicate"> {
      const res = await deps.store.record(msg, raw);
      if (res === "accepted") void schedule(msg);
      return res;
    },
    /** Stores and processes, resolving when the replies are in the outbox (local chat, CLI, tests). */
    async acceptAndWait(msg: InboundMessage, raw: unknown = null): Promise<"accepted" | "duplicate"> {
      const res = await deps.store.record(msg, raw);
      if (res === "accepted") await schedule(msg);
      return res;
    },
    async recover(): Promise<number> {
      const pending = (await deps.store.unfinished(1000)).filter((m) => !scheduled.has(m.updateId));
      await Promise.all(pending.map((m) => schedule(m)));
      return pending.length;
    },
    /**
     * Queues what is stored but unfinished and not already queued here: updates whose processing failed on a
     * database error, or that a crashed instance had claimed (once their lock expires). Does not wait for them.
     * Claims keep this safe with several instances: an update still locked elsewhere is skipped.
     */
    async sweep(): Promise<number> {
      const pending = (await deps.store.unfinished(1000)).filter((m) => !scheduled.has(m.updateId));
      for (const m of pending) void schedule(m);
      return pending.length;
    },
    /** Resolves when nothing is being processed (graceful shutdown, tests). */
    async idle(): Promise<void> {
      while (inFlight > 0) await Promise.all([...chains.values()]);
    },
  };
}

export type InboundProcessor = ReturnType<typeof createInboundProcessor>;
