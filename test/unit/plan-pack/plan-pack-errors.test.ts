import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { EXAMPLE_AG_2026_PLAN_PACK, KG_2021_PLAN_PACK } from "../../../src/plan-pack/bundled-seed";
import { loadPlanPack, parsePlanPack } from "../../../src/plan-pack/parse-plan-pack";
import { PlanPackError } from "../../../src/plan-pack/plan-pack-error";

const kgText = readFileSync(KG_2021_PLAN_PACK, "utf8");
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh, valid copy of the bundled pack to break on purpose. */
const kgDoc = (): Doc => parse(kgText) as Doc;

function issuesOf(text: string): PlanPackError["issues"] {
  try {
    parsePlanPack(text, "broken.yaml");
  } catch (err) {
    expect(err).toBeInstanceOf(PlanPackError);
    return (err as PlanPackError).issues;
  }
  throw new Error("expected the pack to be rejected");
}

describe("parsePlanPack rejects a malformed pack with every problem and its path", () => {
  it("lists type errors, unknown keys, duplicates, bad dates and broken references together", () => {
    const doc = kgDoc();
    doc.indicators[3].target = "21,83";
    doc.indicators[0].colour = "red";
    doc.indicators[5].code = doc.indicators[4].code;
    doc.indicators[7].group = "kinh_tee";
    doc.deadlines[0].due = "2021-02-30T17:00";
    doc.deadlines[1].due = "2021-03-31 17:00";
    delete doc.campaign.theme;
    doc.campaign.regimeYear = 2010;
    doc.scoring.weights.completion = 70;
    doc.awards.registration.deadline = "khong-co";
    const issues = issuesOf(stringify(doc));
    const byPath = new Map(issues.map((i) => [i.path, i.message]));

    expect(byPath.get("indicators[3].target")).toBe("Expected number, received string");
    expect(byPath.get("indicators[0].colour")).toBe('Unknown key "colour"');
    expect(byPath.get("indicators[5].code")).toMatch(/^Duplicate code/);
    expect(byPath.get("indicators[7].group")).toMatch(/Unknown group "kinh_tee"/);
    expect(byPath.get("deadlines[0].due")).toMatch(/real local date-time/);
    expect(byPath.get("deadlines[1].due")).toMatch(/real local date-time/);
    expect(byPath.get("campaign.theme")).toBe("Required");
    expect(byPath.get("campaign.regimeYear")).toBe("Expected 2003 or 2022");
    expect(byPath.get("scoring.weights")).toMatch(/add up to 110, expected 100/);
    expect(byPath.get("awards.registration.deadline")).toMatch(/Unknown deadline "khong-co"/);
    expect(issues.length).toBeGreaterThanOrEqual(10);
    for (const i of issues) expect(i.line, i.path).toBeTypeOf("number");
  });

  it("points at the YAML line of the offending field and names the file in the message", () => {
    const text = kgText.replace("    target: 6.01\n", "    target: sáu phẩy không một\n");
    const line = kgText.split("\n").indexOf("    target: 6.01") + 1;
    try {
      parsePlanPack(text, "kg-2021.yaml");
      expect.unreachable();
    } catch (err) {
      const e = err as PlanPackError;
      expect(e.issues).toEqual([{ path: "indicators[0].target", line, message: "Expected number, received string" }]);
      expect(e.message).toContain(`kg-2021.yaml:${line} indicators[0].target: Expected number, received string`);
    }
  });

  it("checks rules that span fields: target vs comparator, boolean targets, periods, reminder rules", () => {
    const doc = kgDoc();
    const traffic = doc.indicators.findIndex((i: Doc) => i.code === "traffic_accident_cases");
    const security = doc.indicators.findIndex((i: Doc) => i.code === "security_order");
    doc.indicators[traffic].target = 100;
    doc.indicators[security].target = 5;
    doc.indicators[1].aliases.push("GRDP");
    const q1 = doc.deadlines.findIndex((d: Doc) => d.period === "2021-Q1");
    doc.deadlines[q1].period = "2021-M03";
    doc.deadlines[0].period = "2022-Y";
    delete doc.deadlines[2].assumption;
    doc.reminderRules = doc.reminderRules.filter((r: Doc) => r.kind !== "award_dossier");
    const issues = issuesOf(stringify(doc));
    const byPath = new Map(issues.map((i) => [i.path, i.message]));
    const at = (path: string) => issues.filter((i) => i.path === path).map((i) => i.message);

    expect(byPath.get(`indicators[${traffic}].target`)).toMatch(/Must be null/);
    expect(at(`indicators[${security}].target`)).toEqual([
      "A boolean indicator's target is 1 (đạt) or 0",
      "Target 5 is above maxValue 1",
    ]);
    expect([...byPath.values()].some((m) => m.includes('Alias "GRDP" is also an alias of "grdp_growth"'))).toBe(true);
    expect(byPath.get(`deadlines[${q1}].period`)).toMatch(/does not fit a quarterly_report/);
    expect(at("deadlines[0].period")).toEqual([
      "A registration deadline has no period (use null)",
      'Period "2022-Y" is outside the campaign year 2021',
    ]);
    expect(byPath.get("deadlines[2].assumption")).toMatch(/must say why/);
    const dossier = doc.deadlines.findIndex((d: Doc) => d.kind === "award_dossier");
    expect(byPath.get(`deadlines[${dossier}].kind`)).toMatch(/No reminderRules entry/);
  });

  it("reports YAML syntax errors with their line", () => {
    const issues = issuesOf("format: thidua-plan-pack/1\nmeta:\n  description: [unclosed\n");
    expect(issues[0]?.message).toMatch(/YAML\/JSON syntax/);
    expect(issues[0]?.line).toBeTypeOf("number");
  });

  it("rejects a wrong format marker and an empty document", () => {
    expect(issuesOf(kgText.replace("format: thidua-plan-pack/1", "format: thidua-plan-pack/2")).map((i) => i.path)).toContain("format");
    expect(issuesOf("").length).toBeGreaterThan(0);
  });

  it("turns an unreadable file into a PlanPackError naming the file", async () => {
    await expect(loadPlanPack("/nonexistent/pack.yaml")).rejects.toMatchObject({ code: "plan_pack_invalid", sourceName: "/nonexistent/pack.yaml" });
  });
});

describe("packHash makes re-import idempotent", () => {
  it("is the same for the YAML file, its JSON form, re-ordered keys and added comments", () => {
    const base = parsePlanPack(kgText, "a.yaml").meta.packHash;
    const doc = kgDoc();
    const json = JSON.stringify(doc);
    const reordered = stringify(Object.fromEntries(Object.entries(doc).reverse()));
    expect(parsePlanPack(json, "a.json").meta.packHash).toBe(base);
    expect(parsePlanPack(reordered, "b.yaml").meta.packHash).toBe(base);
    expect(parsePlanPack(`# a new comment\n${kgText}`, "c.yaml").meta.packHash).toBe(base);
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("changes when any content changes", () => {
    const base = parsePlanPack(kgText, "a.yaml").meta.packHash;
    const doc = kgDoc();
    doc.indicators[0].target = 6.02;
    expect(parsePlanPack(stringify(doc), "a.yaml").meta.packHash).not.toBe(base);
  });

  it("accepts a UTF-8 BOM", () => {
    expect(parsePlanPack(`\uFEFF${kgText}`, "bom.yaml").campaign.code).toBe("kg-2021");
  });
});

describe("another province and year", () => {
  it("loads the illustrative An Giang 2026 pack with the regime derived from the year", async () => {
    const pack = await loadPlanPack(EXAMPLE_AG_2026_PLAN_PACK);
    expect(pack.campaign).toMatchObject({ code: "ag-2026-example", province: "An Giang", year: 2026, regimeYear: 2022 });
    expect(pack.meta).toMatchObject({ illustrative: true, regimeSource: "derived" });
    expect(pack.campaign.indicators.every((i) => !(i.unitKinds ?? []).includes("district"))).toBe(true);
  });

  it("warns when a stated regime contradicts the year", () => {
    const doc = kgDoc();
    doc.campaign.regimeYear = 2022;
    const pack = parsePlanPack(stringify(doc), "x.yaml");
    expect(pack.campaign.regimeYear).toBe(2022);
    expect(pack.meta.warnings[0]).toMatch(/differs from 2003/);
  });
});
