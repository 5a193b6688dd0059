/**
 * @module The board's files and charts from the board service's views: exports (progress by indicator or unit,
 * ranking, registrations; XLSX or CSV) and progress charts (province or one unit; PNG). Everything is computed from
 * the same views the dashboard and the API show, so the numbers cannot differ.
 */
import type { BoardCampaign } from "../../domain/board/board-data";
import type { ProgressView, RankingView, StandingsView } from "../../domain/board/board-service";
import { unitRowsOf } from "../../domain/board/progress-view";
import { isDueByPeriod } from "../../domain/board/board-period";
import type { Unit } from "../../domain/organisation/organisation";
import type { Cluster } from "../../domain/organisation/organisation";
import type { Translate } from "../../i18n/i18n";
import { groupLabel, periodLabel } from "../../reports/board-labels";
import { EXPORT_CONTENT_TYPES, exportProgressByIndicator, exportProgressByUnit, exportRanking, exportRegistrations } from "../../reports/export-report";
import type { ExportFormat } from "../../reports/export-report";
import { renderProgressChart } from "../../reports/progress-chart";
import type { ProgressChartData } from "../../reports/progress-chart";
import { progressChartData, valueLine } from "../../reports/progress-chart-data";
import type { ReportUnit } from "../../reports/progress-tables";
import type { RegistrationRow } from "../../reports/registration-table";
import type { ReportContext } from "../../reports/report-table";

/** An export ready to send: bytes, file name and MIME type. */
export interface ExportFile {
  filename: string;
  mime: string;
  bytes: Uint8Array;
}

/** Header lines, place and date of the board's reports. */
export function reportContext(campaign: BoardCampaign, at: Date, t: Translate, timeZone: string): ReportContext {
  return {
    t,
    place: campaign.province,
    generatedAt: at,
    issuer: [t("board.export.issuerProvince", { province: campaign.province.toLocaleUpperCase("vi") }), t("board.export.issuerBoard")],
    subtitle: campaign.title,
    timeZone,
  };
}

function file(kind: string, campaign: BoardCampaign, suffix: string, format: ExportFormat, bytes: Uint8Array): ExportFile {
  const type = EXPORT_CONTENT_TYPES[format];
  return { filename: `${kind}-${campaign.code}-${suffix}.${type.extension}`, mime: type.mime, bytes };
}

/** Reporting units (the board excluded) in cluster order, then by name; each under its first cluster. */
export function reportUnits(units: readonly Unit[], clusters: readonly Cluster[]): ReportUnit[] {
  const clusterOf = new Map<string, { name: string; order: number }>();
  clusters.forEach((c, order) => c.memberUnitIds.forEach((id) => clusterOf.has(id) || clusterOf.set(id, { name: c.name, order })));
  return units
    .filter((u) => u.kind !== "board")
    .map((u) => ({ unitId: u.id, name: u.name, clusterName: clusterOf.get(u.id)?.name, order: clusterOf.get(u.id)?.order ?? clusters.length }))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, "vi"))
    .map(({ order: _order, ...u }) => u);
}

/** Progress export of a period, by indicator (province) or by unit. */
export async function progressExport(view: ProgressView, p: { by: "indicator" | "unit"; format: ExportFormat; clusters: readonly Cluster[]; t: Translate; timeZone: string }): Promise<ExportFile> {
  const ctx = reportContext(view.campaign, view.at, p.t, p.timeZone);
  const { campaign, period, snapshot } = view;
  const bytes =
    p.by === "indicator"
      ? await exportProgressByIndicator({ rows: snapshot.province, indicators: campaign.indicators, period, ctx }, p.format)
      : await exportProgressByUnit({ rows: snapshot.units, indicators: campaign.indicators, units: reportUnits(view.units, p.clusters), period, ctx }, p.format);
  return file(p.by === "indicator" ? "tien-do" : "tien-do-don-vi", campaign, period, p.format, bytes);
}

/** The scoring sheet of every cluster in the view. */
export async function rankingExport(view: RankingView, p: { format: ExportFormat; t: Translate; timeZone: string }): Promise<ExportFile> {
  const ctx = reportContext(view.campaign, view.at, p.t, p.timeZone);
  return file("xep-hang", view.campaign, view.period, p.format, await exportRanking({ rankings: view.rankings, period: view.period, ctx }, p.format));
}

/** Registration and pledge rows of every reporting unit (titles by name, signer by officer name). */
export function registrationRows(view: StandingsView, p: { units: readonly Unit[]; clusters: readonly Cluster[]; titleName: (id: string) => string; officerName: (id: string) => string }): RegistrationRow[] {
  const regs = new Map(view.data.registrations.map((r) => [r.unitId, r]));
  const signatures = new Map(view.data.pledges.flatMap((pl) => pl.signatures.map((s) => [s.unitId, s] as const)));
  return reportUnits(p.units, p.clusters).map((u) => {
    const reg = regs.get(u.unitId);
    const sig = signatures.get(u.unitId);
    return {
      unitId: u.unitId,
      unitName: u.name,
      clusterName: u.clusterName,
      registeredAt: reg?.submittedAt ?? null,
      titles: (reg?.titles ?? []).map(p.titleName),
      receiptNo: reg?.receiptNo ?? null,
      pledgeSignedAt: sig?.signedAt ?? null,
      signedBy: sig ? p.officerName(sig.officerId) : null,
    };
  });
}

/** Registrations and pledges export. */
export async function registrationsExport(view: StandingsView, rows: RegistrationRow[], p: { format: ExportFormat; t: Translate; timeZone: string }): Promise<ExportFile> {
  const ctx = reportContext(view.campaign, view.at, p.t, p.timeZone);
  return file("dang-ky", view.campaign, String(view.campaign.year), p.format, await exportRegistrations({ rows, year: view.campaign.year, ctx }, p.format));
}

/** Whether a row belongs on a chart: it has a figure, or its figures are due by the period (annual ones wait). */
function charted(view: ProgressView, row: { indicatorCode: string; value: number | null }): boolean {
  const def = view.campaign.indicators.find((d) => d.code === row.indicatorCode);
  return row.value !== null || (def !== undefined && isDueByPeriod(def.frequency, view.period));
}

/** "Tỉnh Kiên Giang · số liệu đến 10/04/2021" (the campaign's full title is too long for a phone-sized chart). */
function chartSubtitle(view: ProgressView, t: Translate): string {
  const d = view.today;
  const at = `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${d.year}`;
  return t("board.chart.subtitle", { province: view.campaign.province, at });
}

/** Chart data of the province's progress (one bar per indicator reported or due). */
export function provinceChartData(view: ProgressView, t: Translate, locale: "vi" | "en" = "vi"): ProgressChartData {
  const rows = view.snapshot.province.filter((r) => charted(view, r));
  return progressChartData({ rows, indicators: view.campaign.indicators, period: view.period, t, locale, subtitle: chartSubtitle(view, t) });
}

/**
 * Chart data of one unit: its indicators with a judged completion, and those it has not reported yet. Figures
 * without a target of the unit's own (a district's share of province revenue) have no bar; the caption says so.
 */
export function unitChartData(view: ProgressView, unit: Unit, t: Translate, locale: "vi" | "en" = "vi"): ProgressChartData {
  const defs = new Map(view.campaign.indicators.map((d) => [d.code, d]));
  const rows = unitRowsOf(view.snapshot, view.campaign, unit.id).filter((r) => r.completion !== null || (r.value === null && charted(view, r)));
  return {
    title: t("board.chart.unitTitle", { unit: unit.name, period: periodLabel(view.period, t) }),
    subtitle: chartSubtitle(view, t),
    rows: rows.map((r) => {
      const def = defs.get(r.indicatorCode)!;
      return {
        label: def.name,
        detail: valueLine(r, def, t, locale),
        completion: r.completion,
        expectedCompletion: r.accumulates ? r.expectedCompletion : null,
        status: r.status,
        group: groupLabel(def.group, t),
      };
    }),
  };
}

/** Renders chart data to PNG (≈ 960 px wide, readable on a phone). */
export function chartPng(data: ProgressChartData, t: Translate, locale: "vi" | "en" = "vi"): Uint8Array {
  return renderProgressChart(data, { t, locale });
}
