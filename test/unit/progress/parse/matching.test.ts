import { describe, expect, it } from "vitest";
import type { IndicatorDef } from "../../../../src/domain/campaigns/campaign";
import { parseMessage } from "../../../../src/domain/progress/parse/parse-message";
import { withinOneEdit } from "../../../../src/domain/progress/parse/match-pairs";
import { devContext, read } from "./parse-helpers";

const code = (text: string): string | null => read(text).indicator?.code ?? null;

describe("indicator names, aliases and abbreviations", () => {
  it.each([
    ["Thu ngân sách quý 1 đạt 3.200 tỷ", "budget_revenue"],
    ["thu ngan sach quy 1 dat 3.200 ty", "budget_revenue"],
    ["THU NGÂN SÁCH QUÝ 1 ĐẠT 3.200 TỶ ĐỒNG", "budget_revenue"],
    ["Thu NS Q1: 3.215,6 tỷ", "budget_revenue"],
    ["Tong thu NSNN Q1 dat 3150 ty dong", "budget_revenue"],
    ["Tổng vốn ĐTPT toàn XH 6T ước 20 nghìn tỷ", "social_investment"],
    ["SL lúa quý I: 1.200.000 tấn", "rice_output"],
    ["TMBL HH & DTDV thang truoc tang 13,5% so cung ky", "retail_sales_growth"],
    ["GTSX CN quý 1 tăng 8,3% so cùng kỳ", "industrial_output_growth"],
    ["TTKT 9 thang uoc dat 5,9%", "grdp_growth"],
    ["Tỉ lệ lđ qua đào tạo 68,9%", "trained_labour_rate"],
    ["Huấn luyện DQTV 6 tháng đạt 55%", "military_training"],
    ["Tỷ trọng CN-XD quý 1 đạt 21,5%", "structure_industry_share"],
    ["Cơ cấu kinh tế quý 1: khu vực II chiếm 22%", "structure_industry_share"],
  ])("%s → %s", (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it("tolerates typos and i/y spellings", () => {
    expect(code("nuớc sạch đô thị quí 1 đạt 87,9%")).toBe("clean_water_urban");
    expect(code("Thu ngân sáchh quý 1 đạt 3.200 tỷ")).toBe("budget_revenue");
    expect(code("Thu ngaan sach quy 1 dat 3200 ty")).toBe("budget_revenue");
    expect(code("Tỉ lệ đô thị hoá năm 2021 ước 32%")).toBe("urbanization_rate");
    expect(withinOneEdit("sachh", "sach")).toBe(true);
    expect(withinOneEdit("bhty", "bhyt")).toBe(true);
    expect(withinOneEdit("thanh", "thon")).toBe(false);
  });

  it("prefers the more specific indicator when one name contains another", () => {
    expect(code("Tỷ lệ LĐ qua đào tạo nghề có bằng cấp, chứng chỉ năm 2021 ước 50,8%")).toBe("certified_labour_rate");
    expect(code("LĐ qua ĐT có chứng chỉ đạt 50,1%")).toBe("certified_labour_rate");
    expect(code("Tỷ lệ lao động qua đào tạo năm 2021 đạt 68,5%")).toBe("trained_labour_rate");
    expect(code("Số người bị thương do tai nạn giao thông tháng 3 là 7 người")).toBe("traffic_accident_injuries");
    expect(code("Quý 1 có thêm 2 xã được công nhận đạt chuẩn nông thôn mới")).toBe("ntm_communes");
    expect(code("Có thêm 2 huyện đạt chuẩn nông thôn mới")).toBe("ntm_districts");
    expect(code("Tỷ lệ dân cư thành thị dùng nước sạch đạt 88,3%")).toBe("clean_water_urban");
    expect(code("Tỷ trọng ngành dịch vụ trong GRDP quý 1 chiếm 42,8%")).toBe("structure_services_share");
  });

  it("accepts short names in label order", () => {
    expect(read("NTM huyện: 1")).toMatchObject({ indicator: { code: "ntm_districts" }, value: 1 });
  });

  it("gives a confidence and ranked candidates", () => {
    const r = read("Thu ngân sách quý 1 đạt 3.200 tỷ");
    expect(r.indicator?.confidence).toBeGreaterThan(0.7);
    expect(r.candidates[0]?.code).toBe("budget_revenue");
    for (const c of r.candidates) expect(c.score).toBeGreaterThanOrEqual(0), expect(c.score).toBeLessThanOrEqual(1);
  });
});

describe("never guessing silently between indicators", () => {
  it("asks which one when words are shared", () => {
    const water = read("Nước sạch năm 2021 đạt 75%");
    expect(water.indicator).toBeNull();
    expect(water.ambiguity).toEqual({ reason: "unclear_indicator", choices: ["clean_water_urban", "clean_water_rural"] });
    const tngt = read("TNGT quý 1 giảm so với cùng kỳ");
    expect(tngt.ambiguity?.reason).toBe("unclear_indicator");
    expect(tngt.ambiguity?.choices).toEqual(expect.arrayContaining(["traffic_accident_cases", "traffic_accident_deaths", "traffic_accident_injuries"]));
  });

  it("settles a shared name by the unit of the figure", () => {
    expect(code("Tai nạn giao thông quý 1 xảy ra 20 vụ")).toBe("traffic_accident_cases");
    expect(read("TNGT quý 1 giảm 3 vụ so với cùng kỳ")).toMatchObject({ indicator: { code: "traffic_accident_cases" }, ambiguity: { reason: "change_not_level" } });
  });

  it("asks when two indicators each carry a figure", () => {
    const two = read("Sản lượng thủy sản quý 1 đạt 185.300 tấn, trong đó tôm nuôi 21.500 tấn");
    expect(two.ambiguity).toEqual({ reason: "several_indicators", choices: ["seafood_output", "farmed_shrimp_output"] });
    expect(two.value).toBeNull();
    expect(read("TNGT quý 1: 25 vụ, chết 12 người, bị thương 18 người").ambiguity?.reason).toBe("several_indicators");
    expect(read("Năm 2021 có thêm 1 huyện và 5 xã đạt chuẩn NTM").ambiguity?.reason).toBe("several_indicators");
    expect(read("1. Thu ngân sách: 3.200 tỷ\n2. Vốn ĐTPT: 9.800 tỷ").ambiguity?.choices).toEqual(["budget_revenue", "social_investment"]);
    expect(read("Nước sạch đô thị 88%, nông thôn 63%").ambiguity).toEqual({ reason: "several_indicators", choices: ["clean_water_urban", "clean_water_rural"] });
    // A name without a figure of its own is context, not a second report.
    expect(read("Thu ngân sách quý 1 đạt 3.200 tỷ, chủ yếu từ thuế sản phẩm")).toMatchObject({ indicator: { code: "budget_revenue" }, value: 3200 });
  });

  it("treats a part of a total as not the total", () => {
    expect(read("Sản lượng khai thác thủy sản quý 1 đạt 120.000 tấn").ambiguity).toEqual({ reason: "unclear_indicator", choices: ["seafood_output"] });
    expect(read("Sản lượng thủy sản quý 1 đạt 185.300 tấn, trong đó khai thác 120.000 tấn").value).toBe(185300);
  });

  it("reports a figure without a recognisable indicator as unknown", () => {
    expect(read("Kim ngạch xuất khẩu quý 1 đạt 180 triệu USD").ambiguity?.reason).toBe("unknown_indicator");
    expect(read("Báo cáo số liệu quý 1").ambiguity?.reason).toBe("unknown_indicator");
  });

  it("works from the data alone: a renamed indicator with its own aliases", () => {
    const custom: IndicatorDef[] = [
      { code: "forest_cover", name: "Tỷ lệ che phủ rừng", aliases: ["che phủ rừng", "độ che phủ"], group: "x", measure: "%", target: 12, comparator: ">=", frequency: "annual", aggregation: "average", valueKind: "percent" },
      { code: "exports", name: "Kim ngạch xuất khẩu", aliases: ["xuất khẩu", "KNXK"], group: "x", measure: "triệu USD", target: 700, comparator: ">=", frequency: "quarterly", aggregation: "sum", valueKind: "number" },
    ];
    const ctx = { ...devContext, indicators: custom };
    expect(parseMessage("Tỷ lệ che phủ rừng đạt 12,3%", ctx)).toMatchObject({ indicator: { code: "forest_cover" }, value: 12.3, period: "2021-Y" });
    expect(parseMessage("KNXK quý 1 đạt 180 triệu USD", ctx)).toMatchObject({ indicator: { code: "exports" }, value: 180, period: "2021-Q1" });
  });
});
