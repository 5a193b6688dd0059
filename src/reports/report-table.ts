/**
 * @module A report as a provincial office files it, independent of the file format: issuer, title, period and date
 * lines, (two-level) Vietnamese headers, rows with typed cells, section rows, notes and a signature block.
 * report-xlsx.ts and report-csv.ts render the same table.
 */
import type { Translate } from "../i18n/i18n";
import { dateLine, periodLabel } from "./board-labels";

/**
 * How a number is shown: `number` = grouped, decimals only when needed (3.200 / 2.774,4); `integer` = plain count;
 * `percent` = a ratio shown as 27,7 % (CSV writes 27.7); `points` = two decimals; `signedPoints` = +2,50 / -1,00;
 * `date` = dd/mm/yyyy.
 */
export type CellFormat = "text" | "number" | "integer" | "percent" | "points" | "signedPoints" | "date";

/** A cell's content: text, number, date (a UTC-midnight Date) or empty. */
export type CellValue = string | number | Date | null;

/** A cell that overrides its column's format (rows mixing measures, e.g. tỷ đồng and %). */
export interface FormattedCell {
  value: CellValue;
  format: CellFormat;
}

/** A plain value (the column's format applies) or a value with its own format. */
export type Cell = CellValue | FormattedCell;

/** A column: its Vietnamese header, format and width. */
export interface ReportColumn {
  header: string;
  /** Upper header spanning consecutive columns with the same group (e.g. the indicator's name). */
  group?: string;
  format: CellFormat;
  /** Width in characters. */
  width: number;
  /** Horizontal alignment; default: numbers right, text left. */
  align?: "left" | "center" | "right";
}

/** A data row, or a section heading row. */
export interface ReportRow {
  /** `section` rows print their first cell across the whole width (cluster name, indicator group). */
  kind?: "data" | "section";
  cells: Cell[];
}

/** A whole report, ready for `renderXlsx` or `renderCsv`. */
export interface ReportTable {
  sheetName: string;
  /** Agency lines printed top-left (e.g. "UBND TỈNH KIÊN GIANG", "BAN THI ĐUA - KHEN THƯỞNG"). */
  issuer?: string[];
  title: string;
  subtitle?: string;
  periodLine?: string;
  dateLine: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  notes?: string[];
  /** Heading of the signature block ("NGƯỜI LẬP BIỂU"). */
  signature?: string;
}

/** What every board report is given besides its rows. */
export interface ReportContext {
  t: Translate;
  /** Province name for the date line ("Kiên Giang"). */
  place: string;
  generatedAt: Date;
  issuer?: string[];
  /** Campaign title under the report title. */
  subtitle?: string;
  /** IANA zone for dates (default Asia/Ho_Chi_Minh). */
  timeZone?: string;
}

/** Whether a cell carries its own format. */
export function isFormattedCell(cell: Cell): cell is FormattedCell {
  return cell !== null && typeof cell === "object" && !(cell instanceof Date);
}

/** The value of a cell, formatted or not. */
export function cellValue(cell: Cell): CellValue {
  return isFormattedCell(cell) ? cell.value : cell;
}

/** Header parts shared by every board report. */
export function reportFrame(ctx: ReportContext, title: string, period: string | null): Pick<ReportTable, "issuer" | "title" | "subtitle" | "periodLine" | "dateLine" | "signature"> {
  return {
    issuer: ctx.issuer,
    title,
    subtitle: ctx.subtitle,
    periodLine: period ? ctx.t("board.export.periodLine", { period: periodLabel(period, ctx.t) }) : undefined,
    dateLine: dateLine(ctx.place, ctx.generatedAt, ctx.t, ctx.timeZone),
    signature: ctx.t("board.export.maker"),
  };
}

/** The calendar day of an instant in `timeZone`, as a UTC-midnight Date (what spreadsheets store for a date). */
export function localDay(at: Date, timeZone = "Asia/Ho_Chi_Minh"): Date {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
}

/** Year of a period code ("2021-Q1" → 2021), for titles. */
export function yearOf(period: string): string {
  return period.slice(0, 4);
}
