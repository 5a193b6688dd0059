import { describe, expect, it } from "vitest";
import { brief, read } from "./parse-helpers";

const budget = (phrase: string): { period: string | null; basis: string | null; source: string | null } => {
  const r = read(`Thu ngân sách ${phrase} đạt 3.200 tỷ đồng`);
  return { period: r.period, basis: r.basis, source: r.periodSource };
};

describe("periods written in messages (sent 2021-04-05, Asia/Ho_Chi_Minh)", () => {
  it.each([
    ["tháng 3", "2021-M03", "period"],
    ["thang 12", "2021-M12", "period"],
    ["T3/2021", "2021-M03", "period"],
    ["quý 1", "2021-Q1", "period"],
    ["quý I", "2021-Q1", "period"],
    ["quí 1", "2021-Q1", "period"],
    ["Q1", "2021-Q1", "period"],
    ["quý I/2021", "2021-Q1", "period"],
    ["quy II", "2021-Q2", "period"],
    ["quý 4 năm 2021", "2021-Q4", "period"],
    ["6 tháng", "2021-H1", "period"],
    ["6 tháng đầu năm", "2021-H1", "period"],
    ["6T", "2021-H1", "period"],
    ["6 tháng cuối năm", "2021-H2", "period"],
    ["9 tháng", "2021-9M", "period"],
    ["9T", "2021-9M", "period"],
    ["cả năm", "2021-Y", "period"],
    ["năm 2021", "2021-Y", "period"],
    ["năm 2020", "2020-Y", "period"],
    ["3 tháng đầu năm", "2021-Q1", "period"],
    ["T1-T3", "2021-Q1", "period"],
    ["2 tháng đầu năm", "2021-M02", "cumulative"],
    ["lũy kế đến hết tháng 3", "2021-M03", "cumulative"],
    ["luy ke den het thang 4", "2021-M04", "cumulative"],
    ["đến hết quý 3", "2021-Q3", "cumulative"],
    ["lũy kế đến hết quý I", "2021-Q1", "cumulative"],
    ["tính đến 31/3", "2021-M03", "cumulative"],
    ["đến 31/3/2021", "2021-M03", "cumulative"],
    ["lũy kế 5 tháng", "2021-M05", "cumulative"],
  ])("%s → %s (%s)", (phrase, period, basis) => {
    expect(budget(phrase)).toMatchObject({ period, basis, source: "explicit" });
  });

  it("computes relative periods from now in the campaign's zone", () => {
    expect(budget("quý này")).toEqual({ period: "2021-Q1", basis: "period", source: "relative" });
    expect(budget("quý vừa rồi")).toMatchObject({ period: "2021-Q1", source: "relative" });
    expect(budget("quý trước")).toMatchObject({ period: "2021-Q1", source: "relative" });
    expect(budget("tháng trước")).toMatchObject({ period: "2021-M03", source: "relative" });
    expect(budget("năm nay")).toMatchObject({ period: "2021-Y", source: "relative" });
    expect(budget("từ đầu năm đến nay")).toMatchObject({ period: "2021-M03", basis: "cumulative" });
    // Later in a quarter "quý này" is the quarter under way.
    expect(read("Thu ngân sách quý này đạt 3.200 tỷ", "2021-05-20T09:00:00+07:00").period).toBe("2021-Q2");
    // The local day decides: 23:30 UTC on 30 June is already 1 July in Vietnam.
    expect(read("Thu ngân sách quý trước đạt 6.000 tỷ", "2021-06-30T23:30:00Z").period).toBe("2021-Q2");
  });

  it("defaults from the indicator's frequency when no period is named", () => {
    expect(read("Tôm nuôi thu hoạch được 21.500 tấn nha")).toMatchObject({ period: "2021-Q1", periodSource: "default", basis: "period" });
    expect(read("Tỷ lệ hộ sử dụng điện lưới quốc gia đạt 99,52%")).toMatchObject({ period: "2021-Y", periodSource: "default" });
    // Default periods stay inside the campaign year.
    expect(read("Tôm nuôi thu hoạch được 21.500 tấn", "2021-01-10T09:00:00+07:00").period).toBe("2021-Q1");
    expect(read("Tôm nuôi thu hoạch được 21.500 tấn", "2022-01-10T09:00:00+07:00").period).toBe("2021-Q4");
  });

  it("takes the period named before the figure, not a comparison or a later plan", () => {
    expect(brief(read("Tổng mức bán lẻ quý 1/2021 tăng 11,6% so với cùng kỳ. Dự kiến quý 2 tiếp tục tăng."))).toMatchObject({ period: "2021-Q1", value: 11.6 });
    expect(read("Thu NS Q1 đạt 3.200 tỷ, tăng 12,5% so với cùng kỳ năm 2020").period).toBe("2021-Q1");
    expect(read("Quý 1 thu ngân sách được 3.200 tỷ, dự kiến quý 2 đạt 3.000 tỷ")).toMatchObject({ period: "2021-Q1", value: 3200 });
  });

  it("does not read dates, ages or document numbers as figures", () => {
    expect(read("Ngày 05/4/2021, em báo cáo thu ngân sách quý 1 đạt 3.200 tỷ").value).toBe(3200);
    expect(read("Huy động học sinh 6-14 tuổi đến trường đạt 97,5%").value).toBe(97.5);
    expect(read("SĐT 0912345678, thu ngân sách quý 1 đạt 3.200 tỷ").value).toBe(3200);
  });
});
