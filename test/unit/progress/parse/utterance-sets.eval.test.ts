/**
 * Accuracy of the parser on the dev set (eval/report-utterances-dev.jsonl) and on our own extra phrasings
 * (test/unit/progress/extra-utterances.jsonl), per field. Fails under 95% on any field; the goal is ≥ 98%.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseMessage } from "../../../../src/domain/progress/parse/parse-message";
import type { MessageReading } from "../../../../src/domain/progress/parse/parse-message";
import { devContext } from "./parse-helpers";
import type { Utterance } from "./reference-indicators";
import { evalFile, loadUtterances } from "./reference-indicators";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIELDS = ["intent", "indicator", "period", "value", "ask_back", "basis"] as const;
type Field = (typeof FIELDS)[number];
const BAR = 0.95;

function sameValue(got: number | null, want: number | null): boolean {
  if (want === null || got === null) return got === want;
  return Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want));
}

function fieldOk(field: Field, r: MessageReading, e: Utterance["expect"]): boolean {
  switch (field) {
    case "intent":
      return r.intent === e.intent;
    case "indicator":
      return (r.indicator?.code ?? null) === e.indicator;
    case "period":
      return r.period === e.period;
    case "value":
      return sameValue(r.value, e.value);
    case "ask_back":
      return (r.ambiguity !== null) === e.ambiguous;
    case "basis":
      return r.basis === e.basis;
  }
}

function evaluate(name: string, utterances: Utterance[]): Record<Field, number> {
  const ok = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const misses: string[] = [];
  for (const u of utterances) {
    const r = parseMessage(u.text, devContext);
    const wrong = FIELDS.filter((f) => !fieldOk(f, r, u.expect));
    for (const f of FIELDS) if (!wrong.includes(f)) ok[f]++;
    if (wrong.length > 0) misses.push(`  ${u.id} ${JSON.stringify(u.text)} wrong: ${wrong.join(", ")} | ${r.explain.join(" ")}`);
  }
  const accuracy = Object.fromEntries(FIELDS.map((f) => [f, ok[f] / utterances.length])) as Record<Field, number>;
  const table = FIELDS.map((f) => `${f.padEnd(10)} ${(accuracy[f] * 100).toFixed(1).padStart(5)}% (${ok[f]}/${utterances.length})`).join("\n  ");
  console.log(`[parse eval] ${name}\n  ${table}${misses.length ? `\n misses:\n${misses.join("\n")}` : ""}`);
  return accuracy;
}

describe("utterance sets", () => {
  it("dev set (2021-04-05, Asia/Ho_Chi_Minh): every field ≥ 95%", () => {
    const utterances = loadUtterances(evalFile("report-utterances-dev.jsonl"));
    expect(utterances.length).toBeGreaterThanOrEqual(50);
    const accuracy = evaluate("report-utterances-dev", utterances);
    for (const f of FIELDS) expect(accuracy[f], f).toBeGreaterThanOrEqual(BAR);
  });

  it("our extra phrasings: every field ≥ 95%", () => {
    const utterances = loadUtterances(path.join(HERE, "..", "extra-utterances.jsonl"));
    expect(utterances.length).toBeGreaterThanOrEqual(40);
    const accuracy = evaluate("extra-utterances", utterances);
    for (const f of FIELDS) expect(accuracy[f], f).toBeGreaterThanOrEqual(BAR);
  });

  it("award-criteria questions (eval/criteria-dev.jsonl) are read as criteria", () => {
    const questions = readFileSync(evalFile("criteria-dev.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { q: string }).q);
    const wrong = questions.filter((q) => parseMessage(q, devContext).intent !== "criteria");
    console.log(`[parse eval] criteria intent ${questions.length - wrong.length}/${questions.length}${wrong.length ? ` misses: ${wrong.join(" | ")}` : ""}`);
    expect((questions.length - wrong.length) / questions.length).toBeGreaterThanOrEqual(BAR);
  });
});
