/**
 * @module Ranking chart of one cluster/block: a stacked bar of criterion points per unit, in rank order, with the
 * board's manual adjustments drawn apart (added points striped green, deducted points hatched red).
 */
import type { ClusterRanking, UnitScore } from "../domain/ranking/rank-cluster";
import type { Criterion } from "../domain/ranking/scoring-model";
import { CRITERIA } from "../domain/ranking/scoring-model";
import { formatNumber, legend } from "./chart-parts";
import type { LegendItem } from "./chart-parts";
import type { ChartOptions } from "./progress-chart";
import { COLORS, line, loadTextMeasure, rect, renderPng, svgDocument, text, wrapText } from "./svg-kit";
import type { TextMeasure } from "./svg-kit";

/** Segment colour of each criterion. */
export const CRITERION_COLORS: Record<Criterion, string> = {
  completion: "#2f6db5",
  timeliness: "#27a0a8",
  completeness: "#8a63c9",
  registration: "#e0823d",
  pledge: "#c9a227",
};

const PLUS = "#2e9d4f";
const MINUS = "#d1372e";
const PAD = 28;
const BAR_H = 28;
const LINE_H = 23;

/** Ranking chart options: titles default to the catalog's wording. */
export interface RankingChartOptions extends ChartOptions {
  /** Defaults to "Xếp hạng thi đua – {cluster name}". */
  title?: string;
  subtitle?: string;
}

const DEFS = `<defs>
<pattern id="plus" patternUnits="userSpaceOnUse" width="10" height="10" patternTransform="rotate(45)"><rect width="10" height="10" fill="${PLUS}"/><line x1="0" y1="0" x2="0" y2="10" stroke="#ffffff" stroke-opacity="0.45" stroke-width="4"/></pattern>
<pattern id="hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff" fill-opacity="0.55"/><line x1="0" y1="0" x2="0" y2="8" stroke="${MINUS}" stroke-width="4"/></pattern>
</defs>`;

interface Scale {
  x0: number;
  x1: number;
  max: number;
  xOf(points: number): number;
}

function scale(units: UnitScore[], width: number, labelW: number): Scale {
  const maxPoints = units[0]?.criteria.reduce((s, c) => s + c.maxPoints, 0) ?? 100;
  const reach = Math.max(maxPoints, ...units.map((u) => u.baseScore + Math.max(0, u.adjustmentPoints)));
  const x0 = PAD + labelW + 12;
  const x1 = width - PAD - 150;
  return { x0, x1, max: reach, xOf: (p) => x0 + (Math.max(0, Math.min(reach, p)) / reach) * (x1 - x0) };
}

function badge(x: number, y: number, rank: number): string[] {
  const fill = rank === 1 ? "#c9a227" : "#3d4f66";
  return [`<circle cx="${x}" cy="${y}" r="17" fill="${fill}"/>`, text(x, y + 6, String(rank), { size: 17, weight: "bold", fill: "#ffffff", anchor: "middle" })];
}

function bar(u: UnitScore, s: Scale, mid: number): string[] {
  const out: string[] = [];
  let acc = 0;
  for (const c of u.criteria) {
    if (c.points <= 0) continue;
    out.push(rect(s.xOf(acc), mid - BAR_H / 2, s.xOf(acc + c.points) - s.xOf(acc), BAR_H, CRITERION_COLORS[c.criterion]));
    acc += c.points;
  }
  if (u.adjustmentPoints > 0) {
    out.push(rect(s.xOf(acc), mid - BAR_H / 2, s.xOf(acc + u.adjustmentPoints) - s.xOf(acc), BAR_H, "url(#plus)"));
  } else if (u.adjustmentPoints < 0) {
    const from = Math.max(0, acc + u.adjustmentPoints);
    out.push(rect(s.xOf(from), mid - BAR_H / 2, s.xOf(acc) - s.xOf(from), BAR_H, "url(#hatch)", `stroke="${MINUS}" stroke-width="1.5"`));
  }
  return out;
}

function rows(ranking: ClusterRanking, s: Scale, o: { m: TextMeasure; labelW: number; top: number; width: number; opts: RankingChartOptions }) {
  const out: string[] = [];
  let y = o.top;
  const locale = o.opts.locale ?? "vi";
  ranking.units.forEach((u, i) => {
    const lines = wrapText(u.unitName, o.labelW - 48, 19, o.m.regular, 2);
    const h = Math.max(62, lines.length * LINE_H + (u.isTied ? 20 : 0) + 22);
    if (i % 2 === 1) out.push(rect(0, y, o.width, h, COLORS.band));
    const mid = y + h / 2;
    out.push(...badge(PAD + 17, mid, u.rank));
    let base = mid - ((lines.length + (u.isTied ? 0.85 : 0)) * LINE_H) / 2 + LINE_H - 5;
    for (const l of lines) {
      out.push(text(PAD + 46, base, l, { size: 19 }));
      base += LINE_H;
    }
    if (u.isTied) out.push(text(PAD + 46, base - 3, o.opts.t("board.chart.tied"), { size: 15, fill: COLORS.muted, italic: true }));
    out.push(...bar(u, s, mid));
    // Totals in their own right-aligned column: they line up and never collide with the max-score line.
    out.push(text(o.width - PAD, mid + 6, o.opts.t("board.chart.points", { points: formatNumber(u.totalScore, locale) }), { size: 18, weight: "bold", anchor: "end" }));
    y += h;
  });
  return { elements: out, bottom: y };
}

function legendItems(ranking: ClusterRanking, opts: RankingChartOptions): LegendItem[] {
  const items: LegendItem[] = CRITERIA.map((c) => ({ color: CRITERION_COLORS[c], label: opts.t(`board.criterion.${c}`) }));
  if (ranking.units.some((u) => u.adjustmentPoints > 0)) items.push({ color: "url(#plus)", label: opts.t("board.chart.adjustmentPlus") });
  if (ranking.units.some((u) => u.adjustmentPoints < 0)) items.push({ marker: "hatch", color: MINUS, label: opts.t("board.chart.adjustmentMinus") });
  return items;
}

/** Builds the SVG of a cluster's ranking chart. */
export function buildRankingChartSvg(ranking: ClusterRanking, opts: RankingChartOptions): string {
  const width = opts.width ?? 960;
  const m = loadTextMeasure(opts.fonts);
  const labelW = Math.round(width * 0.36);
  const s = scale(ranking.units, width, labelW);
  const body: string[] = [DEFS];
  let y = PAD + 26;
  for (const l of wrapText(opts.title ?? opts.t("board.chart.rankingTitle", { cluster: ranking.name }), width - 2 * PAD, 26, m.bold, 2)) {
    body.push(text(PAD, y, l, { size: 26, weight: "bold" }));
    y += 34;
  }
  const maxPoints = ranking.units[0]?.criteria.reduce((sum, c) => sum + c.maxPoints, 0) ?? 0;
  const sub = [opts.subtitle, opts.t("board.chart.maxPoints", { points: formatNumber(maxPoints, opts.locale ?? "vi") })].filter(Boolean).join(" · ");
  body.push(text(PAD, y, sub, { size: 18, fill: COLORS.muted }));
  const top = y + 24;
  const laid = rows(ranking, s, { m, labelW, top, width, opts });
  body.push(...laid.elements);
  body.push(line(s.xOf(maxPoints), top, s.xOf(maxPoints), laid.bottom, COLORS.target, 2, "7 5"));
  const lg = legend(legendItems(ranking, opts), { x: PAD, y: laid.bottom + 36, width: width - 2 * PAD, m });
  body.push(...lg.elements);
  return svgDocument(width, lg.bottom + PAD, body);
}

/** Renders a cluster's ranking chart to PNG bytes. */
export function renderRankingChart(ranking: ClusterRanking, opts: RankingChartOptions): Uint8Array {
  return renderPng(buildRankingChartSvg(ranking, opts), opts.fonts);
}
