/** Every reader of user text must treat JavaScript's inherited property names as unknown words. */
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/conversation/command-parser";
import { readCommitment } from "../../src/domain/registration/read-commitment";
import { parseCriteriaCallback } from "../../src/domain/criteria/criteria-service";
import { ownValue, wordTable } from "../../src/shared/word-table";

const INHERITED = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "propertyIsEnumerable"];

describe("word tables", () => {
  it("answer only their own words", () => {
    const t = wordTable({ quy: 1 });
    expect(t.quy).toBe(1);
    for (const w of INHERITED) expect(t[w], w).toBeUndefined();
    expect(ownValue({ a: 1 } as Record<string, number>, "constructor")).toBeUndefined();
    expect(ownValue({ a: 1 } as Record<string, number>, "a")).toBe(1);
  });

  it("leave commands, commitments and callbacks spelled as inherited names unrecognised", () => {
    for (const w of INHERITED) {
      expect(parseCommand(`/${w}`), w).toBeNull();
      expect(parseCommand(w), w).toBeNull();
      expect(readCommitment(`5 ${w}`, { measure: "tỷ đồng", valueKind: "number", maxValue: null } as never), w).toMatchObject({ ok: false, problem: "wrong_measure" });
      expect(parseCriteriaCallback(`crit:cstdcs:${w.replace(/[^a-z]/gi, "").toLowerCase()}`), w).toBeNull();
    }
    expect(parseCriteriaCallback("crit:cstdcs:bonus")).toEqual({ id: "cstdcs", aspect: "bonus", period: undefined });
  });
});
