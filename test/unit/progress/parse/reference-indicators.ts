/**
 * Test adapter: the plan's indicators (eval/indicators-reference.json) as IndicatorDef, with the parsing fields the
 * lead's plan pack sets the same way (valueKind, aggregation, sense, maxValue). Reads /work/shared/eval when present
 * (the freshest copy) and the snapshot next to this file otherwise, so the suite also runs outside this machine.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Frequency, IndicatorDef, IndicatorSense } from "../../../../src/domain/campaigns/campaign";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHARED = "/work/shared/eval";

/** Path of an eval file: the shared copy when it exists, else the snapshot in ./fixtures. */
export function evalFile(name: string): string {
  const shared = path.join(SHARED, name);
  return existsSync(shared) ? shared : path.join(HERE, "fixtures", name);
}

interface ReferenceIndicator {
  code: string;
  name: string;
  group: string;
  measure: string;
  target: number | null;
  comparator: IndicatorDef["comparator"];
  aliases: string[];
  frequency: Frequency;
  default_period: string;
}

/** Sense of the plan's rate indicators that are not plain levels (what the plan pack declares). */
const SENSE: Record<string, IndicatorSense> = {
  grdp_growth: "growth",
  industrial_output_growth: "growth",
  retail_sales_growth: "growth",
  poverty_reduction: "reduction",
  structure_agri_share: "share",
  structure_industry_share: "share",
  structure_services_share: "share",
  structure_product_tax_share: "share",
};

/** Totals whose parts officers report separately (from the notes of indicators-reference.json). */
const COMPONENTS: Record<string, string[]> = {
  seafood_output: ["khai thác", "nuôi trồng"],
};

/** Maps one reference object to the domain type, filling the fields the parser reads. */
export function toIndicatorDef(r: ReferenceIndicator): IndicatorDef {
  const valueKind = r.measure === "%" ? "percent" : r.measure === "đạt/không đạt" ? "boolean" : "number";
  const sense = SENSE[r.code] ?? "level";
  return {
    code: r.code,
    name: r.name,
    aliases: r.aliases,
    group: r.group,
    measure: r.measure,
    target: r.target,
    comparator: r.comparator,
    frequency: r.frequency,
    aggregation: valueKind === "number" ? "sum" : valueKind === "percent" ? "average" : "latest",
    valueKind,
    sense,
    maxValue: valueKind === "percent" && sense !== "growth" ? 100 : valueKind === "boolean" ? 1 : null,
    ...(COMPONENTS[r.code] ? { components: COMPONENTS[r.code] } : {}),
  };
}

/** The raw reference objects (for checks against `default_period`). */
export function loadReference(): ReferenceIndicator[] {
  return JSON.parse(readFileSync(evalFile("indicators-reference.json"), "utf8")) as ReferenceIndicator[];
}

/** The plan's indicators as the parser receives them. */
export function loadIndicators(): IndicatorDef[] {
  return loadReference().map(toIndicatorDef);
}

/** Same indicators without `sense`/`maxValue`: the parser must infer the same behaviour from measure and name. */
export function loadIndicatorsWithoutHints(): IndicatorDef[] {
  return loadIndicators().map(({ sense: _s, maxValue: _m, ...rest }) => rest);
}

export interface Utterance {
  id: string;
  text: string;
  expect: {
    intent: string;
    indicator: string | null;
    period: string | null;
    value: number | null;
    basis: "period" | "cumulative" | null;
    ambiguous: boolean;
  };
  note?: string;
}

/** Reads a JSONL file of utterances in the dev set's format. */
export function loadUtterances(file: string): Utterance[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Utterance);
}

/** The instant the dev set assumes every message was sent (2021-04-05, Asia/Ho_Chi_Minh). */
export const DEV_NOW = new Date("2021-04-05T09:00:00+07:00");
export const DEV_TZ = "Asia/Ho_Chi_Minh";
