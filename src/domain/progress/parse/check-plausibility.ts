/**
 * @module Checks a parsed figure against what the bot already knows before storing it, so the flow can ASK instead of
 * storing a slip: a running total that went down, a ×1000 unit slip, a rate above its maximum, a figure far beyond
 * the annual target. Warnings, not rejections: the officer may confirm.
 */
import type { IndicatorDef } from "../../campaigns/campaign";
import { parsePeriodCode } from "../period";
import { resolveIndicatorProfile } from "./indicator-profile";

/** Above this many times the annual target a figure is worth a confirmation. */
export const FAR_ABOVE_TARGET_WARN = 3;
/** Ratios between these bounds (or their inverses) look like a thousand-fold unit slip (tỷ ↔ triệu, tấn ↔ nghìn tấn). */
const SLIP_LOW = 300;
const SLIP_HIGH = 3000;
/** A figure this many times the whole year's target is a unit slip rather than over-achievement. */
const SLIP_TARGET = 100;

export type PlausibilityWarningKind = "cumulative_decreased" | "scale_slip" | "above_max" | "far_above_target";

/** A figure stored earlier for the same unit and indicator. */
export interface PriorFigure {
  period: string;
  value: number;
  basis: "period" | "cumulative";
}

export interface PlausibilityWarning {
  kind: PlausibilityWarningKind;
  /** The earlier figure the new one contradicts (cumulative_decreased, scale_slip vs a previous figure). */
  previous?: PriorFigure;
  /** Ratio that triggered the warning (value / target or value / previous). */
  ratio?: number;
  /** The bound that was exceeded (maxValue, or k × target). */
  limit?: number;
}

export interface PlausibilityInput {
  indicator: IndicatorDef;
  value: number;
  period: string;
  basis: "period" | "cumulative";
  previous: PriorFigure[];
}

function isSlip(ratio: number): boolean {
  return (ratio >= SLIP_LOW && ratio <= SLIP_HIGH) || (ratio > 0 && 1 / ratio >= SLIP_LOW && 1 / ratio <= SLIP_HIGH);
}

/** January-to-end-month span of a figure when it is a running total (basis cumulative, or a period from January). */
function runningSpan(f: PriorFigure): { year: number; endMonth: number } | null {
  const p = parsePeriodCode(f.period);
  if (!p || (f.basis !== "cumulative" && p.startMonth !== 1)) return null;
  return { year: p.year, endMonth: p.endMonth };
}

function cumulativeDecrease(input: PlausibilityInput): PlausibilityWarning[] {
  const now = runningSpan(input);
  if (!now) return [];
  const out: PlausibilityWarning[] = [];
  for (const prev of input.previous) {
    const then = runningSpan(prev);
    if (!then || then.year !== now.year || then.endMonth === now.endMonth) continue;
    const decreased = then.endMonth < now.endMonth ? input.value < prev.value : input.value > prev.value;
    if (decreased) out.push({ kind: "cumulative_decreased", previous: prev });
  }
  return out;
}

function scaleSlips(input: PlausibilityInput): PlausibilityWarning[] {
  const { value, indicator } = input;
  if (!(value > 0)) return [];
  const out: PlausibilityWarning[] = [];
  const target = indicator.target;
  if (target !== null && target > 0 && value / target >= SLIP_TARGET) out.push({ kind: "scale_slip", ratio: value / target, limit: SLIP_TARGET * target });
  for (const prev of input.previous) {
    if (prev.value > 0 && isSlip(value / prev.value)) out.push({ kind: "scale_slip", previous: prev, ratio: value / prev.value });
  }
  return out;
}

/**
 * Warnings for a figure about to be stored. Running totals are compared only for indicators that accumulate
 * (`accumulates`); rates are compared with their `maxValue`; everything with a positive target with k × target.
 */
export function checkPlausibility(input: PlausibilityInput): PlausibilityWarning[] {
  const profile = resolveIndicatorProfile(input.indicator);
  const { value } = input;
  if (!Number.isFinite(value)) return [{ kind: "above_max", limit: profile.maxValue ?? Number.MAX_VALUE }];
  const out: PlausibilityWarning[] = [];
  if (profile.maxValue !== null && value > profile.maxValue) out.push({ kind: "above_max", limit: profile.maxValue });
  const slips = profile.isBoolean ? [] : scaleSlips(input);
  out.push(...slips);
  const target = input.indicator.target;
  const slipOnTarget = slips.some((w) => !w.previous);
  if (!slipOnTarget && !profile.isBoolean && target !== null && target > 0 && value > FAR_ABOVE_TARGET_WARN * target) {
    out.push({ kind: "far_above_target", ratio: value / target, limit: FAR_ABOVE_TARGET_WARN * target });
  }
  if (profile.accumulates) out.push(...cumulativeDecrease(input));
  return out;
}
