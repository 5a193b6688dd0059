/** Property tests: the parser survives anything a chat platform can deliver. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMessage } from "../../../../src/domain/progress/parse/parse-message";
import type { MessageReading } from "../../../../src/domain/progress/parse/parse-message";
import { isPeriodCode } from "../../../../src/domain/progress/period";
import { brief, devContext } from "./parse-helpers";
import { evalFile, loadUtterances } from "./reference-indicators";

const INTENTS = ["report", "correction", "criteria", "progress_query", "register", "cancel", "help", "unknown"];
const TRICKY = ["\u0301", "\u0303", "\u0323", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202E", "\u2066", "\uFEFF", "\u00AD", "🙏", "👍🏽", "👨‍👩‍👧", "\n", "\t", "%", ",", ".", "-", "−", "/", "tỷ", "triệu", "nghìn", "quý", "tháng", "lũy kế", "e309", "NaN", "Infinity", "9".repeat(30)];

const vietnameseish = fc.array(
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 8 }),
    fc.constantFrom(...TRICKY),
    fc.integer({ min: -1e6, max: 1e12 }).map(String),
    fc.double({ noNaN: false }).map(String),
    fc.constantFrom("thu ngân sách", "BHYT", "GRDP", "nước sạch", "TNGT", "đạt", "giảm", "tăng", "còn", "kế hoạch", "so với cùng kỳ"),
  ),
  { maxLength: 25 },
).map((parts) => parts.join(" "));

function checkInvariants(r: MessageReading): void {
  expect(INTENTS).toContain(r.intent);
  if (r.value !== null) expect(Number.isFinite(r.value)).toBe(true);
  if (r.value !== null) expect(r.ambiguity).toBeNull();
  if (r.period !== null) expect(isPeriodCode(r.period)).toBe(true);
  if (r.indicator) expect(r.indicator.confidence).toBeGreaterThanOrEqual(0), expect(r.indicator.confidence).toBeLessThanOrEqual(1);
  for (const c of r.candidates) expect(Number.isFinite(c.score)).toBe(true);
  if (r.valueSource) expect(Number.isFinite(r.valueSource.number)).toBe(true), expect(Number.isFinite(r.valueSource.scale)).toBe(true);
  expect(r.explain).not.toContain("internal_error");
}

describe("parseMessage properties", () => {
  it("never throws and never yields a non-finite value on arbitrary unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        checkInvariants(parseMessage(text, devContext));
      }),
      { numRuns: 400 },
    );
  });

  it("holds its invariants on Vietnamese-looking noise with numbers, marks and emoji", () => {
    fc.assert(
      fc.property(vietnameseish, (text) => {
        checkInvariants(parseMessage(text, devContext));
      }),
      { numRuns: 600 },
    );
  });

  it("reads the same message the same with invisible and bidi marks sprinkled in", () => {
    const texts = loadUtterances(evalFile("report-utterances-dev.jsonl")).map((u) => u.text);
    const marks = fc.constantFrom("\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u2066", "\u2069", "\uFEFF", "\u00AD");
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(fc.tuple(fc.nat(), marks), { maxLength: 6 }), (text, inserts) => {
        let noisy = text;
        for (const [at, mark] of inserts) {
          const i = at % (noisy.length + 1);
          noisy = noisy.slice(0, i) + mark + noisy.slice(i);
        }
        expect(brief(parseMessage(noisy, devContext))).toEqual(brief(parseMessage(text, devContext)));
      }),
      { numRuns: 300 },
    );
  });

  it("reads words that are names of JavaScript's inherited properties as plain words", () => {
    // A lookup table built from an object literal answers "constructor" with a function (found by the hostile suite).
    for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"]) {
      for (const text of [word, `${word} quý 1`, `/${word}`, `thu ngân sách ${word} đạt 3.200 tỷ`, `${word} ${word}`]) {
        const r = parseMessage(text, devContext);
        checkInvariants(r);
        expect(typeof r.intent, text).toBe("string");
      }
      expect(parseMessage(word, devContext).intent).toBe("unknown");
    }
  });

  it("survives odd contexts: invalid clock, unknown zone, no indicators", () => {
    const odd = [
      { ...devContext, now: new Date(Number.NaN) },
      { ...devContext, timeZone: "Mars/Olympus" },
      { ...devContext, indicators: [] },
    ];
    for (const ctx of odd) {
      for (const text of ["Thu ngân sách quý này đạt 3.200 tỷ", "BHYT đạt 88%", "hủy", ""]) checkInvariants(parseMessage(text, ctx));
    }
    expect(parseMessage("Thu ngân sách quý này đạt 3.200 tỷ", odd[0] ?? devContext).period).toBeNull();
  });
});
