/**
 * @module Small SVG building blocks shared by the charts: escaping, text wrapping, shapes, PNG rendering.
 */
import { Resvg } from "@resvg/resvg-js";
import type { ResvgRenderOptions } from "@resvg/resvg-js";
import { CHART_FONT_FAMILY, loadFontMetrics, resolveChartFonts } from "./chart-fonts";
import type { ChartFonts, FontMetrics } from "./chart-fonts";

/** Status and criterion colours, chosen to stay distinct for red–green colour blindness where it matters. */
export const COLORS = {
  text: "#1f2933",
  muted: "#5f6b7a",
  grid: "#d9dee5",
  axis: "#9aa5b1",
  target: "#1f2933",
  band: "#f4f6f8",
  done: "#1a7f37",
  on_track: "#4caf50",
  at_risk: "#f0a202",
  behind: "#d1372e",
  no_data: "#b8c0ca",
} as const;

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** Measures with DejaVu Sans regular and bold. */
export interface TextMeasure {
  regular: FontMetrics;
  bold: FontMetrics;
}

/** Metrics of the chart fonts (parsed once per file). */
export function loadTextMeasure(fonts: ChartFonts = resolveChartFonts()): TextMeasure {
  return { regular: loadFontMetrics(fonts.regular), bold: loadFontMetrics(fonts.bold) };
}

/** Shortens a line to fit `maxWidth`, ending with "…". */
export function ellipsize(text: string, maxWidth: number, fontSize: number, m: FontMetrics): string {
  if (m.width(text, fontSize) <= maxWidth) return text;
  let s = text;
  while (s.length > 1 && m.width(`${s}…`, fontSize) > maxWidth) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/** Word-wraps into at most `maxLines` lines no wider than `maxWidth`; the last line is ellipsized if needed. */
export function wrapText(text: string, maxWidth: number, fontSize: number, m: FontMetrics, maxLines: number): string[] {
  const words = text.normalize("NFC").split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const candidate = current ? `${current} ${word}` : word;
    if (m.width(candidate, fontSize) <= maxWidth || !current) {
      current = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      current = `${current} ${words.slice(i).join(" ")}`;
      break;
    }
    lines.push(current);
    current = word;
  }
  if (current) lines.push(current);
  return lines.map((l, i) => (i === lines.length - 1 || m.width(l, fontSize) > maxWidth ? ellipsize(l, maxWidth, fontSize, m) : l));
}

/** Text styling for `text()`. */
export interface TextOpts {
  size: number;
  fill?: string;
  weight?: "bold" | "normal";
  anchor?: "start" | "middle" | "end";
  italic?: boolean;
  /** Outline in this colour behind the glyphs, so text stays legible over grid and target lines. */
  halo?: string;
}

/** One line of text; y is the baseline. */
export function text(x: number, y: number, content: string, o: TextOpts): string {
  const attrs = [
    `x="${round(x)}"`,
    `y="${round(y)}"`,
    `font-size="${o.size}"`,
    `fill="${o.fill ?? COLORS.text}"`,
    o.weight === "bold" ? `font-weight="bold"` : "",
    o.anchor && o.anchor !== "start" ? `text-anchor="${o.anchor}"` : "",
    o.italic ? `font-style="italic"` : "",
    o.halo ? `stroke="${o.halo}" stroke-width="5" stroke-linejoin="round" paint-order="stroke"` : "",
  ].filter(Boolean);
  return `<text ${attrs.join(" ")}>${escapeXml(content)}</text>`;
}

/** A rectangle; `extra` adds raw attributes (rx, stroke…). */
export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ""): string {
  return `<rect x="${round(x)}" y="${round(y)}" width="${round(Math.max(0, w))}" height="${round(h)}" fill="${fill}" ${extra}/>`;
}

/** A line, dashed when `dash` is given. */
export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, dash?: string): string {
  const d = dash ? ` stroke-dasharray="${dash}"` : "";
  return `<line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" stroke="${stroke}" stroke-width="${width}"${d}/>`;
}

/** Rounds coordinates to 0.1 px to keep the SVG small. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Wraps body elements into an SVG document with a white background and the chart font. */
export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${round(height)}" viewBox="0 0 ${width} ${round(height)}" font-family="${CHART_FONT_FAMILY}">`,
    rect(0, 0, width, height, "#ffffff"),
    ...body,
    "</svg>",
  ].join("\n");
}

/** Renders SVG to PNG bytes with only the bundled fonts (no system fonts, so output is the same everywhere). */
export function renderPng(svg: string, fonts: ChartFonts = resolveChartFonts()): Uint8Array {
  return new Uint8Array(new Resvg(svg, resvgOptions(fonts)).render().asPng());
}

/** resvg options: the bundled DejaVu files only. */
export function resvgOptions(fonts: ChartFonts = resolveChartFonts()): ResvgRenderOptions {
  return {
    font: { fontFiles: [fonts.regular, fonts.bold], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
    fitTo: { mode: "original" },
    background: "#ffffff",
  };
}
