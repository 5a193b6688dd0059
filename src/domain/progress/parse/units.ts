/**
 * @module Units and scale words as officers write them after a number ("3.200 tỷ đồng", "760 ngàn tấn", "2tr1",
 * "8.520 lượt người"), and the indicator's `measure` read with the same lexicon so both sides can be converted.
 */
import type { PreparedText } from "./prepare-text";
import { typedAs } from "./prepare-text";
import { wordTable } from "../../../shared/word-table";

/** What a quantity measures. Values convert only within one dimension. */
export type Dimension = "money" | "mass" | "percent" | "count" | "boolean" | "other";

/** An indicator's measure decoded: `tỷ đồng` → money × 1e9 đồng; `triệu tấn` → mass × 1e6 tấn. */
export interface MeasureInfo {
  dimension: Dimension;
  /** Base units (đồng, tấn, %, items) in one unit of the measure. */
  factor: number;
  /** Folded noun for counts and other units ("luot nguoi", "huyen", "ha"); null for money, mass, %. */
  noun: string | null;
}

/** A scale word found after a number. */
export interface ScaleMatch {
  label: string;
  factor: number;
  end: number;
}

/** A unit found after a number (and its scale word, if any). */
export interface UnitMatch {
  label: string;
  dimension: Dimension;
  /** Base units in one of this unit ("kg" → 0.001 tấn). */
  factor: number;
  noun: string | null;
  end: number;
}

interface Entry {
  re: RegExp;
  label: string;
  dimension: Dimension;
  factor: number;
  noun?: string;
  /** Accepted accented spellings of the first word; the word typed without marks is always accepted. */
  typed?: readonly string[];
}

const B = "(?![a-z0-9])";

const SCALES: readonly { re: RegExp; label: string; factor: number; typed?: readonly string[] }[] = [
  { re: new RegExp(`(?:nghin|ngan) ?(?:ty|ti)${B}(?! ?(?:le|trong))`, "y"), label: "nghìn tỷ", factor: 1e12, typed: ["nghìn", "ngàn"] },
  { re: new RegExp(`(?:trieu|tr)${B}`, "y"), label: "triệu", factor: 1e6 },
  { re: new RegExp(`(?:ty|ti)${B}(?! ?(?:le|trong))`, "y"), label: "tỷ", factor: 1e9, typed: ["tỷ", "tỉ"] },
  { re: new RegExp(`(?:nghin|ngan)${B}(?! ?(?:sach|hang))`, "y"), label: "nghìn", factor: 1e3, typed: ["nghìn", "ngàn"] },
  { re: new RegExp(`k${B}`, "y"), label: "nghìn", factor: 1e3 },
  { re: new RegExp(`tram${B}`, "y"), label: "trăm", factor: 100, typed: ["trăm"] },
];

const PEOPLE = ["luot nguoi", "luot", "nguoi", "lao dong", "cong dan", "thanh nien", "tan binh", "hoc sinh", "chien si"];

const UNITS: readonly Entry[] = [
  { re: /(?:%|phan tram(?![a-z0-9]))/y, label: "%", dimension: "percent", factor: 1 },
  { re: new RegExp(`diem (?:%|phan tram${B})`, "y"), label: "điểm %", dimension: "percent", factor: 1 },
  { re: new RegExp(`(?:dong|vnd)${B}(?: ?/ ?[a-z]+)*`, "y"), label: "đồng", dimension: "money", factor: 1, typed: ["đồng", "vnđ", "vnd"] },
  { re: new RegExp(`d${B}`, "y"), label: "đồng", dimension: "money", factor: 1, typed: ["đ"] },
  { re: new RegExp(`(?:usd|do la)${B}`, "y"), label: "USD", dimension: "other", factor: 1, noun: "usd" },
  { re: new RegExp(`tan${B}(?! ?binh)`, "y"), label: "tấn", dimension: "mass", factor: 1, typed: ["tấn"] },
  { re: new RegExp(`kg${B}`, "y"), label: "kg", dimension: "mass", factor: 0.001 },
  { re: new RegExp(`ta${B}`, "y"), label: "tạ", dimension: "mass", factor: 0.1, typed: ["tạ"] },
  { re: new RegExp(`(?:ha|hecta|hec ta)${B}`, "y"), label: "ha", dimension: "other", factor: 1, noun: "ha" },
  ...countEntries(),
];

function countEntries(): Entry[] {
  const nouns: [string, readonly string[] | undefined][] = [
    ...PEOPLE.map((n): [string, readonly string[] | undefined] => [n, n === "nguoi" ? ["người"] : n === "luot" ? ["lượt"] : undefined]),
    ["ho", ["hộ"]],
    ["xa", ["xã"]],
    ["huyen", ["huyện"]],
    ["vu", ["vụ"]],
    ["truong hop", undefined],
    ["don vi", undefined],
    ["co quan", undefined],
    ["doanh nghiep", undefined],
  ];
  return nouns.map(([noun, typed]) => ({
    re: new RegExp(`${noun}${B}`, "y"),
    label: noun,
    dimension: "count" as const,
    factor: 1,
    noun,
    ...(typed ? { typed } : {}),
  }));
}

function firstWordEnd(p: PreparedText, at: number): number {
  const m = /[a-z0-9]+/y;
  m.lastIndex = at;
  const r = m.exec(p.folded);
  return r ? at + r[0].length : at;
}

function skipSpace(s: string, at: number): number {
  return s[at] === " " ? at + 1 : at;
}

/** Reads a scale word ("nghìn", "triệu", "tr", "tỷ", "nghìn tỷ", "k") at `at` (one space allowed before it). */
export function readScale(p: PreparedText, at: number): ScaleMatch | null {
  const pos = skipSpace(p.folded, at);
  for (const s of SCALES) {
    s.re.lastIndex = pos;
    const m = s.re.exec(p.folded);
    if (!m) continue;
    if (s.typed && !typedAs(p, pos, firstWordEnd(p, pos), s.typed)) continue;
    return { label: s.label, factor: s.factor, end: pos + m[0].length };
  }
  return null;
}

/** Reads a unit ("%", "đồng", "tấn", "kg", "lượt người", "xã"…) at `at` (one space allowed before it). */
export function readUnit(p: PreparedText, at: number): UnitMatch | null {
  const pos = skipSpace(p.folded, at);
  for (const u of UNITS) {
    u.re.lastIndex = pos;
    const m = u.re.exec(p.folded);
    if (!m) continue;
    if (u.typed && !typedAs(p, pos, firstWordEnd(p, pos), u.typed)) continue;
    return { label: u.label, dimension: u.dimension, factor: u.factor, noun: u.noun ?? null, end: pos + m[0].length };
  }
  return null;
}

/** Decodes an indicator measure with the same lexicon: "tỷ đồng", "triệu tấn", "%", "lượt người", "đạt/không đạt". */
export function parseMeasure(measure: string): MeasureInfo {
  const folded = measure.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().trim();
  if (/^dat ?\/ ?khong dat$|^co ?\/ ?khong$/.test(folded)) return { dimension: "boolean", factor: 1, noun: null };
  const head = folded.split("/")[0]?.trim() ?? "";
  const p: PreparedText = { original: head, folded: head, accented: head };
  const scale = readScale(p, 0);
  const unit = readUnit(p, scale ? scale.end : 0);
  if (unit) return { dimension: unit.dimension, factor: (scale?.factor ?? 1) * unit.factor, noun: unit.noun };
  if (scale) return { dimension: "count", factor: scale.factor, noun: null };
  return { dimension: head === "" ? "other" : "count", factor: 1, noun: head || null };
}

const FAMILY = wordTable<string>(Object.fromEntries([
  ...PEOPLE.map((n) => [n, "people"]),
  ["truong hop", "vu"],
]));

/** Whether a count noun in a message fits the measure's noun ("người" fits "lượt người"; "xã" does not fit "huyện"). */
export function nounsCompatible(measureNoun: string | null, noun: string | null): boolean {
  if (measureNoun === null || noun === null || measureNoun === noun) return true;
  const fm = FAMILY[measureNoun] ?? measureNoun;
  const fn = FAMILY[noun] ?? noun;
  return fm === fn;
}
