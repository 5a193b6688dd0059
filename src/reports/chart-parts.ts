/**
 * @module Pieces both charts share: number formats and a legend that wraps onto new lines.
 */
import { formatNumber as formatLocaleNumber } from "../i18n/i18n";
import { COLORS, line, rect, text } from "./svg-kit";
import type { TextMeasure } from "./svg-kit";

/** "27,7%" (vi) or "27.7%" (en) from a ratio. */
export function formatPercent(ratio: number, locale: "vi" | "en", digits: number): string {
  return `${formatLocaleNumber(ratio * 100, locale, digits)}%`;
}

/** "3.200,5" (vi) or "3,200.5" (en). */
export function formatNumber(n: number, locale: "vi" | "en", digits = 2): string {
  return formatLocaleNumber(n, locale, digits);
}

/** A legend entry: a colour swatch, or a marker matching the chart's target line / expected tick. */
export interface LegendItem {
  label: string;
  color?: string;
  marker?: "dash" | "tick" | "hatch";
}

const SIZE = 17;
const SWATCH = 18;
const GAP = 26;

function swatch(item: LegendItem, x: number, y: number): string[] {
  if (item.marker === "dash") return [line(x + SWATCH / 2, y - 16, x + SWATCH / 2, y + 4, COLORS.target, 2, "5 3")];
  if (item.marker === "tick") return [line(x + SWATCH / 2, y - 17, x + SWATCH / 2, y + 5, COLORS.text, 3)];
  if (item.marker === "hatch") return [rect(x, y - 14, SWATCH, SWATCH, "url(#hatch)", `stroke="${item.color ?? COLORS.behind}"`)];
  return [rect(x, y - 14, SWATCH, SWATCH, item.color ?? COLORS.no_data, `rx="3"`)];
}

/** Lays legend items left to right, wrapping within `width`; returns the elements and the last baseline + gap. */
export function legend(items: LegendItem[], at: { x: number; y: number; width: number; m: TextMeasure }): { elements: string[]; bottom: number } {
  const elements: string[] = [];
  let x = at.x;
  let y = at.y;
  for (const item of items) {
    const w = SWATCH + 8 + at.m.regular.width(item.label, SIZE);
    if (x > at.x && x + w > at.x + at.width) {
      x = at.x;
      y += 32;
    }
    elements.push(...swatch(item, x, y), text(x + SWATCH + 8, y, item.label, { size: SIZE }));
    x += w + GAP;
  }
  return { elements, bottom: y + 10 };
}
