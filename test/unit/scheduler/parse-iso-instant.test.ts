import { describe, expect, it } from "vitest";
import { parseIsoInstant } from "../../../src/app/features/parse-iso-instant";

const TZ = "Asia/Ho_Chi_Minh";

describe("parseIsoInstant (reminders run --at)", () => {
  it("reads offsets, Z and local times in the app's zone", () => {
    expect(parseIsoInstant("2021-04-05T08:00:00+07:00", TZ)?.toISOString()).toBe("2021-04-05T01:00:00.000Z");
    expect(parseIsoInstant("2021-04-05T08:00+0700", TZ)?.toISOString()).toBe("2021-04-05T01:00:00.000Z");
    expect(parseIsoInstant("2021-04-05T01:00:00.500Z", TZ)?.toISOString()).toBe("2021-04-05T01:00:00.500Z");
    expect(parseIsoInstant("2021-04-05T08:00", TZ)?.toISOString()).toBe("2021-04-05T01:00:00.000Z");
  });

  it("rejects impossible dates and anything that is not an ISO date-time", () => {
    for (const bad of ["2021-02-30T08:00", "2021-04-05T24:00", "2021-04-05", "tomorrow", "05/04/2021 08:00", "2021-04-05T08:00+25:00", ""]) {
      expect(parseIsoInstant(bad, TZ), bad).toBeNull();
    }
  });
});
