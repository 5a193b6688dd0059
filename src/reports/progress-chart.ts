/**
 * @module Progress chart: one horizontal bar per indicator, % of target, a target line at 100 %, status colours.
 * Sized for a phone (≈ 960 px wide, ≥ 17 px text) since the board reads it in Zalo/Telegram.
 */
import type { Translate } from "../i18n/i18n";
import type { ProgressStatus } from "../domain/progress/progress-status";
import type { ChartFonts } from "./chart-fonts";
import { COLORS, line, loadTextMeasure, rect, renderPng, round, svgDocument, text, wrapText } from "./svg-kit";
import type { TextMeasure } from "./svg-kit";
import { formatPercent, legend } from "./chart-parts";

/** One bar of the progress chart. */
export interface ProgressChartRow {
  /** Indicator name as the plan writes it. */
  label: string;
  /** Small line under the label, e.g. "3.200 / 11.560 tỷ đồng". */
  detail?: string;
  /** Completion ratio (1 = 100 % of target); null draws "no data". */
  completion: number | null;
  /** Where the bar should be by now (accumulating indicators), drawn as a tick when below 1. */
  expectedCompletion?: number | null;
  status: ProgressStatus;
  /** Section heading; a new section starts whenever it changes. */
  group?: string;
}

/** The progress chart's content (see `progressChartData` to build it from a snapshot). */
export interface ProgressChartData {
  title: string;
  subtitle?: string;
  rows: ProgressChartRow[];
}

/** Rendering options shared by the charts. */
export interface ChartOptions {
  t: Translate;
  /** Image width in px (default 960). */
  width?: number;
  fonts?: ChartFonts;
  locale?: "vi" | "en";
}

const PAD = 28;
const LABEL_SIZE = 19;
const DETAIL_SIZE = 16;
const LINE_H = 23;
const BAR_H = 26;
const SECTION_H = 40;

interface Geometry {
  width: number;
  labelW: number;
  x0: number;
  x1: number;
  min: number;
  max: number;
  xOf(ratio: number): number;
}

function geometry(width: number, rows: ProgressChartRow[]): Geometry {
  const values = rows.flatMap((r) => (r.completion === null ? [] : [r.completion]));
  const min = Math.max(-0.5, Math.floor(Math.min(0, ...values) * 4) / 4);
  const max = Math.min(2, Math.max(1.25, Math.ceil(Math.max(...values, 0) * 4) / 4));
  const labelW = Math.round(width * 0.4);
  const x0 = PAD + labelW + 16;
  const x1 = width - PAD - 88;
  return { width, labelW, x0, x1, min, max, xOf: (r) => x0 + ((Math.min(max, Math.max(min, r)) - min) / (max - min)) * (x1 - x0) };
}

function axis(g: Geometry, top: number, bottom: number, locale: "vi" | "en"): string[] {
  const out: string[] = [];
  const step = g.max - g.min > 1.5 ? 0.5 : 0.25;
  for (let v = Math.ceil(g.min / step) * step; v <= g.max + 1e-9; v += step) {
    const x = g.xOf(v);
    out.push(line(x, top, x, bottom, Math.abs(v) < 1e-9 ? COLORS.axis : COLORS.grid, Math.abs(v) < 1e-9 ? 1.5 : 1));
    const label = formatPercent(v, locale, 0);
    out.push(text(x, top - 8, label, { size: 15, fill: COLORS.muted, anchor: "middle" }));
    // Repeated under the last row: the chart is taller than a phone screen.
    out.push(text(x, bottom + 20, label, { size: 15, fill: COLORS.muted, anchor: "middle" }));
  }
  return out;
}

function rowHeight(lines: number, hasDetail: boolean): number {
  return Math.max(64, lines * LINE_H + (hasDetail ? 21 : 0) + 20);
}

interface Laid {
  row: ProgressChartRow;
  lines: string[];
  detail?: string;
  y: number;
  h: number;
  section?: string;
}

function layout(rows: ProgressChartRow[], g: Geometry, m: TextMeasure, top: number): { laid: Laid[]; bottom: number } {
  let y = top;
  let group: string | undefined;
  const laid: Laid[] = [];
  for (const row of rows) {
    let section: string | undefined;
    if (row.group && row.group !== group) {
      section = row.group;
      group = row.group;
      y += SECTION_H;
    }
    const lines = wrapText(row.label, g.labelW, LABEL_SIZE, m.regular, 3);
    const h = rowHeight(lines.length, Boolean(row.detail));
    laid.push({ row, lines, detail: row.detail, y, h, section });
    y += h;
  }
  return { laid, bottom: y };
}

function drawRow(l: Laid, g: Geometry, o: { t: Translate; locale: "vi" | "en"; m: TextMeasure; halo: string }): string[] {
  const out: string[] = [];
  if (l.section) {
    out.push(rect(0, l.y - SECTION_H, g.width, SECTION_H, "#e8edf3"));
    out.push(text(PAD, l.y - 13, l.section.toLocaleUpperCase("vi"), { size: 17, weight: "bold", fill: COLORS.muted }));
  }
  const textBlock = l.lines.length * LINE_H + (l.detail ? 21 : 0);
  let baseline = l.y + (l.h - textBlock) / 2 + LINE_H - 5;
  for (const s of l.lines) {
    out.push(text(PAD, baseline, s, { size: LABEL_SIZE }));
    baseline += LINE_H;
  }
  if (l.detail) out.push(text(PAD, baseline - 2, wrapText(l.detail, g.labelW, DETAIL_SIZE, o.m.regular, 1)[0] ?? "", { size: DETAIL_SIZE, fill: COLORS.muted }));
  const mid = l.y + l.h / 2;
  const zero = g.xOf(0);
  const { completion, status } = l.row;
  if (completion === null) {
    out.push(text(zero + 10, mid + 6, o.t("board.chart.noData"), { size: 17, fill: COLORS.muted, italic: true }));
    return out;
  }
  const end = g.xOf(completion);
  out.push(rect(Math.min(zero, end), mid - BAR_H / 2, Math.abs(end - zero), BAR_H, COLORS[status], `rx="3"`));
  const expected = l.row.expectedCompletion;
  if (expected !== null && expected !== undefined && expected < 0.999) {
    const ex = g.xOf(expected);
    out.push(line(ex, mid - BAR_H / 2 - 7, ex, mid + BAR_H / 2 + 7, COLORS.text, 3));
  }
  const over = completion > g.max;
  const label = `${formatPercent(completion, o.locale, 1)}${over ? " ›" : ""}`;
  out.push(text(Math.max(zero, end) + 8, mid + 6, label, { size: 18, weight: "bold", fill: COLORS.text, halo: o.halo }));
  return out;
}

/** Builds the SVG of the progress chart (exposed for tests and for the web). */
export function buildProgressChartSvg(data: ProgressChartData, opts: ChartOptions): string {
  const width = opts.width ?? 960;
  const locale = opts.locale ?? "vi";
  const m = loadTextMeasure(opts.fonts);
  const g = geometry(width, data.rows);
  const body: string[] = [];
  let y = PAD + 26;
  for (const s of wrapText(data.title, width - 2 * PAD, 26, m.bold, 2)) {
    body.push(text(PAD, y, s, { size: 26, weight: "bold" }));
    y += 34;
  }
  if (data.subtitle) {
    body.push(text(PAD, y, data.subtitle, { size: 18, fill: COLORS.muted }));
    y += 30;
  }
  const top = y + 30;
  const { laid, bottom } = layout(data.rows, g, m, top);
  // Zebra bands, grid and target line first, then bars and haloed labels on top of them.
  laid.forEach((l, i) => i % 2 === 1 && body.push(rect(0, l.y, width, l.h, COLORS.band)));
  body.push(...axis(g, top, bottom, locale));
  body.push(line(g.xOf(1), top - 4, g.xOf(1), bottom, COLORS.target, 2, "7 5"));
  laid.forEach((l, i) => body.push(...drawRow(l, g, { t: opts.t, locale, m, halo: i % 2 === 1 ? COLORS.band : "#ffffff" })));
  const legendItems = (["done", "on_track", "at_risk", "behind"] as const).map((s) => ({ color: COLORS[s], label: opts.t(`board.status.${s}`) }));
  const legendOut = legend(
    [...legendItems, { marker: "dash", label: opts.t("board.chart.target") }, { marker: "tick", label: opts.t("board.chart.expected") }],
    { x: PAD, y: bottom + 56, width: width - 2 * PAD, m },
  );
  body.push(...legendOut.elements);
  return svgDocument(width, round(legendOut.bottom + PAD), body);
}

/** Renders the progress chart to PNG bytes. */
export function renderProgressChart(data: ProgressChartData, opts: ChartOptions): Uint8Array {
  return renderPng(buildProgressChartSvg(data, opts), opts.fonts);
}
