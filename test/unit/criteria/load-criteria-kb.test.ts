import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REQUIRED_ENTRY_IDS, REGIME_IDS } from "../../../src/domain/criteria/criteria-kb.js";
import { CriteriaKbError, DEFAULT_CRITERIA_KB_DIR, loadCriteriaKb } from "../../../src/knowledge/load-criteria-kb.js";

const dirs: string[] = [];
function copyKb(): string {
  const dir = mkdtempSync(join(tmpdir(), "criteria-kb-"));
  cpSync(DEFAULT_CRITERIA_KB_DIR, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}
function edit(dir: string, file: string, change: (s: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const dayAfter = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe("loadCriteriaKb (bundled data)", () => {
  const kb = loadCriteriaKb();

  it("holds every title, form and topic of law.md §12 plus the plan's award section, once each", () => {
    const ids = kb.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of REQUIRED_ENTRY_IDS) expect(ids).toContain(id);
  });

  it("gives every title and form its criteria under the 2022 law and criteria or a stated gap under 2003", () => {
    for (const e of kb.entries.filter((x) => x.kind !== "topic")) {
      expect(e.regimes["2022"]?.criteria?.length, e.id).toBeGreaterThan(0);
      const old = e.regimes["2003"];
      expect(Boolean(old?.criteria?.length || old?.gap), e.id).toBe(true);
    }
  });

  it("cites a source for every criteria section", () => {
    for (const e of kb.entries) {
      for (const [regime, block] of Object.entries(e.regimes)) {
        if (!block?.criteria) continue;
        const cited = block.citations.length > 0 || block.criteria.every((b) => b.cite.length > 0);
        expect(cited, `${e.id} ${regime}`).toBe(true);
      }
    }
  });

  it("has a base-salary history without gaps, ending in the amount in force", () => {
    const h = kb.salaryHistory;
    for (let i = 1; i < h.length; i++) expect(h[i]?.from).toBe(dayAfter(h[i - 1]?.to as string));
    expect(h.at(-1)).toMatchObject({ from: "2026-07-01", to: null, amount: 2_530_000 });
    expect(h.find((p) => p.from === "2019-07-01")?.amount).toBe(1_490_000);
  });

  it("keys bonus coefficients by known regimes and titles", () => {
    for (const r of kb.bonusRules) {
      expect(kb.entries.some((e) => e.id === r.titleId)).toBe(true);
      for (const key of Object.keys(r.coefficients)) expect(REGIME_IDS).toContain(key);
    }
  });
});

describe("loadCriteriaKb (errors name the file and the field)", () => {
  it("reports a missing required field with its path", () => {
    const dir = copyKb();
    edit(dir, "entries/lao_dong_tien_tien.yaml", (s) => s.replace(/^names: .*$/m, 'names: { en: "x" }'));
    expect(() => loadCriteriaKb(dir)).toThrowError(/entries\/lao_dong_tien_tien\.yaml: names\.vi/);
  });

  it("reports a bullet field error inside a regime block", () => {
    const dir = copyKb();
    edit(dir, "entries/giay_khen.yaml", (s) => s.replace('  "2022":\n    citations:', '  "2022":\n    citations: 5\n    x:'));
    const err = (() => {
      try {
        loadCriteriaKb(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CriteriaKbError);
    expect((err as CriteriaKbError).file).toBe("entries/giay_khen.yaml");
    expect(String((err as Error).message)).toMatch(/regimes\.2022/);
  });

  it("rejects YAML that does not parse, naming the file", () => {
    const dir = copyKb();
    edit(dir, "bonus.yaml", (s) => `${s}\n  - title: [unclosed\n`);
    expect(() => loadCriteriaKb(dir)).toThrowError(/^bonus\.yaml: /);
  });

  it("rejects an id that does not match its file name and an unknown related entry", () => {
    const a = copyKb();
    edit(a, "entries/giay_khen.yaml", (s) => s.replace("id: giay_khen", "id: giay_khen_x"));
    expect(() => loadCriteriaKb(a)).toThrowError(/entries\/giay_khen\.yaml: id/);
    const b = copyKb();
    edit(b, "entries/giay_khen.yaml", (s) => s.replace("related: [bang_khen_chu_tich_ubnd_tinh,", "related: [khong_co,"));
    expect(() => loadCriteriaKb(b)).toThrowError(/related\.0: unknown entry "khong_co"/);
  });

  it("rejects overlapping base-salary periods", () => {
    const dir = copyKb();
    edit(dir, "base-salary.yaml", (s) => s.replace('to: "2023-06-30"', 'to: "2023-07-15"'));
    expect(() => loadCriteriaKb(dir)).toThrowError(/base-salary\.yaml: periods\.2\.to/);
  });
});
