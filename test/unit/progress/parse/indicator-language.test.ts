import { describe, expect, it } from "vitest";
import { inferSense, resolveIndicatorProfile } from "../../../../src/domain/progress/parse/indicator-profile";
import { brief, read } from "./parse-helpers";
import { loadIndicators, loadIndicatorsWithoutHints } from "./reference-indicators";

describe("indicator-specific language, driven by the indicator's data", () => {
  it("reduction: 'giảm' is the figure, a remaining level is asked back", () => {
    expect(read("Tỷ lệ hộ nghèo đa chiều giảm 0,35%").value).toBe(0.35);
    expect(read("Giảm nghèo năm 2021 đạt 1,02%").value).toBe(1.02);
    expect(read("Tỷ lệ hộ nghèo giảm từ 3,5% xuống còn 2,4%").value).toBe(1.1);
    expect(read("Hộ nghèo tăng 0,3%").value).toBe(-0.3);
    expect(read("Tỷ lệ hộ nghèo đa chiều cuối năm còn 2,1%").ambiguity?.reason).toBe("level_not_change");
    expect(read("Tỷ lệ hộ nghèo đa chiều hiện nay là 2,3%").ambiguity?.reason).toBe("level_not_change");
    expect(read("Tỷ lệ hộ nghèo năm 2021 là 2,4%, giảm 1,1% so với năm 2020").value).toBe(1.1);
  });

  it("growth: a % change, never an amount", () => {
    expect(read("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ quý 1 đạt 28.500 tỷ đồng, tăng 10,2% so với cùng kỳ").value).toBe(10.2);
    expect(read("TMBL quý 1 đạt 28.500 tỷ đồng").ambiguity?.reason).toBe("wrong_dimension");
    expect(read("GRDP quý 1 đạt 25.000 tỷ đồng").ambiguity?.reason).toBe("wrong_dimension");
  });

  it("levels and shares: a change alone is asked back", () => {
    expect(read("Số vụ TNGT quý 1 giảm 3 vụ so cùng kỳ").ambiguity?.reason).toBe("change_not_level");
    expect(read("Tỷ lệ tham gia BHYT tăng 2% so với cùng kỳ").ambiguity?.reason).toBe("change_not_level");
    expect(read("Tỷ trọng khu vực nông lâm thủy sản tăng 0,5 điểm %").ambiguity?.reason).toBe("change_not_level");
    expect(read("Vốn đầu tư phát triển toàn xã hội quý 1 tăng 12%").ambiguity?.reason).toBe("change_not_level");
    expect(read("Thu ngân sách quý 1 đạt 3.200 tỷ, tăng 12% so cùng kỳ").value).toBe(3200);
    expect(read("Tỷ trọng khu vực dịch vụ trong cơ cấu kinh tế quý 1 chiếm 43,1%").value).toBe(43.1);
  });

  it("yes/no indicators", () => {
    expect(brief(read("Tình hình ANCT, TTATXH trên địa bàn quý 1 ổn định, giữ vững"))).toMatchObject({ indicator: "security_order", value: 1 });
    expect(read("Tình hình ANTT tháng 3 diễn biến phức tạp").value).toBe(0);
    expect(read("An ninh trật tự không xảy ra vụ việc phức tạp").value).toBe(1);
    expect(read("An ninh trật tự quý 1 không ổn định").value).toBe(0);
    expect(read("VSMT tại cơ quan đảm bảo").value).toBe(1);
    expect(read("VSMT không đạt").value).toBe(0);
    // The indicator's own name ("Đảm bảo vệ sinh…") is not a verdict.
    expect(read("Báo cáo đảm bảo vệ sinh môi trường quý 1").ambiguity?.reason).toBe("missing_value");
  });

  it("rates cannot exceed their maximum; amounts cannot be negative", () => {
    expect(read("Tỷ lệ người dân tham gia BHYT quý 1 đạt 190%").ambiguity?.reason).toBe("implausible_value");
    expect(read("Thu ngân sách quý 1 đạt -500 tỷ").ambiguity?.reason).toBe("implausible_value");
    expect(read("Công tác tuyển quân giao 1.350 thanh niên nhập ngũ").ambiguity?.reason).toBe("wrong_dimension");
  });
});

describe("indicator profiles", () => {
  it("infers from measure, valueKind and name what the plan pack declares", () => {
    const declared = loadIndicators();
    const bare = loadIndicatorsWithoutHints();
    bare.forEach((def, i) => {
      const want = declared[i];
      expect(inferSense(def), def.code).toBe(want?.sense);
      expect(resolveIndicatorProfile(def).maxValue, def.code).toBe(want?.maxValue ?? null);
    });
  });

  it("derives dimensions and accumulation", () => {
    const byCode = new Map(loadIndicators().map((d) => [d.code, resolveIndicatorProfile(d)]));
    expect(byCode.get("budget_revenue")).toMatchObject({ accumulates: true, measure: { dimension: "money", factor: 1e9 } });
    expect(byCode.get("income_per_capita")?.accumulates).toBe(false);
    expect(byCode.get("grdp_growth")).toMatchObject({ sense: "growth", maxValue: null, allowsNegative: true });
    expect(byCode.get("security_order")?.isBoolean).toBe(true);
  });

  it("reads the dev set the same without the optional hints", async () => {
    const { parseMessage } = await import("../../../../src/domain/progress/parse/parse-message");
    const { devContext } = await import("./parse-helpers");
    const ctx = { ...devContext, indicators: loadIndicatorsWithoutHints() };
    for (const text of ["GRDP quy 1 giam 1,2% so cung ky", "Tỷ lệ hộ nghèo đa chiều giảm 0,35%", "Tỷ lệ người dân tham gia BHYT quý 1 đạt 190%"]) {
      expect(brief(parseMessage(text, ctx))).toEqual(brief(read(text)));
    }
  });
});
