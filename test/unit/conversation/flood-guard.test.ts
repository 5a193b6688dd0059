import { describe, expect, it } from "vitest";
import { createFloodGuard } from "../../../src/conversation/flood-guard";

describe("flood guard", () => {
  it("lets a burst through, refuses beyond it with one notice per run, and recovers at the refill rate", () => {
    let now = 0;
    const guard = createFloodGuard({ ratePerSec: 0.5, burst: 3 }, () => now);
    const verdicts = Array.from({ length: 6 }, () => guard.check("telegram:1"));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false, false, false]);
    expect(verdicts.map((v) => v.notify)).toEqual([false, false, false, true, false, false]);
    expect(guard.check("telegram:2").allowed).toBe(true); // others are not affected
    now += 1999;
    expect(guard.check("telegram:1").allowed).toBe(false);
    now += 1;
    expect(guard.check("telegram:1")).toEqual({ allowed: true, notify: false });
    expect(guard.check("telegram:1")).toEqual({ allowed: false, notify: true }); // a new run of refusals: told again
  });

  it("forgets people whose bucket has refilled, so memory stays bounded", () => {
    let now = 0;
    const guard = createFloodGuard({ ratePerSec: 1, burst: 2 }, () => now);
    for (let i = 0; i < 999; i++) guard.check(`zalo:${i}`);
    expect(guard.size()).toBe(999);
    now += 10_000;
    guard.check("zalo:new"); // the 1,000th check prunes
    expect(guard.size()).toBe(1);
  });
});
