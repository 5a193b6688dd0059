/**
 * @module Per-person message limit. One account (linked or not) sending without pause would otherwise keep the
 * bot busy for everyone at a few ms of CPU per message. Each person (channel + user id) gets a token bucket:
 * a burst of 20 messages, then one every 2 seconds (30 a minute), far above what someone typing or tapping does.
 * Beyond it, messages are stored (redeliveries stay deduplicated) but not handled, and the person is told once per
 * burst. The limit is per instance; several instances multiply it (documented in the README).
 */
import { createTokenBucket, type BucketSpec, type TokenBucket } from "../delivery/token-bucket";

export const DEFAULT_FLOOD_LIMIT: BucketSpec = { ratePerSec: 0.5, burst: 20 };

export interface FloodVerdict {
  allowed: boolean;
  /** True for the first refused message of a run of refusals: the one that gets the "slow down" answer. */
  notify: boolean;
}

export function createFloodGuard(spec: BucketSpec = DEFAULT_FLOOD_LIMIT, monotonicMs: () => number = () => performance.now()) {
  const people = new Map<string, { bucket: TokenBucket; refusing: boolean; seen: number }>();
  let sincePrune = 0;
  /** Forgets people idle long enough for their bucket to be full again (bounded memory). */
  function prune(now: number): void {
    const idleMs = (spec.burst / spec.ratePerSec) * 1000;
    for (const [k, p] of people) if (now - p.seen > idleMs) people.delete(k);
  }
  return {
    check(person: string): FloodVerdict {
      const now = monotonicMs();
      if (++sincePrune >= 1000) (sincePrune = 0), prune(now);
      let p = people.get(person);
      if (!p) people.set(person, (p = { bucket: createTokenBucket(spec, now), refusing: false, seen: now }));
      p.seen = now;
      if (p.bucket.waitMs(now) === 0) {
        p.bucket.take(now);
        p.refusing = false;
        return { allowed: true, notify: false };
      }
      const notify = !p.refusing;
      p.refusing = true;
      return { allowed: false, notify };
    },
    /** People currently tracked (tests). */
    size: () => people.size,
  };
}

export type FloodGuard = ReturnType<typeof createFloodGuard>;
