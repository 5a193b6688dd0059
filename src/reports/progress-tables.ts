/**
 * @module Progress reports as tables: (a) by indicator for the province, (b) by unit (units as rows, two columns
 * per indicator: the figure and its % of target).
 */
import type { IndicatorDef } from "../domain/campaigns/campaign";
import type { IndicatorProgress, UnitIndicatorProgress } from "../domain/progress/aggregate";
import { comparatorLabel, groupLabel } from "./board-labels";
import { reportFrame, yearOf } from "./report-table";
import type { Cell, ReportColumn, ReportContext, ReportRow, ReportTable } from "./report-table";

/** A unit as it should appear in the by-unit report, in this order. */
export interface ReportUnit {
  unitId: string;
  name: string;
  /** Cluster/block name; units are printed in sections by cluster when given. */
  clusterName?: string;
}

function valueCell(value: number | null, def: IndicatorDef, ctx: ReportContext): Cell {
  if (value === null) return null;
  if (def.valueKind === "boolean") return ctx.t(value >= 1 ? "board.value.yes" : "board.value.no");
  // Averages carry float noise (88.80000000000001); six decimals is far below any measure's precision.
  return { value: Math.round(value * 1e6) / 1e6, format: "number" };
}

/** Only accumulating higher-is-better targets have a "where it should be by now" below 100 %. */
function isProRated(r: IndicatorProgress): boolean {
  return r.accumulates && (r.comparator === ">=" || r.comparator === ">");
}

function indicatorColumns(ctx: ReportContext): ReportColumn[] {
  const h = (k: string) => ctx.t(`board.export.col.${k}`);
  const units = h("unitsReported");
  return [
    { header: h("no"), format: "integer", width: 6, align: "center" },
    { header: h("indicator"), format: "text", width: 46 },
    { header: h("measure"), format: "text", width: 14, align: "center" },
    { header: h("comparator"), format: "text", width: 14, align: "center" },
    { header: h("target"), format: "number", width: 13 },
    { header: h("value"), format: "number", width: 13 },
    { header: h("previous"), format: "number", width: 13 },
    { header: h("completion"), format: "percent", width: 13 },
    { header: h("expected"), format: "percent", width: 12 },
    { header: h("status"), format: "text", width: 17 },
    { header: h("reported"), group: units, format: "integer", width: 11, align: "center" },
    { header: h("owed"), group: units, format: "integer", width: 11, align: "center" },
    { header: h("throughMonth"), format: "integer", width: 11, align: "center" },
  ];
}

function indicatorCells(no: number, def: IndicatorDef, r: IndicatorProgress, ctx: ReportContext): Cell[] {
  return [
    no,
    def.name,
    def.measure,
    comparatorLabel(r.comparator, ctx.t),
    valueCell(r.target, def, ctx),
    valueCell(r.value, def, ctx),
    valueCell(r.previousValue, def, ctx),
    r.completion,
    isProRated(r) ? r.expectedCompletion : null,
    ctx.t(`board.status.${r.status}`),
    r.unitsReported,
    r.unitsExpected,
    r.throughMonth,
  ];
}

/** (a) Province progress by indicator for a period, sectioned by indicator group. */
export function progressByIndicatorTable(p: {
  rows: readonly IndicatorProgress[];
  indicators: readonly IndicatorDef[];
  period: string;
  ctx: ReportContext;
}): ReportTable {
  const { ctx } = p;
  const byCode = new Map(p.rows.map((r) => [r.indicatorCode, r]));
  const rows: ReportRow[] = [];
  let group: string | undefined;
  let no = 0;
  for (const def of p.indicators) {
    const r = byCode.get(def.code);
    if (!r) continue;
    if (def.group !== group) {
      group = def.group;
      rows.push({ kind: "section", cells: [groupLabel(def.group, ctx.t)] });
    }
    rows.push({ cells: indicatorCells(++no, def, r, ctx) });
  }
  return {
    sheetName: p.period,
    ...reportFrame(ctx, ctx.t("board.export.progressTitle", { year: yearOf(p.period) }), p.period),
    columns: indicatorColumns(ctx),
    rows,
  };
}

/** (b) Each unit's figures for a period: units as rows; per indicator the figure and its % of target. */
export function progressByUnitTable(p: {
  rows: readonly UnitIndicatorProgress[];
  indicators: readonly IndicatorDef[];
  units: readonly ReportUnit[];
  period: string;
  ctx: ReportContext;
}): ReportTable {
  const { ctx } = p;
  const cells = new Map(p.rows.map((r) => [`${r.unitId}|${r.indicatorCode}`, r]));
  const shown = p.indicators.filter((d) => p.rows.some((r) => r.indicatorCode === d.code));
  const h = (k: string) => ctx.t(`board.export.col.${k}`);
  const columns: ReportColumn[] = [
    { header: h("no"), format: "integer", width: 6, align: "center" },
    { header: h("unit"), format: "text", width: 34 },
    ...shown.flatMap((d): ReportColumn[] => [
      { header: `${h("value")} (${d.measure})`, group: d.name, format: "number", width: 14 },
      { header: h("completion"), group: d.name, format: "percent", width: 12 },
    ]),
  ];
  const rows: ReportRow[] = [];
  let cluster: string | undefined;
  p.units.forEach((u, i) => {
    if (u.clusterName && u.clusterName !== cluster) {
      cluster = u.clusterName;
      rows.push({ kind: "section", cells: [u.clusterName] });
    }
    const perIndicator = shown.flatMap((d): Cell[] => {
      const r = cells.get(`${u.unitId}|${d.code}`);
      return [valueCell(r?.value ?? null, d, ctx), r?.completion ?? null];
    });
    rows.push({ cells: [i + 1, u.name, ...perIndicator] });
  });
  return {
    sheetName: p.period,
    ...reportFrame(ctx, ctx.t("board.export.unitProgressTitle", { year: yearOf(p.period) }), p.period),
    columns,
    rows,
  };
}
