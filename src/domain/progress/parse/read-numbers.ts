/**
 * @module Numbers as Vietnamese officers type them: dot thousands and comma decimals ("3.200", "6,01", "3.200,5",
 * "2.100.000"), a dot decimal where it cannot be a thousands group ("5.8%"), shorthand ("2tr1" = 2,1 triệu), scale
 * words, units, "% kế hoạch" shares of the target and "so với cùng kỳ" comparisons. Never yields a non-finite number.
 */
import type { PreparedText } from "./prepare-text";
import type { ScaleMatch, UnitMatch } from "./units";
import { readScale, readUnit } from "./units";
import { typedAs } from "./prepare-text";
import { wordTable } from "../../../shared/word-table";

/** Literals with more significant digits than this are not figures anybody reports; they are flagged, not read. */
const MAX_DIGITS = 18;

/** One number found in a message, with what was written around it. */
export interface NumberMention {
  /** [start, end) of the whole mention (sign, number, scale, unit) in the prepared text. */
  start: number;
  end: number;
  /** The mention as the officer typed it. */
  text: string;
  /** The literal's value with its sign, before any scale word. */
  number: number;
  /** An explicit minus sign was typed. */
  negative: boolean;
  scale: ScaleMatch | null;
  unit: UnitMatch | null;
  /** "27% kế hoạch", "100% chỉ tiêu", "105% dự toán": a share of the target. */
  ofTarget: boolean;
  /** Followed by "so với cùng kỳ" / "so cùng kỳ năm trước": a comparison with last year. */
  vsLastYear: boolean;
  /** The literal is too long to be a real figure (kept so the bot can ask instead of ignoring it). */
  absurd: boolean;
  /** "1.350/1.350 chỉ tiêu", "3.200/11.560 tỷ": the number after the slash. */
  denominator?: number;
}

/**
 * Reads a digit string with separators: "3.200" → 3200, "6,01" → 6.01, "3.200,5" → 3200.5, "2.100.000" → 2100000,
 * "5.8" → 5.8, "3,200.5" → 3200.5. Returns null when the separators contradict each other ("1.2.3").
 */
export function parseNumberLiteral(raw: string): number | null {
  if (!/^\d+(?:[.,]\d+)*$/.test(raw)) return null;
  const seps = raw.replace(/\d/g, "");
  let normal: string | null;
  if (seps === "") normal = raw;
  else if (seps.includes(".") && seps.includes(",")) normal = mixed(raw, seps);
  else if (seps.length > 1) normal = groupsOfThree(raw, seps[0] ?? ".") ? raw.split(seps[0] ?? ".").join("") : null;
  else normal = single(raw, seps);
  if (normal === null) return null;
  const v = Number(normal);
  return Number.isFinite(v) ? v : null;
}

function groupsOfThree(raw: string, sep: string): boolean {
  const groups = raw.split(sep);
  return (groups[0]?.length ?? 0) <= 3 && groups[0] !== "0" && groups.slice(1).every((g) => g.length === 3);
}

function mixed(raw: string, seps: string): string | null {
  const decimal = seps[seps.length - 1] ?? ",";
  const thousands = decimal === "," ? "." : ",";
  if (seps.slice(0, -1).includes(decimal)) return null;
  const cut = raw.lastIndexOf(decimal);
  const intPart = raw.slice(0, cut);
  if (!groupsOfThree(intPart, thousands)) return null;
  return `${intPart.split(thousands).join("")}.${raw.slice(cut + 1)}`;
}

function single(raw: string, sep: string): string {
  if (sep === ",") return raw.replace(",", ".");
  // One dot: a thousands group only when exactly three digits follow and the head is a plain 1-3 digit number.
  return groupsOfThree(raw, ".") ? raw.replace(".", "") : raw;
}

const NUMBER_RE = /(?<![a-z0-9.,/])([-−–](?=\d))?(\d+(?:[.,]\d+)*)(?![.,]\d)/g;
const SPACED_RE = /^(?: \d{3})+(?![\d.,])/;
const FRACTION_RE = /^ ?\/ ?(\d+(?:[.,]\d+)*)(?![\d.,])/;
const SHORTHAND_RE = /^(tr|ty|ti|k)(\d{1,3})(?![a-z0-9])/;
const SHORTHAND_SCALE = wordTable<ScaleMatch>({
  tr: { label: "triệu", factor: 1e6, end: 0 },
  ty: { label: "tỷ", factor: 1e9, end: 0 },
  ti: { label: "tỷ", factor: 1e9, end: 0 },
  k: { label: "nghìn", factor: 1e3, end: 0 },
});
const OF_TARGET_RE = /^ ?(?:\)|so voi |so |cua |theo |tren )?(?:ke hoach|kh|chi tieu|muc tieu|du toan|nhiem vu|ct)(?![a-z0-9])/;
const VS_LAST_YEAR_RE = /^[^.;\n\d]{0,30}?\bso (?:voi )?(?:cung ky|ck|nam truoc|nam ngoai|cung thoi diem|nam 20\d\d)/;

/**
 * All numbers of `scan` (the folded view with masked spans blanked out), with scale words, units and the
 * "of target" / "vs last year" phrases that follow them.
 */
export function readNumberMentions(p: PreparedText, scan: string): NumberMention[] {
  const out: NumberMention[] = [];
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(scan); m; m = NUMBER_RE.exec(scan)) {
    const mention = readOne(p, scan, m.index, m[1] !== undefined, m[2] ?? "");
    if (mention) {
      out.push(mention);
      NUMBER_RE.lastIndex = Math.max(NUMBER_RE.lastIndex, mention.end);
    }
  }
  return [...out, ...readNumeralWords(p, scan)].sort((a, b) => a.start - b.start);
}

const NUMERALS = wordTable<[number, string]>({
  mot: [1, "một"], hai: [2, "hai"], ba: [3, "ba"], bon: [4, "bốn"], tu: [4, "tư"], nam: [5, "năm"],
  sau: [6, "sáu"], bay: [7, "bảy"], tam: [8, "tám"], chin: [9, "chín"], muoi: [10, "mười"],
});
const NUMERAL_RE = /\b(mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi) (?=(?:xa|huyen|vu|nguoi|ho|luot|don vi|co quan)\b)/g;

/** Small counts written as words before a count noun: "hai xã", "ba huyện", "một vụ". */
function readNumeralWords(p: PreparedText, scan: string): NumberMention[] {
  const out: NumberMention[] = [];
  NUMERAL_RE.lastIndex = 0;
  for (let m = NUMERAL_RE.exec(scan); m; m = NUMERAL_RE.exec(scan)) {
    const [value, spelled] = NUMERALS[m[1] ?? ""] ?? [0, ""];
    if (!typedAs(p, m.index, m.index + (m[1]?.length ?? 0), [spelled])) continue;
    const unit = readUnit(p, m.index + m[0].length - 1);
    if (!unit || unit.dimension !== "count") continue;
    out.push({ start: m.index, end: unit.end, text: p.original.slice(m.index, unit.end), number: value, negative: false, scale: null, unit, ofTarget: false, vsLastYear: false, absurd: false });
  }
  return out;
}

const PART_RE = /^ ?(\d{1,3}(?:[.,]\d{1,3})?)(?![\d.,])/;

/**
 * Spoken compounds: "2 tỷ 500 triệu" = 2,5 tỷ; "1 triệu 850 nghìn tấn" = 1,85 triệu tấn; "3 nghìn 2 trăm tỷ" = 3.200 tỷ
 * (falling scale words add up; a larger one after them multiplies the sum).
 */
function readCompound(p: PreparedText, scan: string, first: number, firstScale: ScaleMatch): { number: number; scale: ScaleMatch } {
  let total = first * firstScale.factor;
  let last = firstScale.factor;
  let end = firstScale.end;
  let parts = 0;
  for (;;) {
    const m = PART_RE.exec(scan.slice(end, end + 12));
    const part = m ? parseNumberLiteral(m[1] ?? "") : null;
    const next = m && part !== null ? readScale(p, end + m[0].length) : null;
    if (!m || part === null || !next || next.factor >= last) break;
    total += part * next.factor;
    last = next.factor;
    end = next.end;
    parts++;
  }
  const outer = readScale(p, end);
  if (outer && outer.factor > last) {
    return { number: total / firstScale.factor, scale: { label: `${firstScale.label} ${outer.label}`, factor: firstScale.factor * outer.factor, end: outer.end } };
  }
  if (parts === 0) return { number: first, scale: firstScale };
  return { number: total / firstScale.factor, scale: { ...firstScale, end } };
}

interface Cursor {
  value: number;
  end: number;
}

/** "3 200 tỷ", "185 300 tấn": spaces as thousands separators, trusted only when a scale word or unit follows. */
function joinSpacedThousands(p: PreparedText, scan: string, digits: string, at: Cursor): Cursor {
  const spaced = SPACED_RE.exec(scan.slice(at.end, at.end + 40));
  if (!spaced || !/^\d{1,3}$/.test(digits)) return at;
  const end = at.end + spaced[0].length;
  return readScale(p, end) || readUnit(p, end) ? { value: Number(digits + spaced[0].replace(/ /g, "")), end } : at;
}

/** Scale words after the literal: "2tr1" (decimals after the word), "3,2 nghìn tỷ", "2 tỷ 500 triệu". */
function readScalePart(p: PreparedText, scan: string, digits: string, at: Cursor): Cursor & { scale: ScaleMatch | null } {
  const short = SHORTHAND_RE.exec(scan.slice(at.end, at.end + 8));
  if (short && /^\d+$/.test(digits)) {
    const end = at.end + short[0].length;
    const scale = SHORTHAND_SCALE[short[1] ?? "k"];
    return { value: Number(`${digits}.${short[2] ?? "0"}`), end, scale: scale ? { ...scale, end } : null };
  }
  const scale = readScale(p, at.end);
  if (!scale) return { ...at, scale: null };
  const compound = readCompound(p, scan, at.value, scale);
  return { value: compound.number, end: compound.scale.end, scale: compound.scale };
}

function readOne(p: PreparedText, scan: string, start: number, negative: boolean, digits: string): NumberMention | null {
  const absurd = digits.replace(/\D/g, "").replace(/^0+/, "").length > MAX_DIGITS;
  const literal = absurd ? 0 : parseNumberLiteral(digits);
  if (literal === null) return null;
  let at = joinSpacedThousands(p, scan, digits, { value: literal, end: start + (negative ? 1 : 0) + digits.length });
  const frac = FRACTION_RE.exec(scan.slice(at.end, at.end + 30));
  const denominator = frac ? (parseNumberLiteral(frac[1] ?? "") ?? undefined) : undefined;
  if (frac && denominator !== undefined) at = { ...at, end: at.end + frac[0].length };
  const scaled = readScalePart(p, scan, digits, at);
  const unit = readUnit(p, scaled.end);
  const end = unit ? unit.end : scaled.end;
  // "1e309", "12abc": letters glued to a number that are neither a scale nor a unit make it something else.
  if (!scaled.scale && !unit && /^[a-z]/.test(scan.slice(end, end + 1))) return null;
  const number = negative ? -scaled.value : scaled.value;
  if (!Number.isFinite(number)) return null;
  return {
    start,
    end,
    text: p.original.slice(start, end),
    number,
    negative,
    scale: scaled.scale,
    unit,
    ofTarget: (unit?.dimension === "percent" || denominator !== undefined) && OF_TARGET_RE.test(scan.slice(end, end + 60)),
    vsLastYear: VS_LAST_YEAR_RE.test(p.folded.slice(end, end + 60)),
    absurd,
    ...(denominator !== undefined && denominator > 0 ? { denominator } : {}),
  };
}
