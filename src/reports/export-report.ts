/**
 * @module The board's exports as bytes, ready to send as a file in chat or over the admin API:
 * progress by indicator, progress by unit, registrations and pledges, and the ranking, each as XLSX or CSV.
 */
import type { IndicatorDef } from "../domain/campaigns/campaign";
import type { IndicatorProgress, UnitIndicatorProgress } from "../domain/progress/aggregate";
import type { ClusterRanking } from "../domain/ranking/rank-cluster";
import { progressByIndicatorTable, progressByUnitTable } from "./progress-tables";
import type { ReportUnit } from "./progress-tables";
import { rankingTable } from "./ranking-table";
import { registrationTable } from "./registration-table";
import type { RegistrationRow } from "./registration-table";
import { renderCsv } from "./report-csv";
import type { ReportContext, ReportTable } from "./report-table";
import { renderXlsx } from "./report-xlsx";

/** File formats of the board's exports. */
export type ExportFormat = "xlsx" | "csv";

/** MIME type and file extension of each format, for attachments and HTTP responses. */
export const EXPORT_CONTENT_TYPES: Record<ExportFormat, { mime: string; extension: string }> = {
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
  csv: { mime: "text/csv; charset=utf-8", extension: "csv" },
};

/** Renders any report table in the chosen format. */
export async function renderReport(table: ReportTable, format: ExportFormat): Promise<Uint8Array> {
  return format === "xlsx" ? renderXlsx(table) : renderCsv(table);
}

/** (a) Province progress by indicator for a period. */
export function exportProgressByIndicator(
  p: { rows: readonly IndicatorProgress[]; indicators: readonly IndicatorDef[]; period: string; ctx: ReportContext },
  format: ExportFormat,
): Promise<Uint8Array> {
  return renderReport(progressByIndicatorTable(p), format);
}

/** (b) Each unit's figures and % of target for a period. */
export function exportProgressByUnit(
  p: { rows: readonly UnitIndicatorProgress[]; indicators: readonly IndicatorDef[]; units: readonly ReportUnit[]; period: string; ctx: ReportContext },
  format: ExportFormat,
): Promise<Uint8Array> {
  return renderReport(progressByUnitTable(p), format);
}

/** (c) Registrations and pledges. */
export function exportRegistrations(p: { rows: readonly RegistrationRow[]; year: number; ctx: ReportContext }, format: ExportFormat): Promise<Uint8Array> {
  return renderReport(registrationTable(p), format);
}

/** (d) Scores and ranking of every cluster. */
export function exportRanking(p: { rankings: readonly ClusterRanking[]; period: string; ctx: ReportContext }, format: ExportFormat): Promise<Uint8Array> {
  return renderReport(rankingTable(p), format);
}
