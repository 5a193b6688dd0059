import { describe, expect, it } from "vitest";
import { actionData, criteriaChoices, formatCoefficient, formatVnd, renderCriteriaAnswer, renderEligibility } from "../../../src/conversation/flows/criteria-render.js";
import { checkEligibility } from "../../../src/domain/criteria/eligibility.js";
import type { CriteriaContext } from "../../../src/domain/criteria/criteria-service.js";
import { EXTRA_SET_PATH, catalogTranslate, devSetPath, kit, readCases } from "./criteria-test-kit.js";

const { kb, service } = kit();
const vi = catalogTranslate("vi");
const en = catalogTranslate("en");
const ctx: CriteriaContext = { campaignYear: 2021, now: new Date("2026-03-01T03:00:00Z"), locale: "vi" };

describe("number formatting", () => {
  it("writes đồng Vietnamese-style and coefficients with a decimal comma", () => {
    expect(formatVnd(1_490_000, "vi")).toBe("1.490.000");
    expect(formatVnd(10_530_000, "en")).toBe("10,530,000");
    expect(formatVnd(702_000, "vi")).toBe("702.000");
    expect(formatCoefficient(1, "vi")).toBe("1,0");
    expect(formatCoefficient(0.15, "vi")).toBe("0,15");
    expect(formatCoefficient(4.5, "en")).toBe("4.5");
  });
});

describe("renderCriteriaAnswer", () => {
  it("renders a title, regime line, bullets and the source line", () => {
    const msg = renderCriteriaAnswer(service.answer("Tập thể lao động tiên tiến năm 2021", ctx), vi, { supportsButtons: true });
    const lines = msg.text.split("\n");
    expect(lines[0]).toBe("**Tập thể lao động tiên tiến (TTLĐTT)**");
    expect(lines[1]).toMatch(/^Áp dụng: Luật TĐKT 2003/);
    expect(msg.text).toMatch(/• Có trên 50% cá nhân/);
    expect(msg.text).toMatch(/\nNguồn: Luật TĐKT 2003 Điều 28/);
  });

  it("marks unverified facts as such", () => {
    const msg = renderCriteriaAnswer(service.answer("Thôn văn hóa năm 2024", ctx), vi, { supportsButtons: true });
    expect(msg.text).toMatch(/Tiêu chí chi tiết của Nghị định 86\/2023 .*\(chưa xác minh\)/);
  });

  it("shows a bonus as coefficient × base salary = amount, with the rounded-up figure and the rounding rule", () => {
    const msg = renderCriteriaAnswer(service.answer("Mức thưởng LĐTT năm 2021", ctx), vi, { supportsButtons: true });
    expect(msg.text).toContain("• Cá nhân: 0,3 lần × 1.490.000 = 447.000 đồng (làm tròn lên: 450.000 đồng)");
    expect(msg.text).toMatch(/làm tròn lên hàng chục nghìn đồng/);
    expect(msg.text).toMatch(/Nghị định 91\/2017\/NĐ-CP Điều 69/);
  });

  it("renders English answers in English with VND", () => {
    const msg = renderCriteriaAnswer(service.answer("bonus for a national emulation fighter in 2025", { ...ctx, locale: "en" }), en, { supportsButtons: true });
    expect(msg.text).toContain("Individual: 4.5 × 2,340,000 = 10,530,000 VND");
  });

  it("offers follow-ups as buttons whose callback data fits Telegram's 64 bytes", () => {
    const msg = renderCriteriaAnswer(service.answer("tiền thưởng CSTĐCS năm 2024", ctx), vi, { supportsButtons: true });
    const data = msg.buttons?.flat().map((b) => b.data) ?? [];
    expect(data).toContain("crit:chien_si_thi_dua_co_so:criteria:y2024");
    expect(data).toContain("crit:chien_si_thi_dua_co_so:dossier:y2024");
    for (const entry of kb.entries) {
      for (const type of ["criteria", "bonus", "dossier", "deadline", "related"] as const) {
        for (const period of [undefined, "y2024", "d2025-07-01", "n", "r2025"]) {
          expect(Buffer.byteLength(actionData({ type, id: entry.id, period }))).toBeLessThanOrEqual(64);
        }
      }
    }
  });

  it("turns follow-ups into numbered choices where the platform has no buttons", () => {
    const answer = service.answer("tiêu chuẩn CSTĐCS", ctx);
    const msg = renderCriteriaAnswer(answer, vi, { supportsButtons: false });
    expect(msg.buttons).toBeUndefined();
    const choices = criteriaChoices(answer, vi);
    expect(msg.text).toContain(`Trả lời số để xem tiếp:\n1. ${choices[0]?.label}\n2. ${choices[1]?.label}`);
  });

  it("keeps every answer within the channel limit, shortening with a marker when needed", () => {
    const cases = [...readCases(devSetPath()), ...readCases(EXTRA_SET_PATH)];
    for (const c of cases) {
      const msg = renderCriteriaAnswer(service.answer(c.q, ctx), vi, { supportsButtons: true });
      expect(msg.text.length, c.q).toBeLessThanOrEqual(1900);
    }
    const small = renderCriteriaAnswer(service.answer("Bằng khen Chủ tịch UBND tỉnh tiêu chuẩn", ctx), vi, { supportsButtons: true, maxLength: 600 });
    expect(small.text.length).toBeLessThanOrEqual(600);
    expect(small.text).toMatch(/rút gọn/);
  });

  it("says it does not know, and where to ask, when nothing is found", () => {
    const msg = renderCriteriaAnswer(service.answer("Danh sách đơn vị được tặng Cờ thi đua năm 2021", ctx), vi, { supportsButtons: true });
    expect(msg.text).toMatch(/không có dữ liệu trong nguồn/i);
    expect(msg.text).toContain("liên hệ Sở Nội vụ / Ban Thi đua - Khen thưởng");
  });
});

describe("renderEligibility", () => {
  it("has a catalog message for every condition and verdict it can report", () => {
    const facts = { recipient: "individual" as const, taskRating: "good" as const, hasLdtt: true, initiatives: 1, initiativeScope: "unit" as const, consecutiveCstdcs: 1, consecutiveCstdTinh: 1, consecutiveExcellentYears: 1, consecutiveGoodYears: 1, cstdcsInPeriod: 1, hasProvincialBangKhen: false, members: { total: 10, ldtt: 6, cstdcs: 0, allCompletedTasks: false, warnedOrWorse: 1 }, targetsMetShare: 0.9, clusterRank: 2, registeredTitles: [], reportsOnTime: false, pendingCase: true };
    for (const entry of kb.entries) {
      for (const regime of ["2003", "2022", "2025"] as const) {
        for (const f of [facts, {}, { ...facts, recipient: "collective" as const }]) {
          for (const language of [vi, en]) expect(renderEligibility(checkEligibility(entry.id, f, regime), language)).not.toMatch(/criteria\.[a-z]|\{\w+\}/);
        }
      }
    }
  });

  it("lists met, missing and unknown conditions with the required share", () => {
    const r = checkEligibility("tap_the_lao_dong_tien_tien", { members: { total: 10, ldtt: 5, warnedOrWorse: 0 } }, "2003");
    const text = renderEligibility(r, vi);
    expect(text.split("\n")).toEqual([
      "Kiểm tra sơ bộ: chưa đủ điều kiện (xem các mục ✗).",
      "? Xếp loại từ hoàn thành tốt nhiệm vụ trở lên",
      "✗ Tỷ lệ cá nhân đạt Lao động tiên tiến: 50% (cần trên 50%)",
      "✓ Không có cá nhân bị kỷ luật từ cảnh cáo trở lên",
    ]);
  });
});
