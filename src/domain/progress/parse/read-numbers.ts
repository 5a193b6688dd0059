/**
 * @module Numbers as Vietnamese officers type them: dot thousands and comma decimals ("3.200", "6,01", "3.200,5",
 * "2.100.000"), a dot decimal where it cannot be a thousands group ("5.8%"), shorthand ("2tr1" = 2,1 triệu), scale
 * words, units, "% kế hoạch" shares of the target and "so với cùng kỳ" comparisons. Never yields a non-finite number.
 */
import type { PreparedText } from "./prepare-text";
import type { ScaleMatch, UnitMatch } from "./units";
import { readScale, readUnit } from "./units";

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
const SHORTHAND_SCALE: Record<string, ScaleMatch> = {
  tr: { label: "triệu", factor: 1e6, end: 0 },
  ty: { label: "tỷ", factor: 1e9, end: 0 },
  ti: { label: "tỷ", factor: 1e9, end: 0 },
  k: { label: "nghìn", factor: 1e3, end: 0 },
};
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

function readOne(p: PreparedText, scan: string, start: number, negative: boolean, digits: string): NumberMention | null {
  const litStart = start + (negative ? 1 : 0);
  let end = litStart + digits.length;
  const significant = digits.replace(/\D/g, "").replace(/^0+/, "");
  const absurd = significant.length > MAX_DIGITS;
  let value = absurd ? 0 : parseNumberLiteral(digits);
  if (value === null) return null;
  const spaced = SPACED_RE.exec(scan.slice(end, end + 40));
  if (spaced && /^\d{1,3}$/.test(digits)) {
    // "3 200 tỷ", "185 300 tấn": spaces as thousands separators, trusted only when a scale word or unit follows.
    const joinedEnd = end + spaced[0].length;
    if (readScale(p, joinedEnd) || readUnit(p, joinedEnd)) {
      value = Number(digits + spaced[0].replace(/ /g, ""));
      end = joinedEnd;
    }
  }
  let denominator: number | undefined;
  const frac = FRACTION_RE.exec(scan.slice(end, end + 30));
  if (frac) {
    denominator = parseNumberLiteral(frac[1] ?? "") ?? undefined;
    if (denominator !== undefined) end += frac[0].length;
  }
  let scale: ScaleMatch | null = null;
  const short = SHORTHAND_RE.exec(scan.slice(end, end + 8));
  if (short && /^\d+$/.test(digits)) {
    // "2tr1" = 2,1 triệu; "1ty25" = 1,25 tỷ: the digits after the scale word are decimals.
    value = Number(`${digits}.${short[2] ?? "0"}`);
    scale = SHORTHAND_SCALE[short[1] ?? "k"] ?? null;
    end += short[0].length;
    if (scale) scale = { ...scale, end };
  } else {
    scale = readScale(p, end);
    if (scale) {
      const compound = readCompound(p, scan, value, scale);
      value = compound.number;
      scale = compound.scale;
      end = scale.end;
    }
  }
  const unit = readUnit(p, end);
  if (unit) end = unit.end;
  // "1e309", "12abc": letters glued to a number that are neither a scale nor a unit make it something else.
  if (!scale && !unit && /^[a-z]/.test(scan.slice(end, end + 1))) return null;
  const rest = scan.slice(end, end + 60);
  const ofTarget = (unit?.dimension === "percent" || denominator !== undefined) && OF_TARGET_RE.test(rest);
  const number = negative ? -value : value;
  if (!Number.isFinite(number)) return null;
  return {
    start,
    end,
    text: p.original.slice(start, end),
    number,
    negative,
    scale,
    unit,
    ofTarget,
    vsLastYear: VS_LAST_YEAR_RE.test(p.folded.slice(end, end + 60)),
    absurd,
    ...(denominator !== undefined && denominator > 0 ? { denominator } : {}),
  };
}
