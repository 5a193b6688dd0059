/**
 * @module Acknowledging comes first. While updates arrive faster than `aboveRatePerSec`, new turns wait (up to
 * `maxDeferMs`) so that a burst is stored and answered 200 at the speed of the inserts and the platforms do not time
 * out and redeliver; the backlog drains as soon as the burst eases. The rate is counted over windows of 200 ms.
 */
export interface IngestPriorityOptions {
  aboveRatePerSec: number;
  maxDeferMs: number;
}

/** 700/s is above what one instance answers, so a steady load it can serve is never held back. */
export const DEFAULT_INGEST_PRIORITY: IngestPriorityOptions = { aboveRatePerSec: 700, maxDeferMs: 500 };

const WINDOW_MS = 200;

export function createIngestPriority(
  opts: IngestPriorityOptions = DEFAULT_INGEST_PRIORITY,
  clock: { now(): number; sleep(ms: number): Promise<void> } = { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
) {
  let windowStart = Number.NEGATIVE_INFINITY;
  let inWindow = 0;
  let lastRate = 0;
  /** One shared wait for every turn held back (a burst queues thousands of turns: one timer, not one each). */
  let held: Promise<void> | null = null;

  /** Arrivals per second: the current window once it is full, else the larger of it and the previous one. */
  function rate(): number {
    const age = clock.now() - windowStart;
    if (age >= 2 * WINDOW_MS) return 0;
    return age >= WINDOW_MS ? (inWindow * 1000) / age : Math.max(lastRate, (inWindow * 1000) / WINDOW_MS);
  }

  return {
    rate,
    /** Counts one arriving update. */
    noteArrival(): void {
      const now = clock.now();
      if (now - windowStart >= WINDOW_MS) {
        lastRate = now - windowStart < 2 * WINDOW_MS ? (inWindow * 1000) / (now - windowStart) : 0;
        windowStart = now;
        inWindow = 0;
      }
      inWindow++;
    },
    /** A wait to await before starting a turn during a burst, or null when the turn may start now. */
    holdBack(): Promise<void> | null {
      if (held || rate() <= opts.aboveRatePerSec) return held;
      held = (async () => {
        const until = clock.now() + opts.maxDeferMs;
        while (rate() > opts.aboveRatePerSec && clock.now() < until) await clock.sleep(5);
        held = null;
      })();
      return held;
    },
  };
}

export type IngestPriority = ReturnType<typeof createIngestPriority>;
