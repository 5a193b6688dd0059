import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCriteriaCallback, type CriteriaContext } from "../../../src/domain/criteria/criteria-service.js";
import { kit } from "./criteria-test-kit.js";

const { kb, service } = kit();
const ctx: CriteriaContext = { campaignYear: 2021, now: new Date("2026-03-01T03:00:00Z"), locale: "vi" };

describe("button presses", () => {
  it("parses crit:<id>[:<action>[:<period>]] and rejects anything else", () => {
    expect(parseCriteriaCallback("crit:giay_khen")).toEqual({ id: "giay_khen", aspect: "criteria", period: undefined });
    expect(parseCriteriaCallback("crit:giay_khen:bonus:y2024")).toEqual({ id: "giay_khen", aspect: "bonus", period: "y2024" });
    expect(parseCriteriaCallback("crit:giay_khen:explode")).toBeNull();
    expect(parseCriteriaCallback("menu:giay_khen")).toBeNull();
  });

  it("answers every follow-up the answers offer, keeping the asked period", () => {
    const bonus = service.answerCallback("crit:chien_si_thi_dua_co_so:bonus:y2024", ctx);
    expect(bonus.kind).toBe("bonus");
    expect(bonus.bonus?.lines.map((l) => l.raw)).toEqual([1_800_000, 2_340_000]);
    expect(service.answerCallback("crit:chien_si_thi_dua_co_so:dossier", ctx)).toMatchObject({ entryId: "ho_so_de_nghi_khen_thuong", subjectId: "chien_si_thi_dua_co_so" });
    expect(service.answerCallback("crit:co_thi_dua_chinh_phu:deadline:n", ctx)).toMatchObject({ entryId: "thoi_han_ho_so", regime: "2025", regimeSource: "now" });
    expect(service.answerCallback("crit:lao_dong_tien_tien:criteria:r2022", ctx)).toMatchObject({ regime: "2022", regimeSource: "document" });
    expect(service.answerCallback("crit:khong_co", ctx).kind).toBe("not_found");
  });

  it("every action offered by any answer leads to an answer, never to not_found", () => {
    for (const entry of kb.entries) {
      for (const action of service.answerCallback(`crit:${entry.id}`, ctx).actions) {
        const data = `crit:${action.id}:${action.type === "related" ? "criteria" : action.type}`;
        expect(service.answerCallback(data, ctx).kind, data).not.toBe("not_found");
      }
    }
  });
});

describe("robustness", () => {
  it("never throws and never answers from a weak match, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (q) => {
        const a = service.answer(q, ctx);
        if (a.kind !== "not_found") expect(a.confidence).toBeGreaterThanOrEqual(0.5);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same answer for the same question (pure, time passed in)", () => {
    const q = "tiền thưởng Bằng khen tỉnh cho tập thể hiện nay";
    expect(service.answer(q, ctx)).toEqual(service.answer(q, ctx));
    expect(service.answer(q, ctx).bonus?.lines[0]?.raw).toBe(7_020_000);
    expect(service.answer(q, { ...ctx, now: new Date("2026-08-01T03:00:00Z") }).bonus?.lines[0]?.raw).toBe(7_590_000);
  });

  it("reports the knowledge-base version it answered from", () => {
    expect(service.answer("LĐTT", ctx).kbVersion).toBe(kb.version);
  });
});
