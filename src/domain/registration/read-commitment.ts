/**
 * @module Reads a unit's commitment on one indicator as typed ("3.200 tỷ đồng", "95%", "6,5", "đạt") and checks it:
 * a number ≥ 0, written in the indicator's own measure (a commitment is never converted: "tấn" for an indicator in
 * "triệu tấn" is refused, not scaled), at most the indicator's physical maximum. Pure.
 */
import type { IndicatorDef } from "../campaigns/campaign";
import { cleanText, foldText } from "../../shared/text";
import { wordTable } from "../../shared/word-table";

export type CommitmentProblem = "not_a_number" | "negative" | "wrong_measure" | "above_max";

export type CommitmentRead =
  | { ok: true; value: number }
  | { ok: false; problem: CommitmentProblem; typedMeasure?: string };

const YES = new Set(["dat", "co", "yes", "achieved", "dam bao", "1"]);
const NO = new Set(["khong dat", "khong", "no", "not achieved", "khong dam bao", "0"]);
/** Short forms officers type for the first word of a measure. */
const WORD_ALIASES = wordTable<string>({ tr: "trieu", trd: "trieu dong", ty: "ty", ti: "ty", percent: "%", "phan tram": "%" });

/**
 * Reads a digit string with separators the Vietnamese way: dot thousands and comma decimals ("3.200,5", "6,01"),
 * a lone dot not followed by a 3-digit group is a decimal ("5.8"), English "3,200.5" is read too.
 * null when the separators contradict each other.
 */
export function parseDecimal(raw: string): number | null {
  if (!/^\d+(?:[.,]\d+)*$/.test(raw)) return null;
  const dots = (raw.match(/\./g) ?? []).length;
  const commas = (raw.match(/,/g) ?? []).length;
  let normal: string;
  if (dots > 0 && commas > 0) {
    const decimal = raw.lastIndexOf(",") > raw.lastIndexOf(".") ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    if ((raw.match(new RegExp(`\\${decimal}`, "g")) ?? []).length > 1) return null;
    normal = raw.split(thousands).join("").replace(decimal, ".");
  } else if (dots > 0 || commas > 0) {
    const sep = dots > 0 ? "." : ",";
    const groups = raw.split(sep);
    const thousandGroups = groups.slice(1).every((g) => g.length === 3) && (groups[0]?.length ?? 0) <= 3 && groups[0] !== "0";
    // "3.200" and "2.100.000" are thousands; a single comma is always a decimal in Vietnamese ("6,01", "1,5").
    if (groups.length > 2 && !thousandGroups) return null;
    normal = (sep === "." && thousandGroups) || groups.length > 2 ? groups.join("") : groups.join(".");
  } else {
    normal = raw;
  }
  const v = Number(normal);
  return Number.isFinite(v) ? v : null;
}

function foldMeasure(s: string): string {
  return foldText(s).replace(/\s*\/\s*/g, "/").replace(/\s*%\s*/g, "%").replace(/[.;:!]+$/g, "").trim();
}

function expandAlias(t: string): string {
  const whole = WORD_ALIASES[t];
  if (whole) return whole;
  const [first, ...rest] = t.split(" ");
  const alias = first !== undefined ? WORD_ALIASES[first] : undefined;
  return alias ? [alias, ...rest].join(" ") : t;
}

/** Whether a typed measure names the indicator's measure (equal, an alias, or its leading words: "tỷ" for "tỷ đồng"). */
export function measureMatches(typed: string, measure: string): boolean {
  const m = foldMeasure(measure);
  const t = expandAlias(foldMeasure(typed));
  if (t === "" || t === m) return true;
  return m.startsWith(`${t} `) || m.startsWith(`${t}/`);
}

const NEGATIVE = /^(?:[-−–]\s*|âm\s+|am\s+)/i;

/** Reads and checks a commitment for `indicator`. */
export function readCommitment(text: string, indicator: Pick<IndicatorDef, "measure" | "valueKind" | "maxValue">): CommitmentRead {
  const clean = cleanText(text);
  if (indicator.valueKind === "boolean") {
    const f = foldText(clean).replace(/[.!]+$/, "");
    if (YES.has(f)) return { ok: true, value: 1 };
    if (NO.has(f)) return { ok: true, value: 0 };
  }
  const negative = NEGATIVE.test(clean);
  const m = /^(\d[\d.,]*)\s*(.*)$/.exec(clean.replace(NEGATIVE, ""));
  if (!m) return { ok: false, problem: "not_a_number" };
  const value = parseDecimal((m[1] ?? "").replace(/[.,]$/, ""));
  if (value === null) return { ok: false, problem: "not_a_number" };
  if (negative && value !== 0) return { ok: false, problem: "negative" };
  const typedMeasure = (m[2] ?? "").trim();
  if (indicator.valueKind !== "boolean" && !measureMatches(typedMeasure, indicator.measure)) {
    return { ok: false, problem: "wrong_measure", typedMeasure };
  }
  if (indicator.valueKind === "boolean" && value > 1) return { ok: false, problem: "above_max" };
  if (indicator.maxValue !== undefined && indicator.maxValue !== null && value > indicator.maxValue) return { ok: false, problem: "above_max" };
  return { ok: true, value };
}
