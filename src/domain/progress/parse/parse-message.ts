/**
 * @module Reads one officer message into a MessageReading: intent, indicator, period, basis and figure, or the reason
 * the bot must ask back. Pure and synchronous; never throws and never yields a non-finite number.
 */
import type { IndicatorDef } from "../../campaigns/campaign";
import { foldText } from "../../../shared/text";
import { toLocalDate } from "../period";
import type { LocalDate } from "../period";
import type { Candidate, MatchResult } from "./match-indicator";
import { matchIndicators } from "./match-indicator";
import { indexIndicators } from "./indicator-index";
import type { IndicatorIndex } from "./indicator-index";
import type { MessageIntent, MessageReading, ParseContext } from "./message-reading";
import type { PreparedText, Word } from "./prepare-text";
import { prepareText, splitWords, typedAs } from "./prepare-text";
import type { NumberMention } from "./read-numbers";
import { readNumberMentions } from "./read-numbers";
import type { PeriodReading } from "./read-period";
import { defaultPeriod, readPeriods } from "./read-period";
import { readIntentSignals, decideIntent } from "./detect-intent";
import { resolveIndicatorProfile } from "./indicator-profile";
import { readBoolean } from "./read-boolean";
import { chooseValue } from "./read-value";
import { pickIndicator } from "./pick-indicator";

export type { AmbiguityReason, MessageIntent, MessageReading, ParseContext, ValueSource } from "./message-reading";
export { checkPlausibility } from "./check-plausibility";
export type { PlausibilityInput, PlausibilityWarning, PlausibilityWarningKind, PriorFigure } from "./check-plausibility";

interface Parsed {
  p: PreparedText;
  words: Word[];
  index: IndicatorIndex;
  today: LocalDate | null;
  periods: PeriodReading;
  numbers: NumberMention[];
  match: MatchResult;
  indicators: readonly IndicatorDef[];
  ctx: ParseContext;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function emptyReading(intent: MessageIntent, explain: string[]): MessageReading {
  return { intent, indicator: null, candidates: [], period: null, periodSource: null, basis: null, value: null, ambiguity: null, explain };
}

/** Reads a chat message. `ctx.now` + `ctx.timeZone` fix "quý này", "tháng trước" and default periods. */
export function parseMessage(text: string, ctx: ParseContext): MessageReading {
  try {
    return read(typeof text === "string" ? text : "", ctx);
  } catch {
    // A parser bug must not break the conversation: the bot then simply says it did not understand.
    return emptyReading("unknown", ["internal_error"]);
  }
}

function read(text: string, ctx: ParseContext): MessageReading {
  const p = prepareText(text);
  const today = toLocalDate(ctx.now, ctx.timeZone);
  const periods = readPeriods(p, { campaignYear: ctx.campaignYear, today });
  const numbers = readNumberMentions(p, periods.scan);
  const words = matchableWords(p, periods);
  const index = indexIndicators(ctx.indicators);
  const match = matchIndicators(words, index, periods.scan);
  const s: Parsed = { p, words, index, today, periods, numbers, match, indicators: ctx.indicators, ctx };
  const hasIndicator = match.mentions.some((m) => m.strong || match.ties.has(m));
  const hasClearIndicator = match.mentions.some((m) => m.strong && !match.ties.has(m));
  const hasQuantity = numbers.some((n) => n.unit !== null || n.scale !== null);
  const signals = readIntentSignals(p);
  const { intent, why } = decideIntent(signals, { hasIndicator, hasClearIndicator, hasFigure: numbers.length > 0, hasQuantity });
  const explain = [`intent:${intent}(${why})`];
  if (intent === "report" || intent === "correction") return readReport(s, intent, explain);
  if (intent === "progress_query") return readQuery(s, explain);
  return emptyReading(intent, explain);
}

/** Reporting words that look like parts of indicator names ("báo cáo" ≈ "bảo hiểm", "giá trị:" as a form label). */
const GENERIC_RE = /\b(?:bao cao|so lieu|ke hoach|ket qua|tinh hinh|cong tac)\b|(?:^|\n)[\s\-•*+]*(?:ten chi tieu|chi tieu|ky bao cao|ky|gia tri|don vi tinh|don vi|ghi chu|noi dung|thoi gian)\s*:/g;

/** Digit-free words that can name an indicator: not inside a period ("cả năm") nor generic reporting words. */
function matchableWords(p: PreparedText, periods: PeriodReading): Word[] {
  const skip: [number, number][] = periods.mentions.map((x) => [x.start, x.end]);
  GENERIC_RE.lastIndex = 0;
  for (let m = GENERIC_RE.exec(p.folded); m; m = GENERIC_RE.exec(p.folded)) skip.push([m.index, m.index + m[0].length]);
  return splitWords(p).filter((w) => !/\d/.test(w.text) && !skip.some(([a, b]) => w.start >= a && w.end <= b));
}

function codeOf(s: Parsed, c: Candidate): string {
  return s.indicators[c.indicator]?.code ?? "";
}

function rankedCandidates(s: Parsed, chosen: Candidate | null): { code: string; score: number }[] {
  const ranked = s.match.ranked;
  const top = ranked[0]?.score ?? 1;
  const order = chosen ? [chosen, ...ranked.filter((c) => c !== chosen)] : ranked;
  return order.slice(0, 5).map((c) => ({ code: codeOf(s, c), score: round2(Math.min(1, (c.score / top) * (0.5 + 0.5 * c.coverage))) }));
}

function confidence(s: Parsed, chosen: Candidate): number {
  const runnerUp = s.match.ranked.find((c) => c !== chosen)?.score ?? 0;
  return round2((0.5 + 0.5 * chosen.coverage) * (1 - 0.5 * Math.min(1, runnerUp / chosen.score)));
}

/** The period named closest before the figure (else the first named), else the indicator's default. */
function choosePeriod(s: Parsed, at: number | null, def: IndicatorDef | null): Pick<MessageReading, "period" | "periodSource" | "basis"> {
  const { mentions, cumulativeMarker } = s.periods;
  const before = at === null ? [] : mentions.filter((m) => m.start < at);
  const m = before[before.length - 1] ?? mentions[0];
  if (m) return { period: m.code, periodSource: m.source, basis: m.cumulative || cumulativeMarker ? "cumulative" : "period" };
  if (!def) return { period: null, periodSource: null, basis: null };
  if (cumulativeMarker && s.today) {
    return { period: defaultPeriod("month", s.today, s.ctx.campaignYear), periodSource: "relative", basis: "cumulative" };
  }
  const period = defaultPeriod(def.frequency, s.today, s.ctx.campaignYear);
  return period ? { period, periodSource: "default", basis: "period" } : { period: null, periodSource: null, basis: null };
}

const REASON_RE = /\b(?:ly do|li do|nguyen nhan)\b\s*[:\-–]?\s*/;
const BECAUSE_RE = /(?:^|[\s,;(])vi\s+(?=\S)/g;

/** "…, lý do: nhập nhầm đơn vị" or "… vì nhập nhầm" → the reason as typed; null without a stated reason. */
function correctionReason(p: PreparedText): { text: string; start: number } | null {
  let m = REASON_RE.exec(p.folded);
  if (!m) {
    BECAUSE_RE.lastIndex = 0;
    for (let b = BECAUSE_RE.exec(p.folded); b && !m; b = BECAUSE_RE.exec(p.folded)) {
      const at = b.index + b[0].indexOf("vi");
      if (typedAs(p, at, at + 2, ["vì"])) m = b;
    }
  }
  if (!m) return null;
  const text = p.original.slice(m.index + m[0].length).replace(/^[\s:\-–]+|[\s.!]+$/gu, "").trim();
  return text ? { text, start: m.index } : null;
}

/** Yes/no indicators: the verdict words outside the indicator's own name. */
function readBooleanReport(s: Parsed, cand: Candidate, numbers: NumberMention[], def: IndicatorDef, common: MessageReading, explain: string[]): MessageReading {
  // A verdict word directly followed by more of the indicator's name is part of that name.
  const isNamePart = (_start: number, end: number): boolean => {
    const next = s.words.findIndex((w) => w.start >= end);
    return next >= 0 && cand.positions.has(next);
  };
  const b = readBoolean(s.p.folded, s.p.original, numbers, isNamePart);
  const period = choosePeriod(s, b?.start ?? null, def);
  explain.push(`period:${period.period ?? "-"}(${period.periodSource ?? "-"})`, b ? `value:${b.value}` : "ambiguity:missing_value");
  if (!b) return { ...common, ...period, ambiguity: { reason: "missing_value" } };
  return { ...common, ...period, value: b.value, valueSource: { text: b.text, number: b.value, unit: null, scale: 1 } };
}

function readReport(s: Parsed, intent: MessageIntent, explain: string[]): MessageReading {
  const reason = intent === "correction" ? correctionReason(s.p) : null;
  const numbers = reason ? s.numbers.filter((n) => n.start < reason.start) : s.numbers;
  const pick = pickIndicator({ match: s.match, numbers, indicators: s.indicators, folded: s.p.folded, words: s.words, index: s.index });
  const base = { ...emptyReading(intent, explain), ...(reason ? { reason: reason.text } : {}) };
  if (pick.kind !== "one") {
    const ambiguity = pick.kind === "none" ? { reason: "unknown_indicator" as const } : { reason: pick.reason, choices: pick.choices };
    explain.push(`ambiguity:${ambiguity.reason}`);
    return { ...base, candidates: rankedCandidates(s, null), ...choosePeriod(s, null, null), ambiguity };
  }
  const def = s.indicators[pick.cand.indicator] as IndicatorDef;
  const profile = resolveIndicatorProfile(def);
  const span = { start: pick.cand.start, end: pick.cand.end };
  const indicator = { code: def.code, confidence: confidence(s, pick.cand) };
  explain.push(`indicator:${def.code}@${indicator.confidence}`);
  const common = { ...base, indicator, candidates: rankedCandidates(s, pick.cand) };
  if (profile.isBoolean) return readBooleanReport(s, pick.cand, pick.numbers, def, { ...common }, explain);
  const reductionNamed = [...pick.cand.positions.keys()].some((j) => s.words[j]?.text === "giam");
  const choice = chooseValue({ p: s.p, scan: s.periods.scan, numbers: pick.numbers, profile, span, reductionNamed, isCorrection: intent === "correction" });
  const period = choosePeriod(s, choice.at, def);
  explain.push(`period:${period.period ?? "-"}(${period.periodSource ?? "-"})`, `basis:${period.basis ?? "-"}`, ...choice.explain);
  if (namesOnlyPart(s, def, span.start, choice.at ?? s.p.folded.length)) {
    explain.push("ambiguity:unclear_indicator(part_of_total)");
    return { ...common, ...period, indicator: null, ambiguity: { reason: "unclear_indicator", choices: [def.code] } };
  }
  const withSource = choice.source ? { valueSource: choice.source } : {};
  if (choice.ambiguity) {
    explain.push(`ambiguity:${choice.ambiguity}`);
    return { ...common, ...period, ...withSource, ambiguity: { reason: choice.ambiguity } };
  }
  return { ...common, ...period, ...withSource, value: choice.value };
}

/** "sản lượng khai thác thủy sản …": some but not all of the indicator's components named before its figure. */
function namesOnlyPart(s: Parsed, def: IndicatorDef, from: number, to: number): boolean {
  const parts = def.components ?? [];
  if (parts.length < 2) return false;
  const text = ` ${s.p.folded.slice(from, to).replace(/[^a-z0-9]+/g, " ")} `;
  const named = parts.filter((c) => text.includes(` ${foldText(c).replace(/[^a-z0-9]+/g, " ").trim()} `));
  return named.length > 0 && named.length < parts.length;
}

function readQuery(s: Parsed, explain: string[]): MessageReading {
  const pick = pickIndicator({ match: s.match, numbers: [], indicators: s.indicators, folded: s.p.folded, words: s.words, index: s.index });
  const named = s.periods.mentions[0];
  const period = named
    ? { period: named.code, periodSource: named.source, basis: named.cumulative || s.periods.cumulativeMarker ? ("cumulative" as const) : ("period" as const) }
    : { period: null, periodSource: null, basis: null };
  const base = { ...emptyReading("progress_query", explain), ...period };
  if (pick.kind === "none") return { ...base, candidates: rankedCandidates(s, null) };
  if (pick.kind === "ask") {
    explain.push(`ambiguity:${pick.reason}`);
    return { ...base, candidates: rankedCandidates(s, null), ambiguity: { reason: pick.reason, choices: pick.choices } };
  }
  const def = s.indicators[pick.cand.indicator] as IndicatorDef;
  const indicator = { code: def.code, confidence: confidence(s, pick.cand) };
  explain.push(`indicator:${def.code}@${indicator.confidence}`);
  return { ...base, indicator, candidates: rankedCandidates(s, pick.cand) };
}
