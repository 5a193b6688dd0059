import { describe, expect, it } from "vitest";
import type { CriteriaContext } from "../../../src/domain/criteria/criteria-service.js";
import { kit } from "./criteria-test-kit.js";

const { service } = kit();
const ctx: CriteriaContext = { campaignYear: 2021, now: new Date("2026-03-01T03:00:00Z"), locale: "vi" };
const ask = (q: string, over: Partial<CriteriaContext> = {}) => service.answer(q, { ...ctx, ...over });

describe("finding the title, however it is asked", () => {
  it.each([
    ["CSTĐCS", "chien_si_thi_dua_co_so"],
    ["tiêu chuẩn CSTĐ cơ sở", "chien_si_thi_dua_co_so"],
    ["LĐTT", "lao_dong_tien_tien"],
    ["TTLĐXS cần gì", "tap_the_lao_dong_xuat_sac"],
    ["TTLĐTT", "tap_the_lao_dong_tien_tien"],
    ["CSTĐTQ", "chien_si_thi_dua_toan_quoc"],
    ["CSTĐ tỉnh cần mấy năm", "chien_si_thi_dua_cap_tinh"],
    ["BK tỉnh", "bang_khen_chu_tich_ubnd_tinh"],
    ["GK", "giay_khen"],
    ["CTĐ tỉnh", "co_thi_dua_cap_tinh"],
    ["GĐVH", "gia_dinh_van_hoa"],
  ])("abbreviation %s → %s", (q, id) => expect(ask(q).entryId).toBe(id));

  it.each([
    ["tieu chuan tap the lao dong xuat sac", "tap_the_lao_dong_xuat_sac"],
    ["bang khen chu tich ubnd tinh", "bang_khen_chu_tich_ubnd_tinh"],
    ["co thi dua chinh phu", "co_thi_dua_chinh_phu"],
    ["gia dinh van hoa", "gia_dinh_van_hoa"],
    ["TIÊU CHUẨN LAO ĐỘNG TIÊN TIẾN", "lao_dong_tien_tien"],
  ])("without diacritics or in capitals: %s", (q, id) => expect(ask(q).entryId).toBe(id));

  it.each([
    ["What are the criteria for an advanced worker?", "lao_dong_tien_tien"],
    ["grassroots emulation fighter", "chien_si_thi_dua_co_so"],
    ["excellent labour collective requirements", "tap_the_lao_dong_xuat_sac"],
    ["Government emulation flag", "co_thi_dua_chinh_phu"],
    ["provincial certificate of merit for individuals", "bang_khen_chu_tich_ubnd_tinh"],
    ["cultural family", "gia_dinh_van_hoa"],
  ])("in English: %s", (q, id) => expect(ask(q, { locale: "en" }).entryId).toBe(id));

  it.each([
    ["chien si thi dau co so", "chien_si_thi_dua_co_so"],
    ["lao dong tien tine", "lao_dong_tien_tien"],
    ["tap the lao dong xuat xac", "tap_the_lao_dong_xuat_sac"],
    ["tieeu chuaanr lao ddoongj tieen tieens", "lao_dong_tien_tien"],
    ["Chiến sỹ thi đua cơ sở", "chien_si_thi_dua_co_so"],
    ["grasroots emulation fighter", "chien_si_thi_dua_co_so"],
  ])("with typos or Telex left in: %s", (q, id) => expect(ask(q).entryId).toBe(id));

  it("answers two words and full questions alike, and keeps the longer title when one contains another", () => {
    expect(ask("đơn vị tiên tiến").entryId).toBe("tap_the_lao_dong_tien_tien");
    expect(ask("Tập thể lao động tiên tiến cần bao nhiêu phần trăm cá nhân đạt LĐTT?").entryId).toBe("tap_the_lao_dong_tien_tien");
    expect(ask("Ở Kiên Giang, đơn vị xếp hạng nhì trong cụm khối thi đua được khen gì?").entryId).toBe("cum_khoi_thi_dua");
  });
});

describe("what is asked: criteria, bonus, dossier, deadline", () => {
  it("answers a bonus question with the bonus of the title", () => {
    const a = ask("Chiến sĩ thi đua cơ sở được thưởng bao nhiêu?");
    expect(a.kind).toBe("bonus");
    expect(a.bonus?.lines[0]?.raw).toBe(1_490_000);
  });

  it("sends dossier and deadline questions to their topic, about the title named", () => {
    expect(ask("Hồ sơ đề nghị CSTĐCS gồm những gì?")).toMatchObject({ entryId: "ho_so_de_nghi_khen_thuong", subjectId: "chien_si_thi_dua_co_so" });
    expect(ask("Hạn gửi hồ sơ Cờ thi đua Chính phủ là khi nào?")).toMatchObject({ entryId: "thoi_han_ho_so", subjectId: "co_thi_dua_chinh_phu" });
    expect(ask("Khi nào phải nộp hồ sơ khen thưởng?").entryId).toBe("thoi_han_ho_so");
    expect(ask("Hạn đăng ký thi đua năm 2021").entryId).toBe("dang_ky_thi_dua");
  });

  it("borrows a missing section from the nearest regime and says so", () => {
    const a = ask("Hạn gửi hồ sơ đề nghị Chiến sĩ thi đua toàn quốc về Bộ Nội vụ là khi nào?");
    expect(a.regime).toBe("2003");
    const deadline = a.sections.find((s) => s.kind === "deadlines");
    expect(deadline).toMatchObject({ regime: "2022", fallbackFrom: "2003" });
  });

  it("puts the deciding authority first for a 'who decides' question", () => {
    const a = ask("Ai có thẩm quyền tặng Giấy khen hiện nay?");
    expect(a.entryId).toBe("giay_khen");
    expect(a.sections[0]?.kind).toBe("decidedBy");
    expect(a.sections[0]?.bullets[0]?.text).toMatch(/Chủ tịch UBND cấp xã/);
  });

  it("keeps only the bullets about the recipient named", () => {
    const texts = ask("Bằng khen của Chủ tịch UBND tỉnh cho tập thể năm 2024").sections.flatMap((s) => s.bullets.map((b) => b.text));
    expect(texts.some((t) => t.startsWith("Tập thể"))).toBe(true);
    expect(texts.some((t) => t.startsWith("(d)"))).toBe(false);
  });
});

describe("which regime answers", () => {
  const regimeOf = (q: string, over: Partial<CriteriaContext> = {}) => {
    const a = ask(q, over);
    return [a.regime, a.regimeSource];
  };

  it("uses the campaign year unless the question names a time", () => {
    expect(regimeOf("tiêu chuẩn LĐTT")).toEqual(["2003", "campaign"]);
    expect(regimeOf("tiêu chuẩn LĐTT", { campaignYear: 2024 })).toEqual(["2022", "campaign"]);
    expect(regimeOf("tiêu chuẩn LĐTT", { campaignYear: 2026 })).toEqual(["2025", "campaign"]);
  });

  it("follows a year, a date or a decree named in the question", () => {
    expect(regimeOf("tiêu chuẩn LĐTT năm 2023")).toEqual(["2003", "year"]);
    expect(regimeOf("tiêu chuẩn LĐTT năm 2024")).toEqual(["2022", "year"]);
    expect(regimeOf("tiêu chuẩn LĐTT năm 2025")).toEqual(["2025", "year"]);
    expect(regimeOf("LĐTT quyết định ký ngày 30/6/2025")).toEqual(["2022", "date"]);
    expect(regimeOf("LĐTT quyết định ký ngày 1/7/2025")).toEqual(["2025", "date"]);
    expect(regimeOf("LĐTT theo Nghị định 91/2017")).toEqual(["2003", "document"]);
    expect(regimeOf("LĐTT theo NĐ 98")).toEqual(["2022", "document"]);
    expect(regimeOf("LĐTT theo luật cũ")).toEqual(["2003", "law"]);
  });

  it("reads 'hiện nay' / 'luật mới' as the regime in force at `now`", () => {
    expect(regimeOf("LĐTT theo luật mới")).toEqual(["2025", "now"]);
    expect(regimeOf("tiêu chuẩn LĐTT hiện nay", { now: new Date("2024-10-01T03:00:00Z") })).toEqual(["2022", "now"]);
    expect(regimeOf("tiêu chuẩn LĐTT hiện nay", { now: new Date("2023-05-01T03:00:00Z") })).toEqual(["2003", "now"]);
  });

  it("summarises the law in force today under an answer that defaulted to an older campaign", () => {
    const a = ask("tiêu chuẩn chiến sĩ thi đua cơ sở");
    expect(a.current?.regime).toBe("2025");
    expect(a.current?.bullets.map((b) => b.text).join(" ")).toMatch(/không còn là điều kiện bắt buộc/);
    expect(ask("tiêu chuẩn chiến sĩ thi đua cơ sở năm 2021").current).toBeUndefined();
  });

  it("warns about the reported 2026 amending law for decisions after 01/10/2026", () => {
    expect(ask("tiêu chuẩn LĐTT năm 2027").warnings.join(" ")).toMatch(/06\/2026\/QH16/);
    expect(ask("tiêu chuẩn LĐTT năm 2025").warnings.join(" ")).not.toMatch(/06\/2026\/QH16/);
  });
});

describe("saying it does not know", () => {
  it("declines the text of a document it does not hold", () => {
    const a = ask("Quyết định 18/2020/QĐ-UBND sửa đổi những điều nào của Quyết định 24/2018?");
    expect(a).toMatchObject({ kind: "not_found", notFound: { reason: "document_not_held" } });
    expect(a.notFound?.detail).toMatch(/27\/10\/2020/);
  });

  it("declines lists of past winners and results", () => {
    for (const q of ["Danh sách các đơn vị được tặng Cờ thi đua năm 2021?", "Ai được Bằng khen năm 2021?", "Kết quả xét thi đua cụm 3 năm 2021"]) {
      expect(ask(q).notFound?.reason, q).toBe("records_not_held");
    }
  });

  it("declines awards the knowledge base does not cover instead of matching a near title", () => {
    const a = ask("Huân chương Lao động hạng Ba cần tiêu chuẩn gì?");
    expect(a.kind).toBe("not_found");
    expect(a.notFound).toMatchObject({ reason: "not_in_kb", subject: "Huân chương" });
  });

  it("offers the three emulation-fighter titles when the question does not say which", () => {
    const a = ask("chiến sĩ thi đua");
    expect(a.notFound?.reason).toBe("ambiguous");
    expect(a.suggestions.map((s) => s.id)).toEqual(expect.arrayContaining(["chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh", "chien_si_thi_dua_toan_quoc"]));
  });

  it("answers nothing for off-topic chatter", () => {
    for (const q of ["hello", "xin chào", "thời tiết Rạch Giá hôm nay thế nào", "", "???"]) expect(ask(q).kind, q).toBe("not_found");
  });
});
