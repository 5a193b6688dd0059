/**
 * @module Sends due outbox rows through the channel senders, paced by token buckets, with retries:
 * 429 → exactly retry_after later; 5xx/network → exponential backoff with jitter; blocked/unknown chat → the
 * recipient is marked unreachable (the batch goes on); permanent errors → dead-lettered with the reason.
 */
import { parseAddress, SendError, type ChannelAddress, type ChannelSender } from "../conversation/channel-port";
import type { Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";
import { scrubSecrets } from "../shared/logger";
import type { Delivery, OutboxRepository } from "./outbox";
import { createTokenBucket, DEFAULT_LIMITS, type ChannelLimits, type TokenBucket } from "./token-bucket";

export interface OutboxDispatcherDeps {
  repo: OutboxRepository;
  senders: Map<string, ChannelSender>;
  clock: Clock;
  logger: Logger;
  holderId: string;
  limits?: Record<string, ChannelLimits>;
  /** Parallel recipients per pump (each recipient's messages stay in order). */
  concurrency?: number;
  maxAttempts?: number;
  /** Called when a recipient cannot be reached (blocked, chat not found, Zalo window closed). */
  onUnreachable?: (d: Delivery, to: ChannelAddress, reason: string) => Promise<void>;
  onGroupMigrated?: (to: ChannelAddress, newChatId: string) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Monotonic milliseconds for pacing (real time even when the business clock is fixed, e.g. `reminders run --at`). */
  monotonicMs?: () => number;
  /**
   * The earliest time at or after `at` when this delivery may go out (reminders: inside the sending window on a
   * working day). A row claimed outside its window, and a retry that would fall outside it, wait for it instead.
   * Absent: any time.
   */
  sendableFrom?: (d: Delivery, at: Date) => Date;
}

export interface OutboxDispatcher {
  /** Sends everything due now; returns how many rows were handled. */
  pump(): Promise<number>;
  /** The holder name this process claims rows under, and how long a claim holds. */
  readonly holderId: string;
  readonly lockMs: number;
  /** Whether `adopt` sends on this channel now: the loop is running and a sender for it is configured. */
  adopts(channel: string): boolean;
  /**
   * Sends rows the caller stored already claimed under `holderId` (a turn's replies), without claiming them from the
   * table first. Each recipient's messages still go in order, together with the rows the pump claims. If this process
   * dies first, the rows are claimed again by anyone once their lock expires.
   */
  adopt(deliveries: readonly Delivery[]): void;
  /** Starts the background loop (polls, and wakes early on kick()). */
  start(pollMs?: number): void;
  stop(): Promise<void>;
  /** Wakes the loop now (after an enqueue). */
  kick(): void;
}

const BATCH = 200;
const LOCK_MS = 60_000;
/**
 * A row sent within this long of its claim still holds ≥55 s of lock, more than the slowest send (Zalo: refresh the
 * token once and retry once, 3 × 15 s), so no other instance can take it over mid-send and the renewal round trip
 * is skipped. Rows that waited longer (pacing, a long batch) renew before sending.
 */
const RENEW_AFTER_MS = 5_000;
const KICK_COALESCE_MS = 3;
/** Longest a recipient's later messages wait behind one being retried (the longest backoff). */
const MAX_ORDER_HOLD_MS = 300_000;
/** Adopted replies in flight at once (more wait in memory, claimed; stale claims are renewed before sending). */
const ADOPT_CONCURRENCY = 32;

export function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + random() * (base / 2));
}

export function createOutboxDispatcher(deps: OutboxDispatcherDeps): OutboxDispatcher {
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const maxAttempts = deps.maxAttempts ?? 8;
  const buckets = new Map<string, TokenBucket>();
  const mono = deps.monotonicMs ?? (() => performance.now());
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let kickTimer: ReturnType<typeof setTimeout> | null = null;
  let pumping: Promise<number> | null = null;
  // Retries this process scheduled (monotonic ms): the loop wakes at the earliest instead of at the next poll, so a
  // 429's retry_after is honoured to the millisecond rather than up to one poll interval late.
  let retryWakes: number[] = [];
  const noteRetry = (waitMs: number) => {
    retryWakes.push(mono() + waitMs);
    // Noted outside a pump (an adopted reply): the sleeping loop re-computes its wake-up time.
    wake?.();
  };
  /** A kick that came while no sleep could be cut short (during a pump): the loop pumps once more at once. */
  let kicked = false;
  function loopDelay(pollMs: number): number {
    const now = mono();
    const passed = retryWakes.length;
    retryWakes = retryWakes.filter((w) => w > now);
    // A retry fell due while the last pump was finishing: one more pump now.
    if (retryWakes.length < passed) return 0;
    const untilRetry = retryWakes.reduce((m, w) => Math.min(m, w), Number.POSITIVE_INFINITY) - now;
    // +1 ms: the row's nextAttemptAt (business clock, whole ms) must be ≤ now when it is claimed.
    return Math.min(pollMs, Math.ceil(untilRetry) + 1);
  }

  let created = 0;
  function bucket(key: string, spec: ChannelLimits[keyof ChannelLimits]): TokenBucket {
    let b = buckets.get(key);
    if (!b) {
      // One bucket per chat ever written to: forget the idle ones now and then, so memory follows active chats.
      if (++created % 1000 === 0) for (const [k, old] of buckets) if (old.isIdle(mono())) buckets.delete(k);
      buckets.set(key, (b = createTokenBucket(spec, mono())));
    }
    return b;
  }

  async function pace(to: ChannelAddress): Promise<TokenBucket> {
    const l = limits[to.channel] ?? DEFAULT_LIMITS.telegram!;
    const chat = bucket(`${to.channel}:${to.chatId}`, to.isGroup ? l.perGroup : l.perChat);
    const global = bucket(`${to.channel}:*`, l.global);
    for (;;) {
      const now = mono();
      const wait = Math.max(chat.waitMs(now), global.waitMs(now));
      if (wait <= 0) {
        chat.take(now);
        global.take(now);
        return chat;
      }
      await sleep(wait);
    }
  }

  /** `at`, or the start of the delivery's next sending window. */
  const sendableFrom = (d: Delivery, at: Date): Date => deps.sendableFrom?.(d, at) ?? at;

  async function handle(d: Delivery, claimedAt: number): Promise<void> {
    const to = parseAddress(d.recipient);
    const sender = deps.senders.get(to.channel);
    if (!sender) return deps.repo.markFinal(d.id, "dead", `channel ${to.channel} is not enabled`);
    // Due, but delayed (an outage, a long queue) past its window: a reminder at 23:00 is worse than one tomorrow.
    const now = deps.clock.now();
    const windowOpens = sendableFrom(d, now);
    if (windowOpens.getTime() > now.getTime()) return deps.repo.defer(d.id, windowOpens);
    const heldUntil = retryHold(d, now);
    if (heldUntil) {
      noteRetry(heldUntil.getTime() - now.getTime());
      return deps.repo.defer(d.id, heldUntil);
    }
    const chatBucket = await pace(to);
    // Pacing may have outlived the batch's lock: re-check ownership right before the send (no double send by
    // another instance that re-claimed the row meanwhile).
    const fresh = mono() - claimedAt < RENEW_AFTER_MS;
    if (!fresh && !(await deps.repo.renewLock(d.id, deps.holderId, new Date(deps.clock.now().getTime() + LOCK_MS)))) return;
    let res: Awaited<ReturnType<ChannelSender["send"]>>;
    try {
      res = await sender.send(to, d.message);
    } catch (err) {
      return handleFailure(d, to, err, chatBucket);
    }
    await markSentOrLeave(d, res.externalId);
  }

  /**
   * The platform has the message: failing to record that must not count as a failed send (a retry would deliver it
   * twice). The mark is retried briefly; if the store stays down the row stays "sending" and is sent again when its
   * lock expires, the documented in-flight window.
   */
  async function markSentOrLeave(d: Delivery, externalId: string | undefined): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await deps.repo.markSent(d.id, deps.clock.now(), externalId);
      } catch (err) {
        if (attempt >= 3) return void deps.logger.error({ err, deliveryId: d.id }, "delivery sent but not marked");
        await sleep(200 * 2 ** attempt);
      }
    }
  }

  async function handleFailure(d: Delivery, to: ChannelAddress, err: unknown, chatBucket: TokenBucket): Promise<void> {
    const now = deps.clock.now();
    const reason = scrubSecrets(err instanceof Error ? err.message : String(err)).slice(0, 500);
    const kind = err instanceof SendError ? err.kind : "transient";
    deps.logger.warn({ deliveryId: d.id, kind: d.kind, channel: to.channel, failure: kind, attempts: d.attempts + 1, reason }, "delivery failed");
    if (err instanceof SendError && err.newChatId) {
      await deps.onGroupMigrated?.(to, err.newChatId);
      return deps.repo.redirect(d.id, `${to.channel}:g:${err.newChatId}`, now);
    }
    if (kind === "rate_limited") {
      const wait = err instanceof SendError && err.retryAfterMs !== undefined ? err.retryAfterMs : backoffMs(d.attempts + 1, random);
      chatBucket.pauseUntil(mono() + wait);
      noteRetry(wait);
      return markRetry(d, sendableFrom(d, new Date(now.getTime() + wait)), reason);
    }
    if (kind === "unreachable") {
      await deps.repo.markFinal(d.id, "unreachable", reason);
      return deps.onUnreachable?.(d, to, reason);
    }
    if (kind === "permanent" || d.attempts + 1 >= maxAttempts) return deps.repo.markFinal(d.id, "dead", reason);
    const backoff = backoffMs(d.attempts + 1, random);
    noteRetry(backoff);
    return markRetry(d, sendableFrom(d, new Date(now.getTime() + backoff)), reason);
  }

  /**
   * A recipient's messages after one that is waiting for its retry are held back until just after it (deferred,
   * so the claim order, which follows the due time, sends the retried one first): a 429 or a network error never
   * lets a later message overtake an earlier one. Not for long waits (a reminder retried into the next morning's
   * window does not hold a chat's answers overnight), nor for a retry this process no longer sees come back.
   */
  const retrying = new Map<string, { id: string; until: number }>();
  async function markRetry(d: Delivery, at: Date, reason: string): Promise<void> {
    await deps.repo.markRetry(d.id, at, reason);
    const now = deps.clock.now().getTime();
    if (at.getTime() - now > MAX_ORDER_HOLD_MS) return;
    // Holds are dropped when the retried message comes back; one that never does (sent by another instance) is
    // forgotten here once it has expired, so the map follows the recipients with retries in progress.
    if (retrying.size >= 10_000) for (const [k, r] of retrying) if (r.until + MAX_ORDER_HOLD_MS < now) retrying.delete(k);
    retrying.set(d.recipient, { id: d.id, until: at.getTime() });
  }
  function retryHold(d: Delivery, now: Date): Date | null {
    const r = retrying.get(d.recipient);
    if (!r) return null;
    if (r.id === d.id || r.until + MAX_ORDER_HOLD_MS < now.getTime()) {
      retrying.delete(d.recipient);
      return null;
    }
    return new Date(Math.max(r.until, now.getTime()) + 1);
  }

  // Each recipient's messages are handled one after the other, whether the pump claimed them or a turn handed
  // them over: a recipient's next message starts once its previous one is sent, retried or given up.
  const tails = new Map<string, Promise<void>>();
  const ignore = () => undefined;
  function inOrder(d: Delivery, claimedAt: number): Promise<void> {
    const prev = tails.get(d.recipient);
    const run = prev ? prev.then(() => handle(d, claimedAt)) : handle(d, claimedAt);
    const tail = run.then(ignore, ignore);
    tails.set(d.recipient, tail);
    void tail.then(() => {
      if (tails.get(d.recipient) === tail) tails.delete(d.recipient);
    });
    return run;
  }

  const adoptQueue: { d: Delivery; at: number }[] = [];
  const adopted = new Set<Promise<void>>();
  function drainAdopted(): void {
    while (adopted.size < ADOPT_CONCURRENCY && adoptQueue.length > 0) {
      const { d, at } = adoptQueue.shift()!;
      const p: Promise<void> = inOrder(d, at)
        // Left claimed in the table: it is sent again once the claim expires.
        .catch((err: unknown) => deps.logger.error({ err, deliveryId: d.id }, "adopted delivery failed"))
        .finally(() => {
          adopted.delete(p);
          drainAdopted();
        });
      adopted.add(p);
    }
  }

  async function pumpOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      // Only channels this process can send on: other instances (or the local chat) may share the database.
      const claimedAt = mono();
      const batch = await deps.repo.claimDue(deps.clock.now(), BATCH, deps.holderId, LOCK_MS, [...deps.senders.keys()]);
      if (batch.length === 0) return handled;
      const byRecipient = new Map<string, Delivery[]>();
      for (const d of batch) byRecipient.set(d.recipient, [...(byRecipient.get(d.recipient) ?? []), d]);
      const queues = [...byRecipient.values()];
      const workers = Array.from({ length: Math.min(deps.concurrency ?? 16, queues.length) }, async () => {
        for (let q = queues.shift(); q; q = queues.shift()) for (const d of q) await inOrder(d, claimedAt);
      });
      await Promise.all(workers);
      handled += batch.length;
    }
  }

  const pump = (): Promise<number> => {
    // One pump at a time per process; concurrent callers share it.
    if (!pumping) pumping = pumpOnce().finally(() => (pumping = null));
    return pumping;
  };

  return {
    pump,
    holderId: deps.holderId,
    lockMs: LOCK_MS,
    adopts: (channel) => running && deps.senders.has(channel),
    adopt(ds) {
      const at = mono();
      for (const d of ds) adoptQueue.push({ d, at });
      drainAdopted();
    },
    start(pollMs = 500) {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          kicked = false;
          try {
            await pump();
          } catch (err) {
            deps.logger.error({ err }, "outbox pump failed");
          }
          const delay = kicked ? 0 : loopDelay(pollMs);
          await new Promise<void>((r) => {
            const t = setTimeout(r, delay);
            wake = () => {
              clearTimeout(t);
              r();
            };
          });
          wake = null;
        }
      })();
    },
    async stop() {
      running = false;
      if (kickTimer) clearTimeout(kickTimer);
      kickTimer = null;
      wake?.();
      await loop;
      await pumping;
      while (adopted.size > 0) await Promise.all([...adopted]);
    },
    kick() {
      // Coalesced: rows enqueued within a few ms of each other are claimed by one pump (one claim query for the
      // batch instead of one per row). A kick during a pump is remembered: the pump may have made its last claim
      // before the row was committed.
      kicked = true;
      if (wake && !kickTimer) {
        kickTimer = setTimeout(() => {
          kickTimer = null;
          wake?.();
        }, KICK_COALESCE_MS);
      }
    },
  };
}
