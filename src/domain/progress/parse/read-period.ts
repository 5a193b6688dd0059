/**
 * @module Reporting periods written in a message: "tháng 3", "quý I/2021", "Q1", "6 tháng đầu năm", "6T", "9 tháng",
 * "cả năm", relative ones ("quý này", "tháng trước") and running totals ("lũy kế", "tính đến", "đến hết").
 * Also blanks out numbers that are not figures (dates, ages, document numbers, "so với cùng kỳ năm 2020").
 */
import type { Frequency } from "../../campaigns/campaign";
import type { LocalDate, PeriodKind } from "../period";
import { currentPeriod, frequencyKind, lastFinishedPeriod, makePeriodCode, parsePeriodCode, previousPeriod } from "../period";
import type { PreparedText } from "./prepare-text";
import { typedAs } from "./prepare-text";
import { wordTable } from "../../../shared/word-table";

/** A period named in the message. */
export interface PeriodMention {
  start: number;
  end: number;
  code: string;
  source: "explicit" | "relative";
  /** The phrase itself is a running total ("2 tháng đầu năm" → M02 cumulative, "đến hết quý 3"). */
  cumulative: boolean;
}

export interface PeriodReading {
  mentions: PeriodMention[];
  /** "lũy kế", "cộng dồn", "tính đến", "đến hết", "từ đầu năm" appear somewhere in the message. */
  cumulativeMarker: boolean;
  /** The folded text with periods, dates, ages and similar non-figures blanked out, for reading numbers. */
  scan: string;
}

interface Ctx {
  campaignYear: number;
  today: LocalDate | null;
}

const ROMAN = wordTable<number>({ i: 1, ii: 2, iii: 3, iv: 4, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4 });
const SPAN_WORDS = wordTable<number>({ ba: 3, sau: 6, chin: 9, "muoi hai": 12 });
const YEAR = "(?: ?(?:\\/|-|nam) ?((?:19|20)\\d\\d|\\d\\d)(?![0-9]))?";
const END = "(?![a-z0-9])";

/** Blanked before periods are read: comparisons with last year, ages, clock times, phone numbers, list markers. */
const PRE_MASKS: readonly RegExp[] = [
  /so (?:voi )?(?:cung ky|ck)(?: nam (?:truoc|ngoai|(?:19|20)\d\d))?|so (?:voi )?(?:nam|ky) (?:truoc|ngoai|(?:19|20)\d\d)|cung ky nam (?:truoc|ngoai|(?:19|20)\d\d)/g,
  /\b\d{1,2} ?(?:-|–|den) ?\d{1,2} tuoi\b|\b\d{1,3} tuoi\b/g,
  /\b\d{1,2}(?:h|:)\d{2}\b|\b0\d{9,10}\b/g,
  /\b(?:lan|dot|lan thu|dot thu|so|muc|dieu|khoan|khu vuc|cum|khoi) \d{1,3}\b(?![.,]\d)(?! ?(?:%|ty|trieu|tan|nguoi))/g,
  /(?:^|\n) ?(?:\d{1,2}|[a-z])[.)] /g,
];

/** Blanked after periods are read ("tháng 3/2021" is a period; "91/2017", "24/2018/QĐ-UBND" are document numbers). */
const POST_MASKS: readonly RegExp[] = [/\b\d+\/(?:19|20)\d\d(?:\/[a-z-]+)*|\b\d+\/[a-z]{2,}(?:[-/][a-z]+)*/g];

const DATE_RE = /\b(?:ngay )?(\d{1,2})\/(\d{1,2})(?:\/((?:19|20)?\d\d))?(?![0-9.,])/g;
const CUMULATIVE_RE = /\b(?:luy ke|cong don|tinh den|tinh toi|den het|toi het|tu dau nam|dau nam den nay|den nay|toi nay|den thoi diem nay|toi thoi diem nay)\b/;

function blank(s: string, start: number, end: number): string {
  return s.slice(0, start) + " ".repeat(end - start) + s.slice(end);
}

function yearOf(raw: string | undefined, ctx: Ctx): number {
  if (!raw) return ctx.campaignYear;
  return raw.length === 2 ? 2000 + Number(raw) : Number(raw);
}

type Rule = (m: RegExpExecArray, ctx: Ctx, p: PreparedText) => Omit<PeriodMention, "start" | "end"> | null;

function spanOfMonths(n: number, year: number, cumulative: boolean): Omit<PeriodMention, "start" | "end"> | null {
  if (n < 1 || n > 12) return null;
  const byCode: Record<number, string> = { 3: makePeriodCode(year, "quarter", 1), 6: makePeriodCode(year, "half", 1), 9: makePeriodCode(year, "nine_months"), 12: makePeriodCode(year, "year") };
  const code = byCode[n];
  if (code) return { code, source: "explicit", cumulative };
  return { code: makePeriodCode(year, "month", n), source: "explicit", cumulative: true };
}

function relative(unit: string, which: string, ctx: Ctx): Omit<PeriodMention, "start" | "end"> | null {
  const t = ctx.today;
  if (!t) return null;
  const kind = unit === "thang" ? "month" : unit === "nam" ? "year" : "quarter";
  const thisOne = currentPeriod(kind, t);
  let code: string;
  if (which === "nay") {
    // In the first half of a month or a quarter's first month officers still report the period just ended.
    const firstDays = t.day <= 15 && (kind === "month" || (t.month - 1) % 3 === 0);
    code = kind !== "year" && firstDays ? lastFinishedPeriod(kind, t) : thisOne;
  } else if (which === "sau" || which === "toi") {
    return null;
  } else code = previousPeriod(thisOne);
  return { code, source: "relative", cumulative: false };
}

/** Ordered from the most specific pattern; each match is blanked before the next pattern runs. */
const RULES: readonly [RegExp, Rule][] = [
  [
    /\b(?:tu )?(?:thang ?|t)(\d{1,2}) ?(?:-|–|den|toi) ?(?:het )?(?:thang ?|t)?(\d{1,2})(?![0-9a-z.,])(?: ?(?:\/|nam) ?((?:19|20)\d\d))?/g,
    (m, ctx) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a < 1 || b > 12 || a >= b) return null;
      const year = yearOf(m[3], ctx);
      if (a === 1) return spanOfMonths(b, year, false);
      if (b - a === 2 && a % 3 === 1) return { code: makePeriodCode(year, "quarter", b / 3), source: "explicit", cumulative: false };
      return { code: makePeriodCode(year, "month", b), source: "explicit", cumulative: true };
    },
  ],
  [
    /\b(?:(?:tinh |luy ke )?(?:den|toi) (?:het |cuoi )?)(?:(quy|qui|q) ?(iv|iii|ii|i|[1-4])|thang ?(\d{1,2}))(?![0-9a-z])/g,
    (m, ctx) => {
      if (m[1]) return { code: makePeriodCode(ctx.campaignYear, "quarter", ROMAN[m[2] ?? ""] ?? Number(m[2])), source: "explicit", cumulative: true };
      const month = Number(m[3]);
      return month >= 1 && month <= 12 ? { code: makePeriodCode(ctx.campaignYear, "month", month), source: "explicit", cumulative: true } : null;
    },
  ],
  [
    new RegExp(`\\b(?:quy|qui|q) ?\\.? ?(iv|iii|ii|i|[1-4]|mot|hai|ba|bon|tu)${END}${YEAR}`, "g"),
    (m, ctx, p) => {
      // "quỹ từ thiện" (a fund) is not "quý tư" (fourth quarter).
      if (!typedAs(p, m.index, m.index + (m[0].startsWith("qu") ? 3 : 1), ["quý", "quí"])) return null;
      return { code: makePeriodCode(yearOf(m[2], ctx), "quarter", ROMAN[m[1] ?? ""] ?? Number(m[1])), source: "explicit", cumulative: false };
    },
  ],
  [/\b(?:quy|qui) (dau|cuoi)(?: nam)?\b/g, (m, ctx) => ({ code: makePeriodCode(ctx.campaignYear, "quarter", m[1] === "dau" ? 1 : 4), source: "explicit", cumulative: false })],
  [
    new RegExp(`\\b(\\d{1,2})(?: ?thang|t)${END}(?: (dau|cuoi)(?: nam)?)?${YEAR}`, "g"),
    (m, ctx) => {
      const n = Number(m[1]);
      const year = yearOf(m[3], ctx);
      if (m[2] === "cuoi") return n === 6 ? { code: makePeriodCode(year, "half", 2), source: "explicit", cumulative: false } : null;
      return spanOfMonths(n, year, false);
    },
  ],
  [
    new RegExp(`\\b(ba|sau|chin|muoi hai) thang${END}(?: (dau|cuoi)(?: nam)?)?${YEAR}`, "g"),
    (m, ctx, p) => {
      if (m[1] === "sau" && !typedAs(p, m.index, m.index + 3, ["sáu"])) return null;
      const n = SPAN_WORDS[m[1] ?? ""] ?? 0;
      if (m[2] === "cuoi") return n === 6 ? { code: makePeriodCode(yearOf(m[3], ctx), "half", 2), source: "explicit", cumulative: false } : null;
      return spanOfMonths(n, yearOf(m[3], ctx), false);
    },
  ],
  [
    new RegExp(`\\b(?:thang ?|t)(\\d{1,2})(?![0-9a-z]|[.,]\\d)${YEAR}`, "g"),
    (m, ctx) => {
      const month = Number(m[1]);
      return month >= 1 && month <= 12 ? { code: makePeriodCode(yearOf(m[2], ctx), "month", month), source: "explicit", cumulative: false } : null;
    },
  ],
  [new RegExp(`\\b(?:nua (?:dau )?nam|h1|6m)${END}${YEAR}`, "g"), (m, ctx) => ({ code: makePeriodCode(yearOf(m[1], ctx), "half", 1), source: "explicit", cumulative: false })],
  [new RegExp(`\\b(?:nua cuoi nam|h2)${END}${YEAR}`, "g"), (m, ctx) => ({ code: makePeriodCode(yearOf(m[1], ctx), "half", 2), source: "explicit", cumulative: false })],
  [new RegExp(`\\b9m${END}${YEAR}`, "g"), (m, ctx) => ({ code: makePeriodCode(yearOf(m[1], ctx), "nine_months"), source: "explicit", cumulative: false })],
  [/\b(quy|qui|thang|nam) (nay|vua qua|vua roi|truoc|roi|qua|ngoai|sau|toi)\b/g, (m, ctx) => relative(m[1] === "qui" ? "quy" : m[1] ?? "", m[2] ?? "", ctx)],
  [
    new RegExp(`\\b(?:ca nam|tong ket nam|cuoi nam)${END}(?: ?(?:\\/|nam)? ?((?:19|20)\\d\\d))?`, "g"),
    (m, ctx) => ({ code: makePeriodCode(yearOf(m[1], ctx), "year"), source: "explicit", cumulative: false }),
  ],
  [/\bnam ((?:19|20)\d\d)\b/g, (m, ctx) => ({ code: makePeriodCode(yearOf(m[1], ctx), "year"), source: "explicit", cumulative: false })],
  [
    /(?<![\d.,/-])\b(20\d\d)\b(?![.,/-]?\d)/g,
    (m, ctx, p) => {
      // A bare "2021" is a year unless it is the figure itself ("đạt 2021 lượt người", "được 2050 tỷ").
      const after = p.folded.slice(m.index + m[0].length, m.index + m[0].length + 8);
      const before = p.folded.slice(Math.max(0, m.index - 10), m.index);
      if (/^ ?(?:%|ty|ti|trieu|tr|nghin|ngan|tan|dong|luot|nguoi|vu|xa|huyen|ho|kg|k\b|d\b)/.test(after)) return null;
      if (/(?:dat|duoc|la|=|con|tang|giam|thanh|khoang|hon|gan|tren|duoi|len|xuong)\s*$/.test(before)) return null;
      return { code: makePeriodCode(yearOf(m[1], ctx), "year"), source: "explicit", cumulative: false };
    },
  ],
];

/** Finds every period mention, the running-total markers, and the text left for reading figures. */
export function readPeriods(p: PreparedText, ctx: Ctx): PeriodReading {
  let scan = p.folded;
  for (const re of PRE_MASKS) scan = scan.replace(re, (s) => " ".repeat(s.length));
  const mentions: PeriodMention[] = [];
  for (const [re, rule] of RULES) {
    re.lastIndex = 0;
    const found: PeriodMention[] = [];
    for (let m = re.exec(scan); m; m = re.exec(scan)) {
      const hit = rule(m, ctx, p);
      if (hit) found.push({ start: m.index, end: m.index + m[0].length, ...hit });
    }
    for (const x of found) scan = blank(scan, x.start, x.end);
    mentions.push(...found);
  }
  const dates = readDates(scan, ctx);
  for (const d of dates.mentions) mentions.push(d);
  scan = dates.scan;
  for (const re of POST_MASKS) scan = scan.replace(re, (s) => " ".repeat(s.length));
  mentions.sort((a, b) => a.start - b.start);
  return { mentions: mergeYears(mentions, p.folded, ctx), cumulativeMarker: CUMULATIVE_RE.test(p.folded), scan };
}

/** "tính đến 31/3" names March as a running total; other dates ("ngày 05/4") are only blanked. */
function readDates(scan: string, ctx: Ctx): { mentions: PeriodMention[]; scan: string } {
  const mentions: PeriodMention[] = [];
  let out = scan;
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(scan); m; m = DATE_RE.exec(scan)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    out = blank(out, m.index, m.index + m[0].length);
    const before = scan.slice(Math.max(0, m.index - 14), m.index);
    if (/(?:den|toi)(?: het)?(?: ngay)? $/.test(before)) {
      const year = m[3] ? yearOf(m[3].length === 2 ? m[3] : m[3], ctx) : ctx.campaignYear;
      mentions.push({ start: m.index, end: m.index + m[0].length, code: makePeriodCode(year, "month", month), source: "explicit", cumulative: true });
    }
  }
  return { mentions, scan: out };
}

/** "quý 1 … năm 2021": a bare year alongside a finer period only sets that period's year. */
function mergeYears(mentions: PeriodMention[], folded: string, ctx: Ctx): PeriodMention[] {
  const bareYears = mentions.filter((x) => /^(?:nam )?(?:19|20)\d\d$/.test(folded.slice(x.start, x.end)));
  const finer = mentions.filter((x) => !x.code.endsWith("-Y"));
  if (bareYears.length === 0 || finer.length === 0) return mentions;
  const year = bareYears[0]?.code.slice(0, 4) ?? String(ctx.campaignYear);
  return mentions
    .filter((x) => !bareYears.includes(x))
    .map((x) => (x.code.startsWith(String(ctx.campaignYear)) && x.source === "explicit" ? { ...x, code: year + x.code.slice(4) } : x));
}

const LAST_INDEX: Record<PeriodKind, number> = { month: 12, quarter: 4, half: 2, nine_months: 1, year: 1 };

/**
 * The period a figure is for when the message names none: the last finished period of the indicator's frequency
 * (quarterly → the quarter just ended), kept inside the campaign year; annual indicators → the campaign year.
 * Null when today is unknown (an invalid clock) for a non-annual indicator.
 */
export function defaultPeriod(frequency: Frequency | "month", today: LocalDate | null, campaignYear: number): string | null {
  const kind = frequency === "month" ? "month" : frequencyKind(frequency);
  if (kind === "year") return makePeriodCode(campaignYear, "year");
  if (!today) return null;
  const last = parsePeriodCode(lastFinishedPeriod(kind, today));
  if (!last || last.year === campaignYear) return last?.code ?? makePeriodCode(campaignYear, "year");
  return last.year < campaignYear ? makePeriodCode(campaignYear, kind, 1) : makePeriodCode(campaignYear, kind, LAST_INDEX[kind]);
}
