/**
 * @module The board's registration file: sheet 1 the units (the shared registration table of registration-table.ts,
 * one row per unit, in sections by cụm/khối), sheet 2 the pledges of each cụm/khối with who signed, sheet 3 the
 * individuals registered, sheet 4 the commitments on indicators. XLSX gets one sheet per table; CSV gets the tables
 * one after another. report-xlsx.ts renders one sheet per workbook, so the sheets are rendered one by one and
 * gathered into the first workbook.
 */
import ExcelJS from "exceljs";
import { registrationTable, type RegistrationRow } from "./registration-table";
import { renderCsv } from "./report-csv";
import { localDay, reportFrame, type ReportContext, type ReportRow, type ReportTable } from "./report-table";
import { renderXlsx } from "./report-xlsx";
import type { ExportFormat } from "./export-report";

/** One unit as the file prints it (names already resolved by the caller). */
export interface RegistrationExportUnit extends RegistrationRow {
  unitCode: string;
  version: number | null;
  commitments: { indicator: string; measure: string; value: number; target: number | null }[];
  individuals: { name: string; title: string }[];
}

export interface RegistrationExportPledge {
  clusterName: string;
  /** false when the cluster has not opened its pledge yet. */
  opened: boolean;
  commitments: string[];
  /** `late`: signed after the plan's pledge deadline. */
  members: { unitName: string; signedAt: Date | null; signedBy: string | null; late?: boolean }[];
}

export interface RegistrationExportInput {
  units: readonly RegistrationExportUnit[];
  pledges: readonly RegistrationExportPledge[];
  year: number;
  ctx: ReportContext;
}

function pledgeTable(p: RegistrationExportInput): ReportTable {
  const { t } = p.ctx;
  const h = (k: string) => t(`registration.export.col.${k}`);
  const rows: ReportRow[] = [];
  const notes: string[] = [];
  let n = 0;
  for (const pl of p.pledges) {
    const signed = pl.members.filter((m) => m.signedAt).length;
    const section = pl.opened ? "registration.export.pledge_section" : "registration.export.pledge_section_unopened";
    rows.push({ kind: "section", cells: [t(section, { cluster: pl.clusterName, signed, total: pl.members.length })] });
    for (const m of pl.members) {
      rows.push({ cells: [++n, m.unitName, t(m.signedAt ? (m.late ? "registration.export.signed_late" : "registration.export.signed") : "registration.export.not_signed"), m.signedAt ? localDay(m.signedAt, p.ctx.timeZone) : null, m.signedBy] });
    }
    if (pl.opened) notes.push(t("registration.export.pledge_note", { cluster: pl.clusterName, lines: pl.commitments.map((c, i) => `${i + 1}) ${c}`).join("; ") }));
  }
  return {
    sheetName: t("registration.export.sheet_pledges"),
    ...reportFrame(p.ctx, t("registration.export.pledge_title", { year: p.year }), null),
    columns: [
      { header: h("no"), format: "integer", width: 6, align: "center" },
      { header: h("unit"), format: "text", width: 40 },
      { header: h("pledge_status"), format: "text", width: 14, align: "center" },
      { header: h("signed_at"), format: "date", width: 13, align: "center" },
      { header: h("signed_by"), format: "text", width: 26 },
    ],
    rows,
    notes,
  };
}

function individualsTable(p: RegistrationExportInput): ReportTable {
  const { t } = p.ctx;
  const h = (k: string) => t(`registration.export.col.${k}`);
  const rows: ReportRow[] = [];
  let n = 0;
  for (const u of p.units.filter((x) => x.individuals.length > 0)) {
    rows.push({ kind: "section", cells: [u.unitName] });
    for (const i of u.individuals) rows.push({ cells: [++n, i.name, i.title, u.unitName, u.receiptNo ?? null] });
  }
  return {
    sheetName: t("registration.export.sheet_individuals"),
    ...reportFrame(p.ctx, t("registration.export.individuals_title", { year: p.year }), null),
    columns: [
      { header: h("no"), format: "integer", width: 6, align: "center" },
      { header: h("person"), format: "text", width: 28 },
      { header: h("title"), format: "text", width: 32 },
      { header: h("unit"), format: "text", width: 34 },
      { header: h("receipt"), format: "text", width: 14, align: "center" },
    ],
    rows,
  };
}

function commitmentsTable(p: RegistrationExportInput): ReportTable {
  const { t } = p.ctx;
  const h = (k: string) => t(`registration.export.col.${k}`);
  const rows: ReportRow[] = [];
  let n = 0;
  for (const u of p.units.filter((x) => x.commitments.length > 0)) {
    rows.push({ kind: "section", cells: [u.unitName] });
    for (const c of u.commitments) rows.push({ cells: [++n, c.indicator, c.measure, c.value, c.target] });
  }
  return {
    sheetName: t("registration.export.sheet_commitments"),
    ...reportFrame(p.ctx, t("registration.export.commitments_title", { year: p.year }), null),
    columns: [
      { header: h("no"), format: "integer", width: 6, align: "center" },
      { header: h("indicator"), format: "text", width: 46 },
      { header: h("measure"), format: "text", width: 14, align: "center" },
      { header: h("committed"), format: "number", width: 14 },
      { header: h("province_target"), format: "number", width: 14 },
    ],
    rows,
  };
}

/** The four tables of the file, in sheet order. */
export function registrationWorkbookTables(p: RegistrationExportInput): ReportTable[] {
  const units = registrationTable({ rows: p.units, year: p.year, ctx: p.ctx });
  return [{ ...units, sheetName: p.ctx.t("registration.export.sheet_units") }, pledgeTable(p), individualsTable(p), commitmentsTable(p)];
}

/** Renders several tables as the sheets of one workbook. */
export async function renderXlsxBook(tables: readonly ReportTable[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const table of tables) {
    const one = new ExcelJS.Workbook();
    await one.xlsx.load(Buffer.from(await renderXlsx(table)) as unknown as ArrayBuffer);
    const src = one.worksheets[0];
    if (!src) continue;
    const dst = book.addWorksheet(src.name, { pageSetup: src.pageSetup, views: src.views });
    const model = src.model as ExcelJS.WorksheetModel & { merges?: string[] };
    // The model setter reads merges from `mergeCells`, while the getter returns them as `merges`.
    dst.model = { ...model, name: src.name, id: dst.id, mergeCells: model.merges } as unknown as ExcelJS.WorksheetModel;
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** CSV has no sheets: the tables follow each other, separated by an empty line, under one BOM. */
function renderCsvBook(tables: readonly ReportTable[]): Uint8Array {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: false });
  const text = tables.map((t) => decoder.decode(renderCsv(t)).replace(/^\uFEFF/, "")).join("\r\n");
  return new TextEncoder().encode(`\uFEFF${text}`);
}

/** The registration file in the chosen format. */
export async function exportRegistrationWorkbook(p: RegistrationExportInput, format: ExportFormat): Promise<Uint8Array> {
  const tables = registrationWorkbookTables(p);
  return format === "xlsx" ? renderXlsxBook(tables) : renderCsvBook(tables);
}
