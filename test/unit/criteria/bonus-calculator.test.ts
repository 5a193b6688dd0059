import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeBonus, multiplyCoefficient, roundUpTo10k, salaryAt, type BonusLine } from "../../../src/domain/criteria/bonus-calculator.js";
import type { Recipient } from "../../../src/domain/criteria/criteria-kb.js";
import { kit } from "./criteria-test-kit.js";

const { kb } = kit();

function one(titleId: string, date: string, recipient: Recipient = "individual", variant?: string): BonusLine {
  const lines = computeBonus(kb, { titleId, from: date, to: date, recipients: [recipient], variant }).lines;
  expect(lines, `${titleId} ${recipient} ${date}`).toHaveLength(1);
  return lines[0] as BonusLine;
}

describe("rounding and exact products", () => {
  it("rounds up to the next 10.000 đồng and leaves round amounts alone (law.md §7.1)", () => {
    expect(roundUpTo10k(447_000)).toBe(450_000);
    expect(roundUpTo10k(702_000)).toBe(710_000);
    expect(roundUpTo10k(1_872_000)).toBe(1_880_000);
    expect(roundUpTo10k(223_500)).toBe(230_000);
    expect(roundUpTo10k(5_265_000)).toBe(5_270_000);
    expect(roundUpTo10k(1_490_000)).toBe(1_490_000);
  });

  it("multiplies decimal coefficients without floating-point drift", () => {
    expect(multiplyCoefficient(0.15, 1_490_000)).toBe(223_500);
    expect(multiplyCoefficient(0.3, 2_530_000)).toBe(759_000);
    expect(multiplyCoefficient(2.25, 2_340_000)).toBe(5_265_000);
    expect(multiplyCoefficient(0.3, 1_490_000)).toBe(447_000);
  });
});

describe("law.md §7.3 worked examples, to the đồng", () => {
  const cases: [string, string, Recipient, number, number, string?][] = [
    ["chien_si_thi_dua_co_so", "2021-12-15", "individual", 1_490_000, 1_490_000],
    ["lao_dong_tien_tien", "2021-12-15", "individual", 447_000, 450_000],
    ["tap_the_lao_dong_xuat_sac", "2021-12-15", "collective", 2_235_000, 2_240_000],
    ["tap_the_lao_dong_tien_tien", "2021-12-15", "collective", 1_192_000, 1_200_000],
    ["co_thi_dua_cap_tinh", "2021-12-15", "collective", 11_920_000, 11_920_000],
    ["bang_khen_chu_tich_ubnd_tinh", "2021-12-15", "individual", 1_490_000, 1_490_000],
    ["bang_khen_chu_tich_ubnd_tinh", "2021-12-15", "collective", 2_980_000, 2_980_000],
    ["giay_khen", "2021-12-15", "individual", 223_500, 230_000, "commune_chairman"],
    ["chien_si_thi_dua_cap_tinh", "2023-12-20", "individual", 5_400_000, 5_400_000],
    ["chien_si_thi_dua_co_so", "2024-03-01", "individual", 1_800_000, 1_800_000],
    ["lao_dong_tien_tien", "2024-09-01", "individual", 702_000, 710_000],
    ["tap_the_lao_dong_tien_tien", "2025-12-01", "collective", 1_872_000, 1_880_000],
    ["chien_si_thi_dua_toan_quoc", "2025-12-01", "individual", 10_530_000, 10_530_000],
    ["bang_khen_chu_tich_ubnd_tinh", "2025-09-01", "individual", 3_510_000, 3_510_000],
    ["bang_khen_chu_tich_ubnd_tinh", "2025-09-01", "household", 5_265_000, 5_270_000],
    ["giay_khen", "2024-09-01", "individual", 351_000, 360_000, "commune_chairman"],
    ["giay_khen", "2025-09-01", "individual", 702_000, 710_000, "commune_chairman"],
    ["chien_si_thi_dua_co_so", "2026-07-01", "individual", 2_530_000, 2_530_000],
    ["lao_dong_tien_tien", "2026-08-01", "individual", 759_000, 760_000],
    ["bang_khen_chu_tich_ubnd_tinh", "2026-08-01", "individual", 3_795_000, 3_800_000],
    ["bang_khen_chu_tich_ubnd_tinh", "2026-08-01", "collective", 7_590_000, 7_590_000],
  ];
  it.each(cases)("%s on %s for %s = %i (rounded %i)", (title, date, recipient, raw, rounded, variant) => {
    const line = one(title, date, recipient, variant);
    expect(line.raw).toBe(raw);
    expect(line.rounded).toBe(rounded);
  });
});

describe("salary history and regime boundaries", () => {
  it("takes the base salary in force on the decision date", () => {
    expect(salaryAt(kb.salaryHistory, "2019-06-30")?.amount).toBe(1_390_000);
    expect(salaryAt(kb.salaryHistory, "2019-07-01")?.amount).toBe(1_490_000);
    expect(salaryAt(kb.salaryHistory, "2020-07-01")?.amount).toBe(1_490_000);
    expect(salaryAt(kb.salaryHistory, "2024-06-30")?.amount).toBe(1_800_000);
    expect(salaryAt(kb.salaryHistory, "2024-07-01")?.amount).toBe(2_340_000);
    expect(salaryAt(kb.salaryHistory, "2026-06-30")?.amount).toBe(2_340_000);
    expect(salaryAt(kb.salaryHistory, "2030-01-01")?.amount).toBe(2_530_000);
    expect(salaryAt(kb.salaryHistory, "2017-01-01")).toBeNull();
  });

  it("splits a year where the base salary changes (CSTĐCS 2024: 1.800.000 then 2.340.000)", () => {
    const r = computeBonus(kb, { titleId: "chien_si_thi_dua_co_so", from: "2024-01-01", to: "2024-12-31" });
    expect(r.lines.map((l) => [l.from, l.to, l.raw])).toEqual([
      ["2024-01-01", "2024-06-30", 1_800_000],
      ["2024-07-01", "2024-12-31", 2_340_000],
    ]);
  });

  it("joins the NĐ 98 and NĐ 152 halves of 2025 when the amount is the same, and splits them when it is not", () => {
    const same = computeBonus(kb, { titleId: "chien_si_thi_dua_toan_quoc", from: "2025-01-01", to: "2025-12-31" });
    expect(same.lines).toHaveLength(1);
    expect(same.lines[0]?.coefficientCite).toMatch(/98\/2023.*152\/2025/);
    const commune = computeBonus(kb, { titleId: "giay_khen", from: "2025-01-01", to: "2025-12-31", recipients: ["individual"], variant: "commune_chairman" });
    expect(commune.lines.map((l) => l.raw)).toEqual([351_000, 702_000]);
  });

  it("gives no amount where the sources give no coefficient (Bằng khen tỉnh under NĐ 98/2023)", () => {
    const line = one("bang_khen_chu_tich_ubnd_tinh", "2024-09-01");
    expect(line.coefficient).toBeNull();
    expect(line.raw).toBeNull();
    expect(line.coefficientUnverified).toBe(true);
  });

  it("flags coefficients law.md marks unverified (Giấy khen under NĐ 98/2023)", () => {
    const line = one("giay_khen", "2024-09-01", "individual", "default");
    expect(line.raw).toBe(702_000);
    expect(line.coefficientUnverified).toBe(true);
  });

  it("pays households only from 01/7/2025 and drops decisions before NĐ 91/2017", () => {
    expect(computeBonus(kb, { titleId: "bang_khen_chu_tich_ubnd_tinh", from: "2024-09-01", to: "2024-09-01", recipients: ["household"] }).lines).toEqual([]);
    const early = computeBonus(kb, { titleId: "lao_dong_tien_tien", from: "2017-01-01", to: "2017-12-31" });
    expect(early.clipped).toBe(true);
    expect(early.lines.map((l) => [l.from, l.raw])).toEqual([["2017-10-01", 390_000]]);
  });

  it("uses a base salary stated by the officer with the regime's coefficient", () => {
    const r = computeBonus(kb, { titleId: "lao_dong_tien_tien", from: "2024-01-01", to: "2025-06-30", baseSalary: 2_340_000, regime: "2022" });
    expect(r.salarySource).toBe("question");
    expect(r.lines.map((l) => [l.coefficient, l.raw, l.rounded])).toEqual([[0.3, 702_000, 710_000]]);
  });
});

describe("properties over the whole salary history", () => {
  const day = fc.integer({ min: Date.UTC(2017, 9, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

  it("a collective's Bằng khen / Giấy khen is exactly double the individual's, whenever both are known", () => {
    fc.assert(
      fc.property(day, fc.constantFrom("bang_khen_chu_tich_ubnd_tinh", "bang_khen_thu_tuong", "giay_khen"), (date, title) => {
        const variant = title === "giay_khen" ? "default" : undefined;
        const lines = computeBonus(kb, { titleId: title, from: date, to: date, variant }).lines;
        const ind = lines.find((l) => l.recipient === "individual");
        const col = lines.find((l) => l.recipient === "collective");
        if (ind?.raw != null && col?.raw != null) expect(col.raw).toBe(2 * ind.raw);
      }),
    );
  });

  it("every amount is coefficient × the salary in force, and the rounded figure is the next multiple of 10.000", () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...new Set(kb.bonusRules.map((r) => r.titleId))), (date, title) => {
        for (const l of computeBonus(kb, { titleId: title, from: date, to: date }).lines) {
          expect(l.baseSalary).toBe(salaryAt(kb.salaryHistory, date)?.amount);
          if (l.raw === null || l.coefficient === null) continue;
          expect(l.raw).toBe(Math.round(l.coefficient * l.baseSalary));
          expect(l.rounded! % 10_000).toBe(0);
          expect(l.rounded! - l.raw).toBeGreaterThanOrEqual(0);
          expect(l.rounded! - l.raw).toBeLessThan(10_000);
        }
      }),
    );
  });
});
