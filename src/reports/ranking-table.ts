/**
 * @module (d) The scoring sheet (bảng tổng hợp điểm): per cluster, each unit's points per criterion, the computed
 * score, the board's adjustments with their reasons, the total and the rank; ties explained in the note column.
 */
import type { ClusterRanking, UnitScore } from "../domain/ranking/rank-cluster";
import { CRITERIA } from "../domain/ranking/scoring-model";
import { formatNumber } from "./chart-parts";
import { reportFrame, yearOf } from "./report-table";
import type { Cell, ReportColumn, ReportContext, ReportRow, ReportTable } from "./report-table";

function columns(rankings: readonly ClusterRanking[], ctx: ReportContext): ReportColumn[] {
  const h = (k: string) => ctx.t(`board.export.col.${k}`);
  const sample = rankings.find((r) => r.units.length > 0)?.units[0];
  const criteria = CRITERIA.map((c): ReportColumn => {
    const max = sample?.criteria.find((x) => x.criterion === c)?.maxPoints;
    const limit = max === undefined ? "" : ` (${ctx.t("board.export.col.maxPoints", { points: formatNumber(max, "vi") })})`;
    return { header: `${ctx.t(`board.criterion.${c}`)}${limit}`, format: "points", width: 13 };
  });
  return [
    { header: h("rank"), format: "integer", width: 8, align: "center" },
    { header: h("unit"), format: "text", width: 34 },
    ...criteria,
    { header: h("baseScore"), format: "points", width: 11 },
    { header: h("adjustment"), format: "signedPoints", width: 12 },
    { header: h("adjustmentReason"), format: "text", width: 30 },
    { header: h("total"), format: "points", width: 11, align: "right" },
    { header: h("note"), format: "text", width: 24 },
  ];
}

function tieNote(u: UnitScore, ctx: ReportContext): string | null {
  if (!u.tieBrokenBy) return null;
  const criterion = u.tieBrokenBy === "unitId" ? ctx.t("board.export.tieByUnit") : ctx.t(`board.criterion.${u.tieBrokenBy}`);
  return ctx.t("board.export.tieNote", { criterion });
}

function unitCells(u: UnitScore, ctx: ReportContext): Cell[] {
  const points = CRITERIA.map((c) => u.criteria.find((x) => x.criterion === c)?.points ?? null);
  const reasons = u.adjustments.map((a) => `${a.points > 0 ? "+" : ""}${formatNumber(a.points, "vi")}: ${a.reason}`).join("; ");
  return [u.rank, u.unitName, ...points, u.baseScore, u.adjustmentPoints === 0 ? null : u.adjustmentPoints, reasons || null, u.totalScore, tieNote(u, ctx)];
}

/** (d) Ranking of every cluster, one section per cluster. */
export function rankingTable(p: { rankings: readonly ClusterRanking[]; period: string; ctx: ReportContext }): ReportTable {
  const { ctx } = p;
  const rows: ReportRow[] = [];
  for (const cluster of p.rankings) {
    rows.push({ kind: "section", cells: [cluster.name] });
    for (const u of cluster.units) rows.push({ cells: unitCells(u, ctx) });
  }
  return {
    sheetName: p.period,
    ...reportFrame(ctx, ctx.t("board.export.rankingTitle", { year: yearOf(p.period) }), p.period),
    columns: columns(p.rankings, ctx),
    rows,
  };
}
