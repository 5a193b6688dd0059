/**
 * @module Which legal regime answers a question, and for which decision-date window (law.md §0).
 * Time is a parameter: callers pass `now`; dates are local (Asia/Ho_Chi_Minh, UTC+7 all year) ISO strings.
 */
import type { CriteriaKb, RegimeId, RegimeInfo } from "./criteria-kb.js";

const VN_OFFSET_MS = 7 * 3600 * 1000;

/** Local calendar date in Vietnam ("YYYY-MM-DD") of an instant. */
export function localIsoDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Regime in force for an award decision signed on `iso` (dates before 2024 → 2003). */
export function regimeForDate(regimes: readonly RegimeInfo[], iso: string): RegimeId {
  let found: RegimeId = "2003";
  for (const r of regimes) if (iso >= r.from) found = r.id;
  return found;
}

/**
 * Regime for a plan/achievement year (law.md rule of thumb): ≤ 2023 → 2003 law; 2024 → NĐ 98/2023;
 * 2025 and later → NĐ 152/2025 (awards for a year are mostly decided at its end or early the next year).
 */
export function regimeForYear(year: number): RegimeId {
  if (year <= 2023) return "2003";
  if (year === 2024) return "2022";
  return "2025";
}

/** How the regime was chosen: what the answer tells the officer. */
export type RegimeSource = "campaign" | "year" | "date" | "now" | "document" | "law";

/** Inclusive window of decision dates the bonus is computed for. */
export interface DecisionWindow {
  from: string;
  to: string;
  /** What the window stands for in the answer. */
  basis: "year" | "date" | "now" | "regime";
  year?: number;
}

/** The time-related reading of a question (filled by question-cues). */
export interface TimeCues {
  date?: string;
  year?: number;
  /** "hiện nay", "luật mới", "now", "current". */
  isNow: boolean;
  /** "luật mới", "quy định mới": at least the 2022 law, whatever `now` is. */
  isNewLaw?: boolean;
  /** "luật cũ", "trước đây". */
  isOldLaw: boolean;
  /** Regime pinned by a decree named in the question (NĐ 91 → 2003, NĐ 98 → 2022, NĐ 152 → 2025). */
  decreeRegime?: RegimeId;
  /** Law family named without a decree ("luật 2022", "Luật 06/2022"). */
  lawFamily?: "2003" | "2022";
}

export interface RegimeChoice {
  regime: RegimeId;
  source: RegimeSource;
  window: DecisionWindow;
}

function yearWindow(year: number): DecisionWindow {
  return { from: `${year}-01-01`, to: `${year}-12-31`, basis: "year", year };
}

function regimeWindow(info: RegimeInfo, today: string, campaignYear: number): DecisionWindow {
  const cy = yearWindow(campaignYear);
  if (cy.from >= info.from && (info.to === null || cy.to <= info.to)) return cy;
  if (today >= info.from && (info.to === null || today <= info.to)) return { from: today, to: today, basis: "now" };
  return { from: info.from, to: info.to ?? today, basis: "regime" };
}

/**
 * Picks the regime: an explicit date, year or decree in the question wins; "hiện nay"/"luật mới" means the regime
 * in force at `now`; "luật 2022" means the current decree period of that law; otherwise the campaign year decides.
 */
export function chooseRegime(kb: CriteriaKb, cues: TimeCues, ctx: { campaignYear: number; now: Date }): RegimeChoice {
  const today = localIsoDate(ctx.now);
  const info = (id: RegimeId): RegimeInfo => kb.regimes.find((r) => r.id === id) as RegimeInfo;
  const current = regimeForDate(kb.regimes, today);
  if (cues.date) {
    return { regime: cues.decreeRegime ?? regimeForDate(kb.regimes, cues.date), source: "date", window: { from: cues.date, to: cues.date, basis: "date" } };
  }
  if (cues.year !== undefined) {
    return { regime: cues.decreeRegime ?? regimeForYear(cues.year), source: "year", window: yearWindow(cues.year) };
  }
  if (cues.decreeRegime) {
    return { regime: cues.decreeRegime, source: "document", window: regimeWindow(info(cues.decreeRegime), today, ctx.campaignYear) };
  }
  if (cues.isNow) {
    const regime: RegimeId = cues.isNewLaw && current === "2003" ? "2022" : current;
    if (regime !== current) return { regime, source: "law", window: regimeWindow(info(regime), today, ctx.campaignYear) };
    return { regime, source: "now", window: { from: today, to: today, basis: "now" } };
  }
  if (cues.lawFamily === "2022") {
    const regime: RegimeId = current === "2003" ? "2022" : current;
    return { regime, source: "law", window: regimeWindow(info(regime), today, ctx.campaignYear) };
  }
  if (cues.lawFamily === "2003" || cues.isOldLaw) {
    return { regime: "2003", source: "law", window: regimeWindow(info("2003"), today, ctx.campaignYear) };
  }
  return { regime: regimeForYear(ctx.campaignYear), source: "campaign", window: yearWindow(ctx.campaignYear) };
}

/** Regime in force today (for the "current law" summary under answers about an older campaign). */
export function currentRegime(kb: CriteriaKb, now: Date): RegimeId {
  return regimeForDate(kb.regimes, localIsoDate(now));
}

/** Warnings of a regime that apply on `iso` (e.g. the reported 2026 amending law). */
export function regimeWarnings(kb: CriteriaKb, regime: RegimeId, iso: string): RegimeInfo["warnings"] {
  const info = kb.regimes.find((r) => r.id === regime);
  return (info?.warnings ?? []).filter((w) => iso >= w.from);
}
