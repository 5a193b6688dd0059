/**
 * The bundled pack drives the chat parser in production, while the parser's own tests use the reference reading
 * (eval/indicators-reference.json). This checks the pack's aliases, senses, limits and components read the officers'
 * messages at least as well as the reference does, so the pack never degrades what the parser tests promise.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parseMessage } from "../../../src/domain/progress/parse/parse-message";
import type { MessageReading, ParseContext } from "../../../src/domain/progress/parse/parse-message";
import { KG_2021_PLAN_PACK } from "../../../src/plan-pack/bundled-seed";
import { loadPlanPack } from "../../../src/plan-pack/parse-plan-pack";
import { devContext } from "../progress/parse/parse-helpers";
import { evalFile, loadUtterances } from "../progress/parse/reference-indicators";
import type { Utterance } from "../progress/parse/reference-indicators";

function isRight(r: MessageReading, e: Utterance["expect"]): boolean {
  const value = e.value === null ? r.value === null : r.value !== null && Math.abs(r.value - e.value) <= 1e-6 * Math.max(1, Math.abs(e.value));
  return (r.indicator?.code ?? null) === e.indicator && (r.ambiguity !== null) === e.ambiguous && r.period === e.period && value;
}

let packContext: ParseContext;
beforeAll(async () => {
  const pack = await loadPlanPack(KG_2021_PLAN_PACK);
  packContext = { ...devContext, indicators: pack.campaign.indicators };
});

describe("kg-2021 pack as the parser's indicator set", () => {
  for (const [name, file] of [
    ["dev set", evalFile("report-utterances-dev.jsonl")],
    ["extra phrasings", new URL("../progress/extra-utterances.jsonl", import.meta.url).pathname],
  ] as const) {
    it(`reads the ${name} at least as well as the reference reading`, () => {
      const utterances = loadUtterances(file);
      const misses = utterances.filter((u) => isRight(parseMessage(u.text, devContext), u.expect) && !isRight(parseMessage(u.text, packContext), u.expect));
      expect(misses.map((u) => u.text)).toEqual([]);
    });
  }
});
