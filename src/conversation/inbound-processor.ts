/**
 * @module Inbound pipeline: store the update first (unique per platform update id, so redeliveries and concurrent
 * duplicates have one effect), acknowledge, then process in the background, one message at a time per conversation
 * and in arrival order (across instances too, when they share the store). A turn is opened by the store (account,
 * session, order check) and closed by it in one transaction (replies, session, completion); the replies go straight
 * to this process's outbox sender. A handler error is logged with its update and the user gets a short apology,
 * never silence. Updates left unfinished by a crash are picked up again (`recover` at start, `sweep` periodically).
 */
import type { Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";
import { createTranslator, type Locale } from "../i18n/i18n";
import { conversationKey, formatAddress, type InboundMessage, type OutboundMessage } from "./channel-port";
import type { Delivery, NewDelivery } from "../delivery/outbox";
import type { OpenedTurn, SessionChange, TurnResult } from "./dispatcher";
import { createFloodGuard, type FloodGuard } from "./flood-guard";
import { createIngestPriority, type IngestPriorityOptions } from "./ingest-priority";

/** Identifies a stored update: its platform and the platform's update id (the table's unique key). */
export interface InboundRef {
  platform: string;
  updateId: string;
}

export const inboundRef = (msg: InboundMessage): InboundRef => ({ platform: msg.address.channel, updateId: msg.updateId });

export interface InboundStore {
  /**
   * Stores the update; "duplicate" when its (platform, update id) was seen before. With `claim`, a new update is
   * stored already claimed by the caller (attempt 1, locked for lockMs): one statement instead of two.
   */
  record(msg: InboundMessage, raw: unknown, claim?: { now: Date; lockMs: number }): Promise<"accepted" | "duplicate">;
  /**
   * Claims the update for processing (false if another worker has it or it is done). `ownAttempt`: the caller
   * holds attempt N and extends it, which fails if another worker has taken the update over since (a fencing token).
   */
  claim(ref: InboundRef, now: Date, lockMs: number, ownAttempt?: number): Promise<boolean>;
  /**
   * Ends the turn in one transaction: queues its replies in the outbox, stores its session change and marks the
   * update done (or failed with `error`). With `claimReplies`, new reply rows are stored already claimed by that
   * holder and returned, for it to send at once; a reply whose dedupe key exists (an earlier attempt) is left as is.
   */
  finish(ref: InboundRef, now: Date, outcome: TurnOutcome): Promise<Delivery[]>;
  /** Updates received but not completed (crash recovery), in arrival order. */
  unfinished(limit: number): Promise<InboundMessage[]>;
  /**
   * Opens the turn of a stored update: the sender's account (created, or touched) and the conversation's session,
   * and with `checkOrder` the update ids of unfinished updates of the same conversation that arrived earlier (the
   * first few; the turn must wait for those held elsewhere). One round trip where the database allows.
   */
  begin(msg: InboundMessage, opts: { checkOrder: boolean }): Promise<OpenedTurn & { earlierUnfinished: string[] }>;
}

export interface TurnOutcome {
  replies: NewDelivery[];
  session?: SessionChange;
  error?: string;
  claimReplies?: { holder: string; until: Date };
}

/**
 * The outbox sender, taking a turn's replies straight from the turn (stored claimed by it) instead of claiming them
 * from the table: one round trip less between a message and its answer.
 */
export interface ReplyHandOff {
  readonly holderId: string;
  readonly lockMs: number;
  /** Whether it sends on this channel now (running, with a sender for it). */
  adopts(channel: string): boolean;
  adopt(deliveries: readonly Delivery[]): void;
}

export interface InboundProcessorDeps {
  store: InboundStore;
  handle: (msg: InboundMessage, opened: OpenedTurn) => Promise<TurnResult>;
  /** Wakes the outbox sender for replies it has to claim itself. */
  kickOutbox: () => void;
  handOff?: ReplyHandOff;
  clock: Clock;
  logger: Logger;
  defaultLocale: Locale;
  /**
   * Updates processed at once (default 8). Processing waits for a slot; storing and acknowledging never does, so a
   * burst is acknowledged at the speed of one INSERT each while the backlog drains behind it, instead of thousands
   * of half-done turns contending for the database pool and the event loop.
   */
  maxConcurrent?: number;
  /** Burst handling (ingest-priority.ts): turns wait while updates arrive faster than this. */
  ingestPriority?: IngestPriorityOptions;
  /** Per-person message limit (flood-guard.ts); default 20 at once, then 30 a minute; null: none (test harnesses). */
  flood?: FloodGuard | null;
  /**
   * Keep each conversation's order across instances sharing the store (and across retries): an update's turn waits
   * while an earlier one of its conversation is unfinished anywhere (up to `orderWaitMs`, default 10 s, after which
   * it goes ahead: an instance that died holding the earlier one must not silence the chat for the two minutes its
   * claim lasts). Checked in the same statement that opens the turn; within one process the per-conversation queue
   * suffices.
   */
  orderAcrossInstances?: boolean;
  orderWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** How long a claim holds an update; a turn still waiting after half of it extends its claim before it starts. */
const LOCK_MS = 120_000;

export function createInboundProcessor(deps: InboundProcessorDeps) {
  const chains = new Map<string, Promise<void>>();
  const maxConcurrent = deps.maxConcurrent ?? 8;
  let running = 0;
  const waiting: (() => void)[] = [];
  const ingest = createIngestPriority(deps.ingestPriority);

  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
    const held = ingest.holdBack();
    if (held) await held;
    if (running < maxConcurrent) running++;
    else await new Promise<void>((r) => waiting.push(r)); // the releasing turn hands its slot over
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }
  /** Update ids queued or running in this process, so a sweep does not queue them twice. */
  const scheduled = new Set<string>();
  let inFlight = 0;

  /** Commits the turn (replies, session, completion) and gets the replies sent. */
  async function finish(msg: InboundMessage, replies: OutboundMessage[], rest: { session?: SessionChange; error?: string } = {}): Promise<void> {
    const to = formatAddress(msg.address);
    const now = deps.clock.now();
    const handOff = deps.handOff?.adopts(msg.address.channel) ? deps.handOff : undefined;
    const claimed = await deps.store.finish(inboundRef(msg), now, {
      ...rest,
      replies: replies.map((m, i) => ({ dedupeKey: `reply:${msg.updateId}:${i}`, recipient: to, kind: "reply", message: m })),
      claimReplies: handOff && { holder: handOff.holderId, until: new Date(now.getTime() + handOff.lockMs) },
    });
    if (claimed.length > 0) handOff?.adopt(claimed);
    if (claimed.length < replies.length) deps.kickOutbox();
  }

  /** Claims the update unless it was stored claimed (attempt 1) recently enough that the claim still holds. */
  async function own(msg: InboundMessage, storedClaimedAt: number | undefined): Promise<boolean> {
    if (storedClaimedAt === undefined) return deps.store.claim(inboundRef(msg), deps.clock.now(), LOCK_MS);
    if (performance.now() - storedClaimedAt < LOCK_MS / 2) return true;
    return deps.store.claim(inboundRef(msg), deps.clock.now(), LOCK_MS, 1);
  }

  const flood = deps.flood === undefined ? createFloodGuard() : deps.flood;

  /** Handles a claimed update, waiting (outside any processing slot) while its conversation's order requires. */
  async function handleUpdate(msg: InboundMessage, storedClaimedAt?: number): Promise<void> {
    const first = await withSlot(async () => {
      if (!(await own(msg, storedClaimedAt))) return "skip";
      const verdict = flood?.check(`${msg.address.channel}:${msg.userId}`);
      if (verdict && !verdict.allowed) {
        const notice = verdict.notify ? [{ text: createTranslator(deps.defaultLocale)("core.too_fast") }] : [];
        await finish(msg, notice, { error: "rate_limited: not handled" });
        return "skip";
      }
      return turn(msg, deps.orderAcrossInstances === true);
    });
    if (first !== "wait") return;
    const limit = deps.orderWaitMs ?? 10_000;
    for (let waited = 0, delay = 20; ; delay = Math.min(delay * 2, 1000)) {
      await sleep(delay);
      waited += delay;
      const giveUp = waited >= limit;
      if (giveUp) deps.logger.warn({ updateId: msg.updateId, channel: msg.address.channel, waitedMs: waited }, "earlier update of this conversation still unfinished; handling this one anyway");
      if ((await withSlot(() => turn(msg, !giveUp))) !== "wait") return;
    }
  }

  /** One turn: "wait" (nothing done) while an earlier update of the conversation is unfinished, when checked. */
  async function turn(msg: InboundMessage, checkOrder: boolean): Promise<"wait" | undefined> {
    let result: TurnResult;
    try {
      const opened = await deps.store.begin(msg, { checkOrder });
      // Earlier ones queued in this process are behind this turn in its own per-conversation queue (stored at the same
      // moment, queued in the other order): waiting for them would wait for itself.
      if (opened.earlierUnfinished.some((id) => !scheduled.has(id))) return "wait";
      result = await deps.handle(msg, opened);
    } catch (err) {
      return void (await failed(msg, err));
    }
    try {
      await finish(msg, result.replies, result.session ? { session: result.session } : {});
    } catch (err) {
      await failed(msg, err);
    }
    return undefined;
  }

  /** A failed turn: its session change is dropped, the user gets an apology and the update is closed as failed. */
  async function failed(msg: InboundMessage, err: unknown): Promise<void> {
    deps.logger.error({ err, updateId: msg.updateId, channel: msg.address.channel, chat: formatAddress(msg.address) }, "handler failed");
    const t = createTranslator(deps.defaultLocale);
    const error = err instanceof Error ? err.message.slice(0, 500) : "error";
    // If even this cannot be stored (the database is failing), the update stays claimed and the sweep handles it
    // again when the claim expires, instead of it being closed with nobody told.
    await finish(msg, [{ text: t("core.error_apology") }], { error }).catch((e: unknown) =>
      deps.logger.error({ err: e, updateId: msg.updateId }, "turn could not be closed; left for the sweep"),
    );
  }

  /** Queues processing behind earlier messages of the same conversation (per-chat order). */
  function schedule(msg: InboundMessage, storedClaimedAt?: number): Promise<void> {
    const key = conversationKey(msg);
    inFlight++;
    scheduled.add(msg.updateId);
    const next = (chains.get(key) ?? Promise.resolve())
      .then(() => handleUpdate(msg, storedClaimedAt))
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
      const claimedAt = performance.now();
      ingest.noteArrival();
      const res = await deps.store.record(msg, raw, { now: deps.clock.now(), lockMs: LOCK_MS });
      if (res === "accepted") void schedule(msg, claimedAt);
      return res;
    },
    /** Stores and processes, resolving when the replies are in the outbox (local chat, CLI, tests). */
    async acceptAndWait(msg: InboundMessage, raw: unknown = null): Promise<"accepted" | "duplicate"> {
      const claimedAt = performance.now();
      const res = await deps.store.record(msg, raw, { now: deps.clock.now(), lockMs: LOCK_MS });
      if (res === "accepted") await schedule(msg, claimedAt);
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
