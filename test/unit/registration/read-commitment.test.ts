import { describe, expect, it } from "vitest";
import { measureMatches, parseDecimal, readCommitment } from "../../../src/domain/registration/read-commitment";

const money = { measure: "tỷ đồng", valueKind: "number" as const, maxValue: null };
const rate = { measure: "%", valueKind: "percent" as const, maxValue: 100 };
const tonnes = { measure: "triệu tấn", valueKind: "number" as const };
const flag = { measure: "đạt/không đạt", valueKind: "boolean" as const };

describe("numbers as officers type them", () => {
  it.each([
    ["3.200", 3200], ["3.200,5", 3200.5], ["6,01", 6.01], ["5.8", 5.8], ["2.100.000", 2100000], ["3,200.5", 3200.5], ["0", 0], ["1,5", 1.5],
  ])("%s → %d", (raw, n) => expect(parseDecimal(raw)).toBe(n));
  it("refuses contradictory separators", () => {
    expect(parseDecimal("1.2.3")).toBeNull();
    expect(parseDecimal("1,2,3,4")).toBeNull();
  });
});

describe("the indicator's measure, never converted", () => {
  it("accepts the measure, its leading word and common short forms", () => {
    expect(measureMatches("tỷ đồng", "tỷ đồng")).toBe(true);
    expect(measureMatches("tỷ", "tỷ đồng")).toBe(true);
    expect(measureMatches("ty dong", "tỷ đồng")).toBe(true);
    expect(measureMatches("%", "%")).toBe(true);
    expect(measureMatches("phần trăm", "%")).toBe(true);
    expect(measureMatches("tr", "triệu đồng/người/năm")).toBe(true);
    expect(measureMatches("", "tấn")).toBe(true);
  });
  it("refuses another measure, including another scale of the same one", () => {
    expect(measureMatches("tấn", "triệu tấn")).toBe(false);
    expect(measureMatches("triệu tấn", "tấn")).toBe(false);
    expect(measureMatches("%", "tỷ đồng")).toBe(false);
    expect(measureMatches("người", "lượt người")).toBe(false);
  });
});

describe("readCommitment", () => {
  it("reads a value in the measure", () => {
    expect(readCommitment("3.200 tỷ", money)).toEqual({ ok: true, value: 3200 });
    expect(readCommitment("95,5%", rate)).toEqual({ ok: true, value: 95.5 });
    expect(readCommitment("4,3", tonnes)).toEqual({ ok: true, value: 4.3 });
    expect(readCommitment("đạt", flag)).toEqual({ ok: true, value: 1 });
    expect(readCommitment("0", money)).toEqual({ ok: true, value: 0 });
  });
  it("refuses negatives, wrong measures, values above the maximum and non-numbers", () => {
    expect(readCommitment("-5", money)).toEqual({ ok: false, problem: "negative" });
    expect(readCommitment("âm 5 tỷ", money)).toEqual({ ok: false, problem: "negative" });
    expect(readCommitment("4.300.000 tấn", tonnes)).toEqual({ ok: false, problem: "wrong_measure", typedMeasure: "tấn" });
    expect(readCommitment("120%", rate)).toEqual({ ok: false, problem: "above_max" });
    expect(readCommitment("khoảng ba nghìn", money)).toEqual({ ok: false, problem: "not_a_number" });
    expect(readCommitment("2", flag)).toEqual({ ok: false, problem: "above_max" });
  });
});
