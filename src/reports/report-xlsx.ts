/**
 * @module Renders a ReportTable to an .xlsx workbook (exceljs): merged title rows, bordered Vietnamese headers,
 * numbers stored as numbers with Excel formats (Excel shows them with the reader's separators: 3.200,5 in vi-VN),
 * frozen header, landscape A4 fitted to one page wide.
 */
import ExcelJS from "exceljs";
import type { Cell as XCell, Worksheet } from "exceljs";
import { cellValue, isFormattedCell } from "./report-table";
import type { Cell, CellFormat, CellValue, ReportColumn, ReportTable } from "./report-table";

const FONT = "Times New Roman";
const THIN = { style: "thin" as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFE7ECF2" } };
const SECTION_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFF3F5F8" } };

/** Excel number format of a cell; `number` picks decimals by the value so 3.200 never prints as 3.200,000. */
export function excelFormat(format: CellFormat, value: CellValue): string | undefined {
  switch (format) {
    case "number":
      return typeof value === "number" && !Number.isInteger(value) ? "#,##0.0##" : "#,##0";
    case "integer":
      return "0";
    case "percent":
      return "0.0%";
    case "points":
      return "0.00";
    case "signedPoints":
      return "+0.00;-0.00;0.00";
    case "date":
      return "dd/mm/yyyy";
    case "text":
      return undefined;
  }
}

function font(size: number, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: FONT, size, ...extra };
}

function lineRow(ws: Worksheet, row: number, text: string, span: number, style: { bold?: boolean; italic?: boolean; size?: number; align: "left" | "center" | "right" }, from = 1): void {
  ws.mergeCells(row, from, row, Math.max(from, span));
  const c = ws.getCell(row, from);
  c.value = text;
  c.font = font(style.size ?? 12, { bold: style.bold, italic: style.italic });
  c.alignment = { horizontal: style.align, vertical: "middle", wrapText: true };
}

/** Writes issuer, title, subtitle, period and date lines; returns the next free row. */
function writeFrame(ws: Worksheet, table: ReportTable, span: number): number {
  let r = 1;
  for (const line of table.issuer ?? []) lineRow(ws, r++, line, Math.min(span, 4), { bold: true, align: "left" });
  if (table.issuer?.length) r++;
  lineRow(ws, r, table.title, span, { bold: true, size: 14, align: "center" });
  ws.getRow(r++).height = 22;
  if (table.subtitle) lineRow(ws, r++, table.subtitle, span, { italic: true, align: "center" });
  if (table.periodLine) lineRow(ws, r++, table.periodLine, span, { bold: true, align: "center" });
  lineRow(ws, r++, table.dateLine, span, { italic: true, align: "right" }, Math.max(1, span - 4));
  return r + 1;
}

function styleHeader(c: XCell): void {
  c.font = font(11, { bold: true });
  c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  c.border = BORDER;
  c.fill = HEADER_FILL;
}

/** One header row, or two when columns are grouped (group merged above, plain headers merged vertically). */
function writeHeader(ws: Worksheet, table: ReportTable, start: number): number {
  const grouped = table.columns.some((c) => c.group);
  table.columns.forEach((col, i) => {
    const c = ws.getCell(start, i + 1);
    c.value = col.group ?? col.header;
    if (grouped) ws.getCell(start + 1, i + 1).value = col.header;
  });
  if (grouped) {
    let i = 0;
    while (i < table.columns.length) {
      const group = table.columns[i]?.group;
      let j = i;
      while (group && table.columns[j + 1]?.group === group) j++;
      if (group) {
        if (j > i) ws.mergeCells(start, i + 1, start, j + 1);
      } else ws.mergeCells(start, i + 1, start + 1, i + 1);
      i = j + 1;
    }
  }
  const rows = grouped ? 2 : 1;
  for (let r = start; r < start + rows; r++) {
    for (let i = 1; i <= table.columns.length; i++) styleHeader(ws.getCell(r, i));
    ws.getRow(r).height = grouped && r === start ? 45 : 36;
  }
  return start + rows;
}

function writeCell(c: XCell, cell: Cell, col: ReportColumn): void {
  const value = cellValue(cell);
  const format = isFormattedCell(cell) ? cell.format : col.format;
  c.value = value;
  const numFmt = value === null ? undefined : excelFormat(format, value);
  if (numFmt) c.numFmt = numFmt;
  c.font = font(11);
  c.border = BORDER;
  const isNumeric = typeof value === "number" || value instanceof Date;
  c.alignment = { vertical: "middle", wrapText: true, horizontal: col.align ?? (isNumeric ? "right" : "left") };
}

/**
 * Row height for wrapped text: spreadsheets do not grow rows by themselves when a file is opened, so long unit
 * names or reasons would be cut. Estimated from characters per line at the column width.
 */
function rowHeight(cells: readonly Cell[], columns: readonly ReportColumn[]): number {
  let lines = 1;
  cells.forEach((cell, i) => {
    const v = cellValue(cell);
    const width = columns[i]?.width ?? 10;
    if (typeof v === "string") lines = Math.max(lines, Math.ceil((v.length * 1.1) / Math.max(1, width - 1)));
  });
  return Math.max(16, lines * 15 + 2);
}

function writeRows(ws: Worksheet, table: ReportTable, start: number): number {
  let r = start;
  for (const row of table.rows) {
    if (row.kind === "section") {
      ws.mergeCells(r, 1, r, table.columns.length);
      const c = ws.getCell(r, 1);
      c.value = cellValue(row.cells[0] ?? "");
      c.font = font(11, { bold: true });
      c.fill = SECTION_FILL;
      c.border = BORDER;
    } else {
      table.columns.forEach((col, i) => writeCell(ws.getCell(r, i + 1), row.cells[i] ?? null, col));
      ws.getRow(r).height = rowHeight(row.cells, table.columns);
    }
    r++;
  }
  return r;
}

function writeFooter(ws: Worksheet, table: ReportTable, start: number): void {
  let r = start + 1;
  const span = table.columns.length;
  for (const note of table.notes ?? []) lineRow(ws, r++, note, span, { italic: true, size: 11, align: "left" });
  if (table.signature) lineRow(ws, r + 1, table.signature, span, { bold: true, align: "center" }, Math.max(1, span - 3));
}

/** Renders the table as the single sheet of an .xlsx workbook. */
export async function renderXlsx(table: ReportTable): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(table.sheetName.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  table.columns.forEach((col, i) => (ws.getColumn(i + 1).width = col.width));
  const span = table.columns.length;
  const headerStart = writeFrame(ws, table, span);
  const bodyStart = writeHeader(ws, table, headerStart);
  ws.views = [{ state: "frozen", ySplit: bodyStart - 1, xSplit: 0 }];
  const end = writeRows(ws, table, bodyStart);
  writeFooter(ws, table, end);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
