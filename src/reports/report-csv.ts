/**
 * @module Renders a ReportTable to CSV: UTF-8 with a BOM (so Excel shows Vietnamese correctly), comma-separated,
 * CRLF, RFC 4180 quoting. Title, period and date lines come first, as in the spreadsheet. Numbers are written
 * plainly with a dot and no grouping (3200.5), percentages as percent numbers (27.7), dates as dd/mm/yyyy.
 */
import { cellValue, isFormattedCell } from "./report-table";
import type { Cell, CellFormat, ReportTable } from "./report-table";

const BOM = "\uFEFF";

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Plain number without float noise (0.1 + 0.2 → 0.3), at most `digits` decimals. */
function plain(n: number, digits = 6): string {
  const f = 10 ** digits;
  return String(Math.round(n * f) / f);
}

function dd(n: number): string {
  return String(n).padStart(2, "0");
}

function field(cell: Cell, columnFormat: CellFormat): string {
  const value = cellValue(cell);
  const format = isFormattedCell(cell) ? cell.format : columnFormat;
  if (value === null) return "";
  if (value instanceof Date) return `${dd(value.getUTCDate())}/${dd(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if (typeof value === "number") return format === "percent" ? plain(value * 100, 2) : plain(value);
  return quote(value);
}

function headerText(header: string, format: CellFormat): string {
  return format === "percent" ? `${header} (%)` : header;
}

/** Renders the table as CSV bytes (UTF-8 with BOM). */
export function renderCsv(table: ReportTable): Uint8Array {
  const width = table.columns.length;
  const pad = (first: string) => [quote(first), ...Array<string>(width - 1).fill("")].join(",");
  const lines: string[] = [];
  for (const l of table.issuer ?? []) lines.push(pad(l));
  lines.push(pad(table.title));
  if (table.subtitle) lines.push(pad(table.subtitle));
  if (table.periodLine) lines.push(pad(table.periodLine));
  lines.push(pad(table.dateLine), "");
  lines.push(
    table.columns
      .map((c) => quote(headerText(c.group ? `${c.group} - ${c.header}` : c.header, c.format)))
      .join(","),
  );
  for (const row of table.rows) {
    if (row.kind === "section") lines.push(pad(String(cellValue(row.cells[0] ?? "") ?? "")));
    else lines.push(table.columns.map((c, i) => field(row.cells[i] ?? null, c.format)).join(","));
  }
  if (table.notes?.length) lines.push("", ...table.notes.map(pad));
  return new TextEncoder().encode(BOM + lines.join("\r\n") + "\r\n");
}
