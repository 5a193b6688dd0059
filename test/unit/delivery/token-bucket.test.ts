import { describe, expect, it } from "vitest";
import { createTokenBucket } from "../../../src/delivery/token-bucket";

describe("token bucket", () => {
  it("paces at its rate after the burst and honours a pause", () => {
    const b = createTokenBucket({ ratePerSec: 2, burst: 2 }, 0);
    expect(b.waitMs(0)).toBe(0);
    b.take(0);
    b.take(0);
    expect(b.waitMs(0)).toBe(500);
    expect(b.waitMs(500)).toBe(0);
    b.pauseUntil(5_000);
    expect(b.waitMs(600)).toBe(4_400);
  });

  it("is idle only when full and not paused, i.e. when a new bucket would behave the same", () => {
    const b = createTokenBucket({ ratePerSec: 1, burst: 3 }, 0);
    expect(b.isIdle(0)).toBe(true);
    b.take(0);
    expect(b.isIdle(500)).toBe(false);
    expect(b.isIdle(1_000)).toBe(true);
    b.pauseUntil(3_000);
    expect(b.isIdle(2_000)).toBe(false);
    expect(b.isIdle(3_000)).toBe(true);
  });
});
