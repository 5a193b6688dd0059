/**
 * @module Resolving one unit's value of one indicator for a period from the figures it sent (pure).
 *
 * Accumulating quantities (lũy kế) are resolved year-to-date: a cumulative figure ending at the period's last month
 * (or a period figure that starts in January, e.g. "6 tháng") is used as is; otherwise consecutive period figures are
 * added up (Q1 + Q2, or T1 + … + T6), starting from the latest cumulative figure they can continue. Rates and levels
 * take the figure ending at the period's last month, or the latest one before it (flagged stale).
 */
import type { IndicatorDef } from "../campaigns/campaign";
import { parsePeriodCode } from "./period";
import type { PeriodInfo } from "./period";

/** "period" = the figure covers only the named period; "cumulative" = from January to the end of it. */
export type FigureBasis = "period" | "cumulative";

/** One accepted (latest, non-superseded) figure of a unit. */
export interface UnitFigure {
  unitId: string;
  indicatorCode: string;
  /** Period code: 2021-M03, 2021-Q1, 2021-H1, 2021-9M, 2021-Y (also 2021-H2). */
  period: string;
  value: number;
  basis: FigureBasis;
  /** When it was reported; the later one wins between figures covering the same span. */
  reportedAt?: Date;
}

/** A unit's value for a period, with how far it reaches. */
export interface ResolvedValue {
  value: number;
  /** Last month (1–12) the value covers. */
  throughMonth: number;
  /** true when the figures stop before the period's last month. */
  isStale: boolean;
  /** Latest report time among the figures used. */
  reportedAt?: Date;
}

/** Year and months a figure's period covers (from period.ts). */
type PeriodSpan = Pick<PeriodInfo, "year" | "startMonth" | "endMonth">;

/** Whether an indicator's figures add up over the year (see `IndicatorDef.accumulates` for the default rule). */
export function isAccumulating(def: IndicatorDef): boolean {
  if (def.accumulates !== undefined) return def.accumulates;
  return def.valueKind === "number" && (def.aggregation === "sum" || def.aggregation === "province") && !def.measure.includes("/");
}

interface Placed {
  figure: UnitFigure;
  span: PeriodSpan;
  order: number;
}

const spanCache = new Map<string, PeriodSpan | null>();

/** Period codes repeat across thousands of figures: parse each once (bounded cache, codes are few per year). */
function spanOf(code: string): PeriodSpan | null {
  let span = spanCache.get(code);
  if (span === undefined) {
    if (spanCache.size > 512) spanCache.clear();
    span = parsePeriodCode(code);
    spanCache.set(code, span);
  }
  return span;
}

function time(f: UnitFigure): number {
  return f.reportedAt ? f.reportedAt.getTime() : Number.NEGATIVE_INFINITY;
}

/** The later report wins; without timestamps, the later in input order. */
function newer(a: Placed, b: Placed): Placed {
  const ta = time(a.figure);
  const tb = time(b.figure);
  if (ta !== tb) return ta > tb ? a : b;
  return a.order > b.order ? a : b;
}

function isYearToDate(p: Placed): boolean {
  return p.figure.basis === "cumulative" || p.span.startMonth === 1;
}

function place(figures: readonly UnitFigure[], year: number, endMonth: number): Placed[] {
  const out: Placed[] = [];
  figures.forEach((figure, order) => {
    const span = spanOf(figure.period);
    if (span && span.year === year && span.endMonth <= endMonth && Number.isFinite(figure.value)) out.push({ figure, span, order });
  });
  return out;
}

function latestTime(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

interface Accumulated {
  value: number;
  reportedAt?: Date;
}

/**
 * Year-to-date value through `endMonth` of one unit/indicator (figures of other units must be filtered out first).
 * Returns the furthest-reaching value, stale when it stops early, or null when nothing was reported.
 */
export function resolveYearToDate(figures: readonly UnitFigure[], year: number, endMonth: number): ResolvedValue | null {
  const placed = place(figures, year, endMonth);
  if (placed.length === 0) return null;
  const byEnd: Placed[][] = Array.from({ length: endMonth + 1 }, () => []);
  for (const p of placed) byEnd[p.span.endMonth]?.push(p);
  const best: (Accumulated | undefined)[] = [{ value: 0 }];
  for (let m = 1; m <= endMonth; m++) {
    const ending = byEnd[m] ?? [];
    let direct: Placed | undefined;
    for (const p of ending) if (isYearToDate(p)) direct = direct ? newer(direct, p) : p;
    best[m] = direct ? { value: direct.figure.value, reportedAt: direct.figure.reportedAt } : extend(ending, best);
  }
  for (let m = endMonth; m >= 1; m--) {
    const b = best[m];
    if (b) return { value: b.value, throughMonth: m, isStale: m < endMonth, reportedAt: b.reportedAt };
  }
  return null;
}

/** Adds a period figure to the year-to-date value just before it; the widest span wins (fewest pieces). */
function extend(ending: Placed[], best: (Accumulated | undefined)[]): Accumulated | undefined {
  let chosen: Placed | undefined;
  for (const p of ending) {
    if (!best[p.span.startMonth - 1]) continue;
    if (!chosen || p.span.startMonth < chosen.span.startMonth) chosen = p;
    else if (p.span.startMonth === chosen.span.startMonth) chosen = newer(chosen, p);
  }
  if (!chosen) return undefined;
  const before = best[chosen.span.startMonth - 1] as Accumulated;
  return { value: before.value + chosen.figure.value, reportedAt: latestTime(before.reportedAt, chosen.figure.reportedAt) };
}

/**
 * Value of a rate or level at the end of `endMonth`: the figure ending there, else the latest one before it.
 * Between figures ending in the same month a year-to-date one wins ("6 tháng" over "quý 2"), then the later report.
 */
export function resolveLevel(figures: readonly UnitFigure[], year: number, endMonth: number): ResolvedValue | null {
  let chosen: Placed | undefined;
  for (const p of place(figures, year, endMonth)) {
    if (!chosen || p.span.endMonth > chosen.span.endMonth) chosen = p;
    else if (p.span.endMonth === chosen.span.endMonth) {
      const a = isYearToDate(chosen);
      const b = isYearToDate(p);
      chosen = a === b ? newer(chosen, p) : b ? p : chosen;
    }
  }
  if (!chosen) return null;
  const { figure, span } = chosen;
  return { value: figure.value, throughMonth: span.endMonth, isStale: span.endMonth < endMonth, reportedAt: figure.reportedAt };
}

/** Resolves by the indicator's nature: year-to-date for accumulating quantities, else the level. */
export function resolveValue(def: IndicatorDef, figures: readonly UnitFigure[], year: number, endMonth: number): ResolvedValue | null {
  return isAccumulating(def) ? resolveYearToDate(figures, year, endMonth) : resolveLevel(figures, year, endMonth);
}

/** Groups figures by unit and indicator once, so resolving many cells stays linear. */
export function indexFigures(figures: readonly UnitFigure[]): Map<string, UnitFigure[]> {
  const index = new Map<string, UnitFigure[]>();
  for (const f of figures) {
    const key = figureKey(f.unitId, f.indicatorCode);
    const list = index.get(key);
    if (list) list.push(f);
    else index.set(key, [f]);
  }
  return index;
}

/** Map key of a unit/indicator pair. */
export function figureKey(unitId: string, indicatorCode: string): string {
  return `${unitId}\u0000${indicatorCode}`;
}
