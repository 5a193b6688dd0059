/**
 * @module Province-level and unit-level progress of every indicator for one period (pure).
 *
 * Province value by the indicator's aggregation rule, over the units' values resolved for the period
 * (see aggregate-figures.ts):
 * - `sum`: the sum over units whose year-to-date figures reach the period's end (stale units are left out and show
 *   in `unitsReported` < `unitsExpected`);
 * - `average`: the plain mean of the units' values;
 * - `latest`: the most recently reported unit value (ties: the later unit in `unitIds` order);
 * - `province`: only the board's own figure (the pseudo-unit `provinceUnitId`), never the units'.
 * The previous-year baseline of `decrease_vs_previous_year` is the board's own previous-year figure when given,
 * else the same aggregation over the units' previous-year figures.
 *
 * Units are judged against their own commitment (chỉ tiêu đăng ký) when given; otherwise rates and levels use the
 * province target, and accumulating quantities get no status (`no_unit_target`): a district's share of the
 * province's 11.560 tỷ is not written anywhere.
 */
import type { Aggregation, Comparator, IndicatorDef } from "../campaigns/campaign";
import { indexFigures, figureKey, isAccumulating, resolveValue } from "./aggregate-figures";
import type { ResolvedValue, UnitFigure } from "./aggregate-figures";
import { evaluateProgress } from "./progress-status";
import type { Evaluation, StatusOptions } from "./progress-status";
import { parsePeriodCode } from "./period";

/** A unit's own commitment for an indicator (from its registration), overriding the province target. */
export interface UnitCommitment {
  unitId: string;
  indicatorCode: string;
  target: number;
  comparator?: Comparator;
}

/** Everything `aggregateProgress` needs: definitions, figures, optional baselines and commitments, the period. */
export interface AggregateInput {
  indicators: readonly IndicatorDef[];
  /** Latest non-superseded figures of the campaign year (other years are ignored). */
  figures: readonly UnitFigure[];
  /** Figures of the previous year, for `decrease_vs_previous_year`. */
  previousYearFigures?: readonly UnitFigure[];
  commitments?: readonly UnitCommitment[];
  /** Period code, e.g. "2021-Q1". */
  period: string;
  /** Units expected to report (excluding the board); defaults to every unit seen in `figures`. */
  unitIds?: readonly string[];
  /** The board's pseudo-unit whose figures are the province's own (aggregation `province`). */
  provinceUnitId: string;
  /**
   * Share of the year elapsed; defaults to the period's last month / 12 (the figures run to the period's end).
   * Pass `elapsedShareOfYear(today, year)` from period.ts to judge a live, unfinished period by the calendar.
   */
  elapsedShare?: number;
  statusOptions?: Partial<StatusOptions>;
}

/** Fields shared by province and unit rows. */
export interface ProgressFigures extends Evaluation {
  indicatorCode: string;
  period: string;
  value: number | null;
  /** Target the value is judged against (annual; the unit's commitment for unit rows when given). */
  target: number | null;
  comparator: Comparator;
  previousValue: number | null;
  accumulates: boolean;
  /** Last month the value covers; null without a value. */
  throughMonth: number | null;
  isStale: boolean;
}

/** Province-level progress of one indicator. */
export interface IndicatorProgress extends ProgressFigures {
  aggregation: Aggregation;
  unitsReported: number;
  unitsExpected: number;
}

/** One unit's progress on one indicator. */
export interface UnitIndicatorProgress extends ProgressFigures {
  unitId: string;
  targetSource: "commitment" | "province" | null;
  /** Year-to-date value that stops before the period's end (accumulating quantities only), for display. */
  lastKnown: { value: number; throughMonth: number } | null;
}

/** Province rows (one per indicator) and unit rows (one per unit × indicator it concerns) for a period. */
export interface ProgressSnapshot {
  period: string;
  elapsedShare: number;
  province: IndicatorProgress[];
  units: UnitIndicatorProgress[];
}

/** Thrown when the period code is not one of the known forms. */
export class UnknownPeriodError extends Error {
  constructor(readonly period: string) {
    super(`unknown period code: ${period}`);
    this.name = "UnknownPeriodError";
  }
}

interface Context {
  input: AggregateInput;
  year: number;
  endMonth: number;
  elapsedShare: number;
  unitIds: string[];
  current: Map<string, UnitFigure[]>;
  previous: Map<string, UnitFigure[]>;
  commitments: Map<string, UnitCommitment>;
}

/** Computes province and unit progress of every indicator for `input.period`. */
export function aggregateProgress(input: AggregateInput): ProgressSnapshot {
  const span = parsePeriodCode(input.period);
  if (!span) throw new UnknownPeriodError(input.period);
  const ctx: Context = {
    input,
    year: span.year,
    endMonth: span.endMonth,
    elapsedShare: input.elapsedShare ?? span.endMonth / 12,
    unitIds: input.unitIds ? input.unitIds.filter((id) => id !== input.provinceUnitId) : unitsSeen(input.figures, input.provinceUnitId),
    current: indexFigures(input.figures),
    previous: indexFigures(input.previousYearFigures ?? []),
    commitments: new Map((input.commitments ?? []).map((c) => [figureKey(c.unitId, c.indicatorCode), c])),
  };
  const province: IndicatorProgress[] = [];
  const units: UnitIndicatorProgress[] = [];
  for (const def of input.indicators) {
    const cells = ctx.unitIds.flatMap((unitId) => unitCell(ctx, def, unitId) ?? []);
    for (const c of cells) units.push(c.row);
    province.push(provinceRow(ctx, def, cells));
  }
  return { period: input.period, elapsedShare: ctx.elapsedShare, province, units };
}

function unitsSeen(figures: readonly UnitFigure[], provinceUnitId: string): string[] {
  const seen = new Set<string>();
  for (const f of figures) if (f.unitId !== provinceUnitId) seen.add(f.unitId);
  return [...seen].sort();
}

function resolveFor(ctx: Context, def: IndicatorDef, unitId: string, previousYear: boolean): ResolvedValue | null {
  const figures = (previousYear ? ctx.previous : ctx.current).get(figureKey(unitId, def.code));
  if (!figures) return null;
  return resolveValue(def, figures, previousYear ? ctx.year - 1 : ctx.year, ctx.endMonth);
}

/** Accumulating values that stop early are not a value for this period (they would understate it). */
function usable(def: IndicatorDef, r: ResolvedValue | null): ResolvedValue | null {
  return r && r.isStale && isAccumulating(def) ? null : r;
}

/** A unit row plus the resolved values behind it, reused by the province row instead of resolving twice. */
interface UnitCell {
  row: UnitIndicatorProgress;
  current: ResolvedValue | null;
  previous: ResolvedValue | null;
}

function unitCell(ctx: Context, def: IndicatorDef, unitId: string): UnitCell | null {
  const raw = resolveFor(ctx, def, unitId, false);
  const commitment = ctx.commitments.get(figureKey(unitId, def.code));
  // The board reports `province` indicators itself; a unit row only appears when the unit sent figures anyway.
  if (def.aggregation === "province" && !raw && !commitment) return null;
  const resolved = usable(def, raw);
  const accumulates = isAccumulating(def);
  const comparator = commitment?.comparator ?? def.comparator;
  const target = commitment ? commitment.target : accumulates ? null : def.target;
  const previous = usable(def, resolveFor(ctx, def, unitId, true));
  const evaluation = evaluateProgress({
    comparator,
    valueKind: def.valueKind,
    value: resolved?.value ?? null,
    target,
    previousValue: previous?.value ?? null,
    accumulates,
    elapsedShare: ctx.elapsedShare,
    options: ctx.input.statusOptions,
  });
  if (evaluation.noDataReason === "no_target" && accumulates && !commitment) evaluation.noDataReason = "no_unit_target";
  const row: UnitIndicatorProgress = {
    ...evaluation,
    unitId,
    indicatorCode: def.code,
    period: ctx.input.period,
    value: resolved?.value ?? null,
    target,
    targetSource: commitment ? "commitment" : target === null ? null : "province",
    comparator,
    previousValue: previous?.value ?? null,
    accumulates,
    throughMonth: resolved?.throughMonth ?? null,
    isStale: resolved?.isStale ?? false,
    lastKnown: raw && !resolved ? { value: raw.value, throughMonth: raw.throughMonth } : null,
  };
  return { row, current: resolved, previous };
}

interface Combined {
  value: number | null;
  throughMonth: number | null;
  isStale: boolean;
  count: number;
}

/** Combines resolved unit values by an aggregation rule (not `province`, handled by the caller). */
function combine(aggregation: Aggregation, values: ResolvedValue[]): Combined {
  if (values.length === 0) return { value: null, throughMonth: null, isStale: false, count: 0 };
  const throughMonth = Math.min(...values.map((v) => v.throughMonth));
  const isStale = values.some((v) => v.isStale);
  let value: number;
  if (aggregation === "latest") value = latestOf(values).value;
  else {
    const sum = values.reduce((acc, v) => acc + v.value, 0);
    value = aggregation === "average" ? sum / values.length : sum;
  }
  return { value, throughMonth: aggregation === "latest" ? latestOf(values).throughMonth : throughMonth, isStale, count: values.length };
}

function latestOf(values: ResolvedValue[]): ResolvedValue {
  return values.reduce((acc, v) => ((v.reportedAt?.getTime() ?? -Infinity) >= (acc.reportedAt?.getTime() ?? -Infinity) ? v : acc));
}

function provinceValue(ctx: Context, def: IndicatorDef, previousYear: boolean, cells: UnitCell[]): Combined {
  const own = usable(def, resolveFor(ctx, def, ctx.input.provinceUnitId, previousYear));
  if (def.aggregation === "province" || (previousYear && own)) {
    return { value: own?.value ?? null, throughMonth: own?.throughMonth ?? null, isStale: own?.isStale ?? false, count: own ? 1 : 0 };
  }
  return combine(def.aggregation, cells.flatMap((c) => (previousYear ? c.previous : c.current) ?? []));
}

function provinceRow(ctx: Context, def: IndicatorDef, cells: UnitCell[]): IndicatorProgress {
  const current = provinceValue(ctx, def, false, cells);
  const previous = provinceValue(ctx, def, true, cells);
  const accumulates = isAccumulating(def);
  const evaluation = evaluateProgress({
    comparator: def.comparator,
    valueKind: def.valueKind,
    value: current.value,
    target: def.target,
    previousValue: previous.value,
    accumulates,
    elapsedShare: ctx.elapsedShare,
    options: ctx.input.statusOptions,
  });
  return {
    ...evaluation,
    indicatorCode: def.code,
    period: ctx.input.period,
    aggregation: def.aggregation,
    value: current.value,
    target: def.target,
    comparator: def.comparator,
    previousValue: previous.value,
    accumulates,
    throughMonth: current.throughMonth,
    isStale: current.isStale,
    unitsReported: current.count,
    unitsExpected: def.aggregation === "province" ? 1 : ctx.unitIds.length,
  };
}
