/**
 * @module Safe HTML for the server-rendered dashboard: a tagged template that escapes every interpolated value
 * unless it is already SafeHtml, so unit names such as "Cục Hải quan (KV) & Co. <b>" render as text.
 */

/** HTML that has already been escaped (or built by `html`). */
export interface SafeHtml {
  readonly __html: string;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

/** Escapes text for element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

/** Marks a trusted string as HTML (only for markup built in this code, never for data). */
export function raw(markup: string): SafeHtml {
  return { __html: markup };
}

function isSafe(v: unknown): v is SafeHtml {
  return typeof v === "object" && v !== null && "__html" in v && typeof (v as SafeHtml).__html === "string";
}

function render(v: unknown): string {
  if (v === null || v === undefined || v === false) return "";
  if (Array.isArray(v)) return v.map(render).join("");
  if (isSafe(v)) return v.__html;
  return esc(v);
}

/** `html\`<td>${name}</td>\`` escapes `name`; arrays are joined; null, undefined and false render nothing. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return { __html: out };
}

/** A query string from defined values: `qs({ period: "2021-Q1", unit: undefined })` → "?period=2021-Q1". */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== "");
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : "";
}
