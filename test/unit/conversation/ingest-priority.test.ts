import { describe, expect, it } from "vitest";
import { createIngestPriority } from "../../../src/conversation/ingest-priority";

function fakeClock() {
  let t = 1_000;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

describe("ingest priority", () => {
  it("never holds turns back under a load below the threshold", () => {
    const clock = fakeClock();
    const p = createIngestPriority({ aboveRatePerSec: 700, maxDeferMs: 500 }, clock);
    for (let i = 0; i < 300; i++) {
      p.noteArrival();
      clock.advance(1000 / 300); // 300/s, steady
      expect(p.holdBack()).toBeNull();
    }
  });

  it("holds turns back during a burst with one shared wait, released when the burst ends or after the cap", async () => {
    const clock = fakeClock();
    const p = createIngestPriority({ aboveRatePerSec: 700, maxDeferMs: 500 }, clock);
    for (let i = 0; i < 400; i++) p.noteArrival(); // 400 at once: 2,000/s over a window
    expect(p.rate()).toBeGreaterThan(700);
    const a = p.holdBack();
    const b = p.holdBack();
    expect(a).not.toBeNull();
    expect(b).toBe(a); // one wait for everyone
    const start = clock.now();
    await a; // nothing else arrives: released once the rate has fallen
    expect(clock.now() - start).toBeLessThanOrEqual(500);
    expect(p.holdBack()).toBeNull();
  });

  it("lets turns start after at most maxDeferMs even while the burst goes on", async () => {
    const clock = fakeClock();
    const p = createIngestPriority({ aboveRatePerSec: 700, maxDeferMs: 500 }, clock);
    const sleep = clock.sleep;
    clock.sleep = async (ms) => {
      for (let i = 0; i < 10; i++) p.noteArrival(); // 2,000/s keeps arriving
      await sleep(ms);
    };
    for (let i = 0; i < 200; i++) p.noteArrival();
    const start = clock.now();
    await p.holdBack();
    expect(clock.now() - start).toBeGreaterThanOrEqual(500);
    expect(clock.now() - start).toBeLessThan(510);
  });
});
