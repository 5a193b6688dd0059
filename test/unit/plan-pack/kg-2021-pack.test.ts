import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveScoringModel } from "../../../src/domain/ranking/scoring-model";
import { KG_2021_PLAN_PACK } from "../../../src/plan-pack/bundled-seed";
import { loadPlanPack } from "../../../src/plan-pack/parse-plan-pack";
import type { PlanPack } from "../../../src/plan-pack/plan-pack-types";
import { isValidLocalDateTime } from "../../../src/plan-pack/plan-pack-values";
import { foldText } from "../../../src/shared/text";

interface ReferenceIndicator {
  code: string;
  group: string;
  measure: string;
  target: number | null;
  comparator: string;
  frequency: string;
  aliases: string[];
}

const reference = JSON.parse(
  readFileSync(new URL("./fixtures/indicators-reference.json", import.meta.url), "utf8"),
) as ReferenceIndicator[];
const sourceLines = readFileSync(new URL("../../../prisma/seed/plans/sources/ke-hoach-thi-dua-kien-giang-2021.txt", import.meta.url), "utf8").split("\n");

let pack: PlanPack;
beforeAll(async () => {
  pack = await loadPlanPack(KG_2021_PLAN_PACK);
});
const indicator = (code: string) => {
  const found = pack.campaign.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`missing ${code}`);
  return found;
};

describe("kg-2021 plan pack: the campaign", () => {
  it("encodes the plan's identity, theme and the 2003 regime", () => {
    const c = pack.campaign;
    expect(c.code).toBe("kg-2021");
    expect(c.province).toBe("Kiên Giang");
    expect(c.year).toBe(2021);
    expect(c.regimeYear).toBe(2003);
    expect(c.theme).toBe("Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, đảm bảo quốc phòng - an ninh");
    expect(c.figuresInGroups).toBe(false);
    expect(pack.meta.illustrative).toBe(false);
    expect(pack.meta.warnings).toEqual([]);
    expect(pack.content.movements).toHaveLength(4);
  });

  it("cites NQ 534, the law, QĐ 24/2018, QĐ 18/2020 and QĐ 809/2019 with their numbers and dates", () => {
    const byNumber = new Map(pack.legalBases.map((b) => [b.number, b]));
    expect(byNumber.get("534/NQ-HĐND")?.date).toBe("2021-01-14");
    expect(byNumber.get("24/2018/QĐ-UBND")?.date).toBe("2018-12-28");
    expect(byNumber.get("18/2020/QĐ-UBND")?.date).toBe("2020-10-27");
    expect(byNumber.get("809/QĐ-UBND")?.date).toBe("2019-04-04");
    expect(pack.legalBases.some((b) => b.kind === "law" && b.title.startsWith("Luật Thi đua, khen thưởng"))).toBe(true);
  });
});

describe("kg-2021 plan pack: indicators match the reference reading", () => {
  it("has every reference indicator with the same measure, target, comparator, frequency and group", () => {
    expect(pack.campaign.indicators).toHaveLength(reference.length);
    for (const r of reference) {
      const i = indicator(r.code);
      expect({ code: i.code, measure: i.measure, target: i.target, comparator: i.comparator, frequency: i.frequency, group: i.group }).toEqual({
        code: r.code,
        measure: r.measure,
        target: r.target,
        comparator: r.comparator,
        frequency: r.frequency,
        group: r.group,
      });
    }
  });

  it("keeps every reference alias (compared without case and diacritics) and adds more", () => {
    for (const r of reference) {
      const mine = new Set(indicator(r.code).aliases.map(foldText));
      const missing = r.aliases.filter((a) => !mine.has(foldText(a)));
      expect(missing, r.code).toEqual([]);
      expect(indicator(r.code).aliases.length).toBeGreaterThanOrEqual(r.aliases.length);
    }
  });

  it("encodes the hard targets as the plan words them", () => {
    expect(indicator("poverty_reduction")).toMatchObject({ target: 1, comparator: ">=", sense: "reduction" });
    expect(indicator("poverty_reduction").targetNote).toContain("giữ ở mức 1%");
    expect(indicator("health_insurance_coverage")).toMatchObject({ target: 90, comparator: ">", maxValue: 100 });
    const traffic = pack.campaign.indicators.filter((i) => i.code.startsWith("traffic_accident_"));
    expect(traffic.map((i) => i.code).sort()).toEqual(["traffic_accident_cases", "traffic_accident_deaths", "traffic_accident_injuries"]);
    for (const t of traffic) expect(t).toMatchObject({ target: null, comparator: "decrease_vs_previous_year" });
    for (const code of ["security_order", "environment_hygiene"]) {
      expect(indicator(code)).toMatchObject({ valueKind: "boolean", comparator: "maintain", target: 1 });
    }
    expect(indicator("structure_services_share")).toMatchObject({ comparator: "=", sense: "share" });
  });

  it("fills the optional reading fields for every indicator and states an aggregation rule", () => {
    for (const i of pack.campaign.indicators) {
      expect(i.sense, i.code).toBeDefined();
      expect(i.accumulates, i.code).toBeDefined();
      expect(i.components, i.code).toBeDefined();
      expect(i.maxValue, i.code).not.toBeUndefined();
      expect(i.nameEn, i.code).toBeTruthy();
      // Officers type without diacritics: every indicator needs a multi-word ASCII alias.
      expect(i.aliases.some((a) => /^[\x20-\x7e]+$/.test(a) && a.includes(" ")), `${i.code} has an alias without diacritics`).toBe(true);
    }
    expect(indicator("budget_revenue")).toMatchObject({ aggregation: "sum", accumulates: true });
    expect(indicator("seafood_output").components).toEqual(["khai thác", "nuôi trồng"]);
    expect(indicator("grdp_growth")).toMatchObject({ aggregation: "province", sense: "growth", accumulates: false });
  });

  it("quotes the plan verbatim at the stated line of the bundled source", () => {
    for (const i of pack.campaign.indicators) {
      const src = pack.indicatorSources[i.code];
      expect(src?.line, i.code).toBeTypeOf("number");
      expect(sourceLines[(src?.line ?? 0) - 1], i.code).toContain(src?.quote ?? "\u0000");
    }
  });
});

describe("kg-2021 plan pack: calendar, reminders, awards, scoring", () => {
  it("has a 2021 calendar of every deadline kind, all assumed with a reason, in local time", () => {
    const kinds = new Set(pack.campaign.deadlines.map((d) => d.kind));
    for (const k of ["registration", "pledge", "monthly_report", "quarterly_report", "semiannual_review", "nine_month_report", "annual_review", "award_dossier"]) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    for (const d of pack.campaign.deadlines) {
      expect(d.assumed, d.code).toBe(true);
      expect(isValidLocalDateTime(d.due), d.code).toBe(true);
      const weekday = new Date(`${d.due}:00Z`).getUTCDay();
      expect([0, 6], `${d.code} falls on a weekend`).not.toContain(weekday);
    }
    const dues = pack.campaign.deadlines.map((d) => d.due);
    expect(dues).toEqual([...dues].sort());
    expect(pack.campaign.deadlines.find((d) => d.period === "2021-Q1")?.due).toBe("2021-04-05T17:00");
  });

  it("has one reminder rule per deadline kind, offsets largest first", () => {
    const rules = pack.campaign.reminderRules;
    expect(new Set(rules.map((r) => r.kind)).size).toBe(rules.length);
    for (const d of pack.campaign.deadlines) expect(rules.some((r) => r.kind === d.kind)).toBe(true);
    for (const r of rules) expect(r.offsetsDays).toEqual([...r.offsetsDays].sort((a, b) => b - a));
  });

  it("encodes section II.4–II.6 including enterprises outside the blocks and rank awards", () => {
    expect(pack.awards.standards.enterprisesOutsideBlocks.criteria).toHaveLength(2);
    expect(pack.awards.standards.clustersBlocks.legalBases).toEqual(["qd-809-2019-ubnd"]);
    expect(pack.awards.forms.byRank.map((r) => r.award)).toEqual([
      "co_thi_dua_cap_tinh",
      "bang_khen_chu_tich_ubnd_tinh",
      "bang_khen_chu_tich_ubnd_tinh",
    ]);
    expect(pack.awards.bonus.baseSalary[0]).toMatchObject({ amount: 1490000 });
    const lđtt = pack.awards.titles.find((t) => t.id === "lao_dong_tien_tien");
    expect(lđtt?.coefficientIndividual).toBe(0.3);
    expect(pack.awards.registration.deadline).toBe("dang-ky-thi-dua");
    expect(pack.awards.dossier.deadline).toBe("ho-so-khen-thuong");
  });

  it("carries a scoring model the ranking code accepts, weights adding up to 100", () => {
    const s = pack.scoring;
    expect(Object.values(s.weights).reduce((a, b) => a + b, 0)).toBe(100);
    expect(s.assumed).toBe(true);
    expect(() => resolveScoringModel(s)).not.toThrow();
    expect(resolveScoringModel(s).weights).toEqual(s.weights);
  });
});
