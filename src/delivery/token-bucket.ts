/** @module Token buckets for platform rate limits (per chat, per group, per bot). Time is injected for tests. */

export interface BucketSpec {
  /** Tokens added per second. */
  ratePerSec: number;
  /** Maximum burst. */
  burst: number;
}

export interface TokenBucket {
  /** Milliseconds until one token is available (0 = now). Does not take it. */
  waitMs(nowMs: number): number;
  take(nowMs: number): void;
  /** Blocks the bucket until `untilMs` (a 429 retry_after). */
  pauseUntil(untilMs: number): void;
  /** Full and not paused: forgetting it changes nothing (a new bucket starts full). */
  isIdle(nowMs: number): boolean;
}

export function createTokenBucket(spec: BucketSpec, startMs: number): TokenBucket {
  let tokens = spec.burst;
  let last = startMs;
  let pausedUntil = 0;
  const refill = (now: number) => {
    if (now > last) {
      tokens = Math.min(spec.burst, tokens + ((now - last) / 1000) * spec.ratePerSec);
      last = now;
    }
  };
  return {
    waitMs(now) {
      refill(now);
      const pause = Math.max(0, pausedUntil - now);
      const deficit = tokens >= 1 ? 0 : ((1 - tokens) / spec.ratePerSec) * 1000;
      return Math.max(pause, Math.ceil(deficit));
    },
    take(now) {
      refill(now);
      tokens -= 1;
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
    isIdle(now) {
      refill(now);
      return tokens >= spec.burst && pausedUntil <= now;
    },
  };
}

/** Limits per channel: one bucket per chat, one per group chat, one for the whole bot. */
export interface ChannelLimits {
  perChat: BucketSpec;
  perGroup: BucketSpec;
  global: BucketSpec;
}

/** Telegram's FAQ limits (about 1 msg/s per chat, 20/min per group, 30/s overall); Zalo kept well under 4,000/min. */
export const DEFAULT_LIMITS: Record<string, ChannelLimits> = {
  telegram: { perChat: { ratePerSec: 1, burst: 3 }, perGroup: { ratePerSec: 20 / 60, burst: 3 }, global: { ratePerSec: 30, burst: 30 } },
  zalo: { perChat: { ratePerSec: 2, burst: 3 }, perGroup: { ratePerSec: 20 / 60, burst: 3 }, global: { ratePerSec: 40, burst: 40 } },
  "zalo-bot": { perChat: { ratePerSec: 2, burst: 3 }, perGroup: { ratePerSec: 20 / 60, burst: 3 }, global: { ratePerSec: 20, burst: 20 } },
  local: { perChat: { ratePerSec: 1000, burst: 1000 }, perGroup: { ratePerSec: 1000, burst: 1000 }, global: { ratePerSec: 1000, burst: 1000 } },
};
