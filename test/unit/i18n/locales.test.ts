import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../src/i18n/i18n";

type Tree = { [k: string]: string | Tree };
function flatten(t: Tree, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === "string") out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}
const vi = flatten(JSON.parse(readFileSync("locales/vi.json", "utf8")));
const en = flatten(JSON.parse(readFileSync("locales/en.json", "utf8")));
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (p.includes("generated")) return [];
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("message catalogs", () => {
  it("vi and en have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });
  it("each message has the same placeholders in both languages", () => {
    for (const key of Object.keys(vi)) expect({ key, p: placeholders(en[key] ?? "") }).toEqual({ key, p: placeholders(vi[key]!) });
  });
  it("every literal key used in src exists in the catalog", () => {
    const used = new Set<string>();
    for (const f of sourceFiles("src")) {
      for (const m of readFileSync(f, "utf8").matchAll(/\bt\(\s*"([a-z_]+(?:\.[a-zA-Z0-9_]+)+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((k) => !(k in vi))).toEqual([]);
  });
  it("fills placeholders and falls back to Vietnamese", () => {
    const t = createTranslator("en");
    expect(t("core.welcome_back", { name: "Lan" })).toBe("Hello Lan! Type /trogiup to see the commands.");
    expect(createTranslator("vi")("core.bind_unknown", { code: "X" })).toContain("X");
  });
});
