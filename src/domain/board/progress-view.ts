/**
 * @module The board's progress view of one period: province rows by each indicator's aggregation rule and one row
 * per unit × indicator it reports (pure; built on aggregate.ts).
 *
 * Choices made here, on top of aggregate.ts:
 * - units expected to report an indicator are the units of its `unitKinds` (all units but the board when absent),
 *   so "12/15 đơn vị báo cáo" counts districts for a district indicator, not every department;
 * - indicators aggregated at `province` level (GRDP, cơ cấu kinh tế…) are reported by whoever holds them (the board
 *   or the department the plan names): the newest such figure is the province's;
 * - a unit is judged against its own registered commitment (chỉ tiêu đăng ký) when it has one;
 * - statuses are judged at the share of the year elapsed on `today`, capped at the period's end (board-period.ts).
 */
import type { IndicatorDef } from "../campaigns/campaign";
import type { Unit } from "../organisation/organisation";
import type { IndicatorProgress, ProgressSnapshot, UnitCommitment, UnitIndicatorProgress } from "../progress/aggregate";
import { aggregateProgress, UnknownPeriodError } from "../progress/aggregate";
import type { UnitFigure } from "../progress/aggregate-figures";
import type { LocalDate } from "../progress/period";
import { parsePeriodCode } from "../progress/period";
import type { BoardCampaign, BoardData } from "./board-data";
import { boardElapsedShare } from "./board-period";

/** Id under which province-level figures are aggregated when the organisation has no board unit. */
export const PROVINCE_PSEUDO_UNIT = "__province__";

/** Inputs of {@link buildProgressView}. */
export interface ProgressViewInput {
  campaign: BoardCampaign;
  /** Every active unit; the one of kind `board` is the province's own reporter and is not expected to report. */
  units: readonly Unit[];
  data: Pick<BoardData, "figures" | "registrations">;
  period: string;
  today: LocalDate;
}

/** The unit whose figures are the province's own (the board), or the pseudo-unit. */
export function provinceUnitIdOf(units: readonly Unit[]): string {
  return units.find((u) => u.kind === "board")?.id ?? PROVINCE_PSEUDO_UNIT;
}

/** Units expected to report an indicator (never the board). */
export function reportingUnitsFor(def: IndicatorDef, units: readonly Unit[]): Unit[] {
  return units.filter((u) => u.kind !== "board" && (!def.unitKinds || def.unitKinds.includes(u.kind)));
}

function yearOfCode(code: string): number {
  return Number(code.slice(0, 4));
}

/** Figures of one year by indicator; province-level indicators also get a copy under the province's id. */
function indexYear(figures: readonly UnitFigure[], year: number, provinceLevel: ReadonlySet<string>, provinceId: string): Map<string, UnitFigure[]> {
  const out = new Map<string, UnitFigure[]>();
  for (const f of figures) {
    if (yearOfCode(f.period) !== year) continue;
    let list = out.get(f.indicatorCode);
    if (!list) out.set(f.indicatorCode, (list = []));
    list.push(f);
    if (provinceLevel.has(f.indicatorCode) && f.unitId !== provinceId) list.push({ ...f, unitId: provinceId });
  }
  return out;
}

/** Indicators grouped by who reports them (same `unitKinds`), in plan order inside each group. */
function groupsByReporters(indicators: readonly IndicatorDef[]): IndicatorDef[][] {
  const groups = new Map<string, IndicatorDef[]>();
  for (const def of indicators) {
    const key = def.unitKinds ? [...def.unitKinds].sort().join(",") : "*";
    const list = groups.get(key);
    if (list) list.push(def);
    else groups.set(key, [def]);
  }
  return [...groups.values()];
}

/** Builds the progress snapshot of `input.period`; throws UnknownPeriodError for a malformed period code. */
export function buildProgressView(input: ProgressViewInput): ProgressSnapshot {
  const span = parsePeriodCode(input.period);
  if (!span) throw new UnknownPeriodError(input.period);
  const { campaign, units } = input;
  const provinceId = provinceUnitIdOf(units);
  const provinceLevel = new Set(campaign.indicators.filter((d) => d.aggregation === "province").map((d) => d.code));
  const current = indexYear(input.data.figures, span.year, provinceLevel, provinceId);
  const previous = indexYear(input.data.figures, span.year - 1, provinceLevel, provinceId);
  const commitments: UnitCommitment[] = input.data.registrations.flatMap((r) =>
    r.commitments.map((c) => ({ unitId: r.unitId, indicatorCode: c.indicatorCode, target: c.value })),
  );
  const elapsedShare = boardElapsedShare(input.period, input.today);
  const provinceRows = new Map<string, IndicatorProgress>();
  const unitRows: UnitIndicatorProgress[] = [];
  for (const group of groupsByReporters(campaign.indicators)) {
    const codes = new Set(group.map((d) => d.code));
    const snap = aggregateProgress({
      indicators: group,
      figures: group.flatMap((d) => current.get(d.code) ?? []),
      previousYearFigures: group.flatMap((d) => previous.get(d.code) ?? []),
      commitments: commitments.filter((c) => codes.has(c.indicatorCode)),
      period: input.period,
      unitIds: reportingUnitsFor(group[0] as IndicatorDef, units).map((u) => u.id),
      provinceUnitId: provinceId,
      elapsedShare,
    });
    for (const row of snap.province) provinceRows.set(row.indicatorCode, row);
    unitRows.push(...snap.units);
  }
  const province = campaign.indicators.flatMap((d) => provinceRows.get(d.code) ?? []);
  return { period: input.period, elapsedShare, province, units: unitRows };
}

const rowIndex = new WeakMap<ProgressSnapshot, Map<string, Map<string, UnitIndicatorProgress>>>();

/** Unit rows by unit and indicator, built once per snapshot (pages list 150 units × 40 indicators). */
function indexOf(snapshot: ProgressSnapshot): Map<string, Map<string, UnitIndicatorProgress>> {
  let index = rowIndex.get(snapshot);
  if (!index) {
    index = new Map();
    for (const r of snapshot.units) {
      let mine = index.get(r.unitId);
      if (!mine) index.set(r.unitId, (mine = new Map()));
      mine.set(r.indicatorCode, r);
    }
    rowIndex.set(snapshot, index);
  }
  return index;
}

/** One unit's rows in plan order. */
export function unitRowsOf(snapshot: ProgressSnapshot, campaign: BoardCampaign, unitId: string): UnitIndicatorProgress[] {
  const mine = indexOf(snapshot).get(unitId);
  return mine ? campaign.indicators.flatMap((d) => mine.get(d.code) ?? []) : [];
}
