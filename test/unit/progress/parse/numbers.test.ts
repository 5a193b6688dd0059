import { describe, expect, it } from "vitest";
import { parseNumberLiteral } from "../../../../src/domain/progress/parse/read-numbers";
import { parseMeasure } from "../../../../src/domain/progress/parse/units";
import { read } from "./parse-helpers";

describe("parseNumberLiteral", () => {
  it.each([
    ["3.200", 3200],
    ["6,01", 6.01],
    ["3.200,5", 3200.5],
    ["2.100.000", 2100000],
    ["5.8", 5.8],
    ["99.52", 99.52],
    ["0.760", 0.76],
    ["3200", 3200],
    ["3,200.5", 3200.5],
    ["2,100,000", 2100000],
    ["4,295", 4.295],
  ])("%s → %d", (raw, value) => {
    expect(parseNumberLiteral(raw)).toBe(value);
  });

  it("refuses separators that contradict each other", () => {
    expect(parseNumberLiteral("1.2.3")).toBeNull();
    expect(parseNumberLiteral("3,200.5,1")).toBeNull();
    expect(parseNumberLiteral("abc")).toBeNull();
  });
});

describe("parseMeasure", () => {
  it("reads the plan's measures", () => {
    expect(parseMeasure("tỷ đồng")).toEqual({ dimension: "money", factor: 1e9, noun: null });
    expect(parseMeasure("triệu đồng/người/năm")).toEqual({ dimension: "money", factor: 1e6, noun: null });
    expect(parseMeasure("triệu tấn")).toEqual({ dimension: "mass", factor: 1e6, noun: null });
    expect(parseMeasure("tấn")).toEqual({ dimension: "mass", factor: 1, noun: null });
    expect(parseMeasure("%")).toEqual({ dimension: "percent", factor: 1, noun: null });
    expect(parseMeasure("lượt người")).toEqual({ dimension: "count", factor: 1, noun: "luot nguoi" });
    expect(parseMeasure("đạt/không đạt").dimension).toBe("boolean");
  });
});

describe("figures converted into the indicator's measure", () => {
  it.each([
    ["Thu ngân sách quý 1 đạt 3.200.000 triệu đồng", 3200],
    ["Thu ngân sách quý 1 đạt 3,2 nghìn tỷ đồng", 3200],
    ["Thu ngân sách quý 1 đạt 3.200.000.000.000 đồng", 3200],
    ["thu ngan sach quy 1 dat 3.215,6 ty", 3215.6],
    ["Thu ngân sách quý 1 được 3 nghìn 2 trăm tỷ", 3200],
    ["Thu ngân sách quý 1 đạt 3 200 tỷ", 3200],
    ["Thu ngân sách quý 1 đạt 5 trăm tỷ", 500],
    ["Sản lượng lúa quý 1 đạt 2.100.000 tấn", 2.1],
    ["Sản lượng lúa 6 tháng đạt 2tr1 tấn", 2.1],
    ["Sản lượng lúa quý 1 đạt 1.850,5 nghìn tấn", 1.8505],
    ["Sản lượng lúa quý 1 đạt 1 triệu 850 nghìn tấn", 1.85],
    ["Sản lượng thủy sản 6 tháng đạt 392 ngàn tấn", 392000],
    ["Sản lượng thủy sản cả năm ước 0,76 triệu tấn", 760000],
    ["Thủy sản quý 1: 185 300 tấn", 185300],
    ["Thu nhập bình quân đầu người năm 2021 ước 58.950.000 đồng", 58.95],
    ["TNBQ đầu người 2021: 59,5 tr đồng", 59.5],
    ["GQVL quý 1: 8,5 nghìn lượt người", 8500],
    ["Tăng trưởng kinh tế quý I đạt 5.8%", 5.8],
    ["Quý 1 có thêm hai xã đạt chuẩn nông thôn mới", 2],
    ["TNGT tháng 3 làm chết một người", 1],
  ])("%s → %d", (text, value) => {
    const r = read(text);
    expect(r.ambiguity).toBeNull();
    expect(r.value).toBeCloseTo(value, 9);
  });

  it("keeps how the figure was written", () => {
    expect(read("Thu ngân sách quý 1 đạt 3.200.000 triệu đồng").valueSource).toEqual({ text: "3.200.000 triệu đồng", number: 3200000, unit: "đồng", scale: 1e6 });
    expect(read("Thu ngân sách quý 1 đạt 27% kế hoạch năm").valueSource).toMatchObject({ number: 27, unit: "%", ratioOfTarget: 0.27 });
  });

  it("reads negatives as written and 'giảm' as a fall for growth indicators", () => {
    expect(read("Tốc độ tăng trưởng GRDP 9 tháng: -0,85%").value).toBe(-0.85);
    expect(read("GRDP quy 1 giam 1,2% so cung ky").value).toBe(-1.2);
    expect(read("GRDP 6 tháng tăng trưởng âm 1,5%").value).toBe(-1.5);
    expect(read("Giá trị sản xuất công nghiệp quý 1 giảm 2,3% so với cùng kỳ").value).toBe(-2.3);
  });

  it("turns '% kế hoạch' into a share of the annual target", () => {
    expect(read("Thu ngân sách quý 1 đạt 27% kế hoạch năm").value).toBe(3121.2);
    expect(read("Huấn luyện quân sự quý 1 đạt 35% kế hoạch").value).toBe(35);
    expect(read("Tuyển quân đạt 1.350/1.350 chỉ tiêu").value).toBe(100);
    // A direct figure wins over the share of plan written next to it.
    expect(read("Tỷ lệ bao phủ BHYT quý I đạt 87,2%, bằng 96,9% kế hoạch").value).toBe(87.2);
  });

  it("asks instead of guessing a unit", () => {
    expect(read("Thu NS quý 1 đạt 3.200.000").ambiguity?.reason).toBe("missing_unit");
    expect(read("Sản lượng lúa quý 1 đạt 3.200 tỷ đồng").ambiguity?.reason).toBe("wrong_dimension");
    expect(read("Giá trị sản xuất công nghiệp quý 1 đạt 15.200 tỷ đồng").ambiguity?.reason).toBe("wrong_dimension");
    expect(read("Thu nhập BQ đầu người 2021 đạt 4.200 USD").ambiguity?.reason).toBe("wrong_dimension");
  });

  it("never yields a non-finite number from absurd literals", () => {
    for (const text of ["Thu ngân sách quý 1 đạt 1e309 tỷ", "Thu ngân sách quý 1 đạt NaN tỷ", `Thu ngân sách quý 1 đạt ${"9".repeat(40)} tỷ`, `Thu ngân sách đạt ${"9".repeat(400)}`]) {
      const r = read(text);
      expect(r.value).toBeNull();
      expect(r.ambiguity).not.toBeNull();
    }
  });
});
