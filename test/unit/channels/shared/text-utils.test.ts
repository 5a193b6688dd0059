import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appendNumberedChoices, resolveNumberedChoice } from "../../../../src/channels/shared/numbered-choices.js";
import { parseJsonKeepingBigInts } from "../../../../src/channels/shared/safe-json.js";
import { splitText } from "../../../../src/channels/shared/text-chunks.js";

describe("splitText", () => {
  it("keeps short text whole and drops blank text", () => {
    expect(splitText("một\nhai", 100)).toEqual(["một\nhai"]);
    expect(splitText("  \n ", 100)).toEqual([]);
  });

  it("breaks on line boundaries when lines fit", () => {
    expect(splitText("aaaa\nbbbb\ncccc", 9)).toEqual(["aaaa\nbbbb", "cccc"]);
  });

  it("cuts an over-long line at spaces, then inside a word without splitting surrogate pairs", () => {
    expect(splitText("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
    const emoji = "😀".repeat(5);
    const parts = splitText(emoji, 4);
    expect(parts).toEqual(["😀😀", "😀😀", "😀"]);
  });

  it("respects a non-additive measure (rendered length)", () => {
    const measure = (s: string) => s.replace(/&/g, "&amp;").length;
    for (const c of splitText("&&&&\n&&&&\n&&&&", 20, measure)) expect(measure(c)).toBeLessThanOrEqual(20);
  });

  it("never exceeds the limit and never loses non-space characters (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 2, max: 50 }), (text, max) => {
        const chunks = splitText(text, max);
        for (const c of chunks) expect(c.length).toBeLessThanOrEqual(max);
        expect(chunks.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      }),
    );
  });
});

describe("numbered choices", () => {
  const buttons = [{ label: "Đúng", data: "confirm:1" }, { label: "Sửa", data: "edit:1" }];

  it("appends numbered lines and the translated hint", () => {
    const t = (key: string, p?: Record<string, string | number>) => `${key}(${p?.max})`;
    expect(appendNumberedChoices("Xác nhận?", buttons, t)).toBe("Xác nhận?\n\n1. Đúng\n2. Sửa\nchannels.choices.hint(2)");
  });

  it("maps a numeric reply back to the button data", () => {
    expect(resolveNumberedChoice(" 2. ", buttons)).toBe("edit:1");
    expect(resolveNumberedChoice("1", buttons)).toBe("confirm:1");
    expect(resolveNumberedChoice("3", buttons)).toBeUndefined();
    expect(resolveNumberedChoice("2 tỷ", buttons)).toBeUndefined();
  });
});

describe("parseJsonKeepingBigInts", () => {
  it("keeps ids above 2^53 exact and leaves strings and small numbers alone", () => {
    const parsed = parseJsonKeepingBigInts('{"user_id":4680982613432547863,"n":12,"s":"x 12345678901234567 y","f":1.5}') as Record<string, unknown>;
    expect(parsed).toEqual({ user_id: "4680982613432547863", n: 12, s: "x 12345678901234567 y", f: 1.5 });
  });

  it("handles escaped quotes inside strings", () => {
    expect(parseJsonKeepingBigInts('["a\\"12345678901234567890", 12345678901234567890]')).toEqual([
      'a"12345678901234567890',
      "12345678901234567890",
    ]);
  });
});
