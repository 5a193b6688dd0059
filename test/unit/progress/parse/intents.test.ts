import { describe, expect, it } from "vitest";
import { read } from "./parse-helpers";

const intent = (text: string): string => read(text).intent;

describe("intents", () => {
  it.each([
    ["help", "help"],
    ["/trogiup", "help"],
    ["trợ giúp", "help"],
    ["tro giup", "help"],
    ["giúp với", "help"],
    ["Hướng dẫn báo cáo số liệu", "help"],
    ["Cách báo cáo số liệu như thế nào?", "help"],
    ["Đăng ký thi đua như thế nào?", "help"],
    ["hủy", "cancel"],
    ["huy", "cancel"],
    ["/huy", "cancel"],
    ["thôi", "cancel"],
    ["Thôi, không báo cáo nữa", "cancel"],
    ["Hủy báo cáo vừa rồi", "cancel"],
    ["/dangky", "register"],
    ["dangky", "register"],
    ["đăng ký thi đua", "register"],
    ["dang ky thi dua", "register"],
    ["Em muốn đăng ký danh hiệu thi đua cho đơn vị", "register"],
    ["Tiêu chuẩn CSTĐCS năm 2021 gồm những gì vậy ạ?", "criteria"],
    ["tieu chuan chien si thi dua co so", "criteria"],
    ["Tiền thưởng Bằng khen của Chủ tịch UBND tỉnh là bao nhiêu?", "criteria"],
    ["Hồ sơ đề nghị Cờ thi đua gồm những gì", "criteria"],
    ["Mức thưởng Lao động tiên tiến theo Nghị định 98 với lương cơ sở 2.340.000 đồng?", "criteria"],
    ["Hạn đăng ký thi đua là khi nào?", "criteria"],
    ["/tieuchuan CSTĐCS", "criteria"],
    ["Thu ngân sách tới giờ đạt bao nhiêu % kế hoạch rồi bot?", "progress_query"],
    ["tiến độ đơn vị mình", "progress_query"],
    ["tien do don vi minh", "progress_query"],
    ["/tiendo", "progress_query"],
    ["Đơn vị mình đứng thứ mấy trong cụm?", "progress_query"],
    ["Chào bot 👋", "unknown"],
    ["Xin chào", "unknown"],
    ["ok", "unknown"],
    ["", "unknown"],
    ["Dạ em báo cáo thu ngân sách quý 1 ạ", "report"],
    ["Kính gửi Ban TĐKT, em xin báo cáo số liệu quý I/2021 của huyện:\n- Thu ngân sách: 412,5 tỷ đồng\nEm cảm ơn ạ 🙏", "report"],
  ])("%j → %s", (text, expected) => {
    expect(intent(text)).toBe(expected);
  });

  it("reads progress questions with their indicator but without a value", () => {
    expect(read("Thu ngân sách tới giờ đạt bao nhiêu % kế hoạch rồi bot?")).toMatchObject({
      intent: "progress_query",
      indicator: { code: "budget_revenue" },
      period: null,
      value: null,
      ambiguity: null,
    });
    expect(read("BHYT quý 1 đạt bao nhiêu rồi?")).toMatchObject({ indicator: { code: "health_insurance_coverage" }, period: "2021-Q1" });
  });

  it("reads corrections with the same fields and the stated reason", () => {
    expect(read("sửa số liệu quý 1 thu ngân sách thành 3.300 tỷ, lý do nhập nhầm đơn vị")).toMatchObject({
      intent: "correction",
      indicator: { code: "budget_revenue" },
      period: "2021-Q1",
      value: 3300,
      reason: "nhập nhầm đơn vị",
      ambiguity: null,
    });
    expect(read("Điều chỉnh thu NS quý 1 từ 3.200 tỷ thành 3.250 tỷ vì số liệu Kho bạc cập nhật")).toMatchObject({ intent: "correction", value: 3250, reason: "số liệu Kho bạc cập nhật" });
    expect(read("Báo cáo nhầm, BHYT quý 1 đúng là 88,1%")).toMatchObject({ intent: "correction", value: 88.1 });
  });

  it("ignores politeness, emoji and invisible characters", () => {
    const plain = read("Thu ngân sách quý 1 đạt 3.200 tỷ");
    for (const text of ["Dạ em báo cáo: thu ngân sách trên địa bàn quý 1 đạt 3.200 tỷ đồng ạ.", "✅ Thu NS Q1 = 3.200 tỷ 👍", "Thu\u200b ngân sách quý 1 đạt 3.200 tỷ", "Thu ngân sách quý 1 đạt 3.200 tỷ".normalize("NFD")]) {
      expect(read(text)).toMatchObject({ intent: "report", indicator: { code: "budget_revenue" }, period: plain.period, value: 3200 });
    }
  });
});
