/**
 * @module Message catalogs (locales/vi.json is the source of truth, locales/en.json mirrors its keys).
 * `t("core.help", { name })` looks a dotted key up and fills `{placeholders}`; a missing key falls back to Vietnamese,
 * then to the key itself, so a gap never crashes a conversation (a test keeps the catalogs complete).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Locale = "vi" | "en";
export type Translate = (key: string, params?: Record<string, string | number>) => string;

type Catalog = { [k: string]: string | Catalog };

const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../locales");
const cache = new Map<Locale, Catalog>();

export function loadCatalog(locale: Locale): Catalog {
  let c = cache.get(locale);
  if (!c) {
    c = JSON.parse(readFileSync(path.join(LOCALES_DIR, `${locale}.json`), "utf8")) as Catalog;
    cache.set(locale, c);
  }
  return c;
}

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function createTranslator(locale: Locale): Translate {
  const primary = loadCatalog(locale);
  const fallback = loadCatalog("vi");
  return (key, params) => interpolate(lookup(primary, key) ?? lookup(fallback, key) ?? key, params);
}

export function hasKey(locale: Locale, key: string): boolean {
  return lookup(loadCatalog(locale), key) !== undefined;
}

/** Formats a number Vietnamese-style (3.200,5) or English-style (3,200.5). */
/** Formatters are costly to build (a progress table formats hundreds of numbers): one per locale and precision. */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(n: number, locale: Locale, maxFractionDigits = 4): string {
  const key = `${locale}:${maxFractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: maxFractionDigits })));
  return f.format(n);
}
