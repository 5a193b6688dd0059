/**
 * @module The font charts are drawn with (DejaVu Sans: full Vietnamese coverage) and its advance widths.
 *
 * resvg gets the TTF files explicitly with system fonts off, so a chart looks the same on every machine. The widths
 * are read from the font's own cmap/hmtx tables so labels can be wrapped before rendering (SVG has no text layout).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** Family name the SVG asks for; matches the bundled TTF files. */
export const CHART_FONT_FAMILY = "DejaVu Sans";

/** Paths of the TTF files charts are rendered with. */
export interface ChartFonts {
  regular: string;
  bold: string;
}

/** Thrown when neither the dejavu-fonts-ttf package nor a system DejaVu font can be found. */
export class ChartFontError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChartFontError";
  }
}

const SYSTEM_DIR = "/usr/share/fonts/truetype/dejavu";
let cachedFonts: ChartFonts | undefined;

/** Paths of DejaVu Sans regular and bold: from the npm package, else Debian's fonts-dejavu-core. */
export function resolveChartFonts(): ChartFonts {
  if (cachedFonts) return cachedFonts;
  const require = createRequire(import.meta.url);
  const candidates: (() => ChartFonts)[] = [
    () => ({
      regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
      bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
    }),
    () => ({ regular: `${SYSTEM_DIR}/DejaVuSans.ttf`, bold: `${SYSTEM_DIR}/DejaVuSans-Bold.ttf` }),
  ];
  for (const candidate of candidates) {
    try {
      const fonts = candidate();
      if (existsSync(fonts.regular) && existsSync(fonts.bold)) return (cachedFonts = fonts);
    } catch {
      // not installed: try the next place
    }
  }
  throw new ChartFontError("DejaVu Sans not found: install the dejavu-fonts-ttf package");
}

/** Advance widths of one font, in em (multiply by the font size in px). */
export interface FontMetrics {
  advance(codePoint: number): number;
  /** Whether the font has a glyph for the character (false would render as an empty box). */
  hasGlyph(codePoint: number): boolean;
  /** Width of a string in px at `fontSize` (no kerning: a slight overestimate, which is the safe side). */
  width(text: string, fontSize: number): number;
}

interface Tables {
  view: DataView;
  offsets: Map<string, number>;
}

function readTables(buf: Uint8Array): Tables {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const offsets = new Map<string, number>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(buf[rec]!, buf[rec + 1]!, buf[rec + 2]!, buf[rec + 3]!);
    offsets.set(tag, view.getUint32(rec + 8));
  }
  return { view, offsets };
}

function table(t: Tables, tag: string): number {
  const offset = t.offsets.get(tag);
  if (offset === undefined) throw new ChartFontError(`font has no ${tag} table`);
  return offset;
}

/** Glyph id lookup through the Unicode BMP cmap subtable (format 4), enough for Vietnamese. */
function cmapFormat4(t: Tables): (cp: number) => number {
  const { view } = t;
  const cmap = table(t, "cmap");
  let sub = -1;
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const at = cmap + view.getUint32(rec + 4);
    if (((platform === 3 && encoding === 1) || platform === 0) && view.getUint16(at) === 4) sub = at;
  }
  if (sub < 0) throw new ChartFontError("font has no format-4 cmap");
  const segs = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const ranges = deltas + segs * 2;
  return (cp) => {
    for (let i = 0; i < segs; i++) {
      if (cp > view.getUint16(ends + i * 2)) continue;
      const start = view.getUint16(starts + i * 2);
      if (cp < start) return 0;
      const delta = view.getInt16(deltas + i * 2);
      const rangeOffset = view.getUint16(ranges + i * 2);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = view.getUint16(ranges + i * 2 + rangeOffset + 2 * (cp - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/** Reads advance widths from a TTF file's bytes. */
export function parseFontMetrics(buf: Uint8Array): FontMetrics {
  const t = readTables(buf);
  const unitsPerEm = t.view.getUint16(table(t, "head") + 18);
  const numberOfHMetrics = t.view.getUint16(table(t, "hhea") + 34);
  const hmtx = table(t, "hmtx");
  const glyphOf = cmapFormat4(t);
  const cache = new Map<number, number>();
  const advance = (cp: number): number => {
    let a = cache.get(cp);
    if (a === undefined) {
      const g = Math.min(glyphOf(cp), numberOfHMetrics - 1);
      a = t.view.getUint16(hmtx + g * 4) / unitsPerEm;
      cache.set(cp, a);
    }
    return a;
  };
  return {
    advance,
    hasGlyph: (cp) => glyphOf(cp) !== 0,
    width(text, fontSize) {
      let em = 0;
      for (const ch of text.normalize("NFC")) em += advance(ch.codePointAt(0) ?? 0);
      return em * fontSize;
    },
  };
}

const metricsCache = new Map<string, FontMetrics>();

/** Metrics of a font file, parsed once per path. */
export function loadFontMetrics(path: string): FontMetrics {
  let m = metricsCache.get(path);
  if (!m) {
    m = parseFontMetrics(readFileSync(path));
    metricsCache.set(path, m);
  }
  return m;
}
