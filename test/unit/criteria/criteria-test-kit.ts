/** @module Shared helpers of the criteria tests: one loaded knowledge base, a catalog translator, the eval normaliser. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCriteriaService, type CriteriaService } from "../../../src/domain/criteria/criteria-service.js";
import type { CriteriaKb } from "../../../src/domain/criteria/criteria-kb.js";
import type { Translate } from "../../../src/conversation/flows/criteria-render.js";
import { loadCriteriaKb } from "../../../src/knowledge/load-criteria-kb.js";
import { foldText } from "../../../src/shared/text.js";

let cached: { kb: CriteriaKb; service: CriteriaService } | undefined;

/** The bundled knowledge base and a service over it (built once per test file). */
export function kit(): { kb: CriteriaKb; service: CriteriaService } {
  if (!cached) {
    const kb = loadCriteriaKb();
    cached = { kb, service: createCriteriaService({ kb }) };
  }
  return cached;
}

/** A translator over locales/<locale>.json with {name} placeholders; unknown keys come back as the key. */
export function catalogTranslate(locale: "vi" | "en"): Translate {
  const catalog = JSON.parse(readFileSync(new URL(`../../../locales/${locale}.json`, import.meta.url), "utf8")) as Record<string, unknown>;
  return (key, params) => {
    const value = key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), catalog);
    if (typeof value !== "string") return key;
    return value.replace(/\{(\w+)\}/g, (m, name: string) => (params && params[name] !== undefined ? String(params[name]) : m));
  };
}

/**
 * Comparison form of eval/README: no case, no diacritics, digit-group separators removed
 * ("1.490.000" = "1,490,000" = "1490000"), "x %" = "x%", whitespace collapsed.
 */
export function evalNormalize(text: string): string {
  let s = foldText(text).replace(/[“”"]/g, "");
  for (let i = 0; i < 3; i++) s = s.replace(/(\d)[.,\s](?=\d{3}(?!\d))/g, "$1");
  return s.replace(/\s+%/g, "%").replace(/\s+/g, " ");
}

/** One line of criteria-dev.jsonl / extra-questions.jsonl. */
export interface EvalCase {
  q: string;
  expect_title: string | null;
  regime: "2003" | "2022" | "any";
  must_mention: string[];
  source: string;
}

export function readCases(path: string | URL): EvalCase[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as EvalCase);
}

/** The shared development set (/work/shared/eval) when present, else the copy kept beside these tests. */
export function devSetPath(): string {
  const shared = "/work/shared/eval/criteria-dev.jsonl";
  return existsSync(shared) ? shared : fileURLToPath(new URL("./criteria-dev.jsonl", import.meta.url));
}

/** The extra questions written for this area (same format, facts from law.md). */
export const EXTRA_SET_PATH = fileURLToPath(new URL("./extra-questions.jsonl", import.meta.url));
