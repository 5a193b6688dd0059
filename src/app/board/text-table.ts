/**
 * @module Renders a ReportTable (the same table the XLSX/CSV exports write) as an aligned plain-text table for a
 * terminal: title lines, one header line, section lines, numbers right-aligned in Vietnamese notation.
 */
import { formatNumber } from "../../i18n/i18n";
import { cellValue, isFormattedCell } from "../../reports/report-table";
import type { Cell, CellFormat, ReportColumn, ReportTable } from "../../reports/report-table";

const MAX_TEXT = 46;

function vi(n: number, digits: number): string {
  return formatNumber(n, "vi", digits);
}

function show(cell: Cell, col: ReportColumn): string {
  const value = cellValue(cell);
  const format: CellFormat = isFormattedCell(cell) ? cell.format : col.format;
  if (value === null) return "–";
  if (value instanceof Date) return value.toISOString().slice(0, 10).split("-").reverse().join("/");
  if (typeof value === "string") return value;
  switch (format) {
    case "percent":
      return `${vi(value * 100, 1)}%`;
    case "points":
      return vi(value, 2);
    case "signedPoints":
      return `${value > 0 ? "+" : ""}${vi(value, 2)}`;
    case "integer":
      return String(value);
    default:
      return vi(value, 3);
  }
}

/** Length as a terminal shows it: code points of the NFC form (Vietnamese letters are precomposed). */
function width(s: string): number {
  return [...s.normalize("NFC")].length;
}

function clip(s: string, max: number): string {
  const chars = [...s.normalize("NFC")];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

/** The table as lines of text; `header` names come from the columns (group and header joined). */
export function renderTextTable(table: ReportTable): string {
  const cols = table.columns;
  // The upper header is printed only where the lower one alone is ambiguous ("Thực hiện" under every indicator).
  const repeated = (h: string) => cols.filter((c) => c.header === h).length > 1;
  const heads = cols.map((c) => (c.group && repeated(c.header) ? `${clip(c.group, 24)} ${c.header}` : c.header));
  const body = table.rows.map((r) => (r.kind === "section" ? null : cols.map((c, i) => clip(show(r.cells[i] ?? null, c), MAX_TEXT))));
  const widths = cols.map((c, i) => Math.max(width(heads[i] ?? ""), ...body.map((cells) => (cells ? width(cells[i] ?? "") : 0))));
  const isRight = cols.map((c) => c.format !== "text" && c.align !== "left");
  const line = (cells: string[]) => cells.map((s, i) => pad(s, widths[i] ?? 0, isRight[i] ?? false)).join("  ").trimEnd();
  const out = [...(table.issuer ?? []), "", table.title];
  for (const l of [table.subtitle, table.periodLine, table.dateLine]) if (l) out.push(l);
  out.push("", line(heads), widths.map((w) => "─".repeat(w)).join("  "));
  table.rows.forEach((r, i) => {
    const cells = body[i];
    out.push(cells ? line(cells) : `▸ ${String(cellValue(r.cells[0] ?? "") ?? "")}`);
  });
  for (const n of table.notes ?? []) out.push("", n);
  return out.join("\n");
}
