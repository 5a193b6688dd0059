import { describe, expect, it } from "vitest";
import { checkTitle, matchTitle, readTitle, titleOptions, type PlanTitle, type TitleContext } from "../../../src/domain/registration/title-catalog";
import { titleSpellings } from "../../../src/conversation/flows/registration-render";

const ctx = (over: Partial<TitleContext> = {}): TitleContext => ({ regimeYear: 2003, unitKind: "district", planTitles: [], ...over });
const ids = (c: TitleContext, r: "collective" | "individual" = "collective") => titleOptions(r, c).map((o) => o.id);
const names = titleSpellings([]);

describe("titles a unit may register", () => {
  it("a district under the 2003 regime: the cluster titles and provincial forms, no giấy khen, no commune title", () => {
    expect(ids(ctx())).toEqual([
      "tap_the_lao_dong_xuat_sac", "tap_the_lao_dong_tien_tien", "co_thi_dua_cap_tinh", "co_thi_dua_chinh_phu",
      "bang_khen_chu_tich_ubnd_tinh", "bang_khen_thu_tuong",
    ]);
  });

  it("a commune under the 2022 regime may register Xã tiêu biểu and a giấy khen, but not the provincial flag", () => {
    const c = ids(ctx({ regimeYear: 2022, unitKind: "commune" }));
    expect(c).toContain("xa_phuong_tieu_bieu");
    expect(c).toContain("giay_khen");
    expect(c).not.toContain("co_thi_dua_cap_tinh");
    expect(ids(ctx({ regimeYear: 2003, unitKind: "commune" }))).not.toContain("xa_phuong_tieu_bieu");
  });

  it("the board and hamlet/household titles are never offered to units", () => {
    expect(ids(ctx({ unitKind: "board" }))).toEqual([]);
    expect(checkTitle("ap_khu_pho_van_hoa", "collective", ctx())).toMatchObject({ ok: false, problem: "title_not_for_unit_kind" });
    expect(checkTitle("gia_dinh_van_hoa", "collective", ctx())).toMatchObject({ ok: false, problem: "title_not_collective" });
  });

  it("individual titles are the four emulation fighter/worker titles and the forms", () => {
    expect(ids(ctx(), "individual")).toEqual([
      "bang_khen_chu_tich_ubnd_tinh", "bang_khen_thu_tuong", "giay_khen",
      "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh", "chien_si_thi_dua_toan_quoc",
    ]);
    expect(checkTitle("co_thi_dua_cap_tinh", "individual", ctx())).toMatchObject({ problem: "title_not_individual" });
  });

  it("intersects with the plan's titles when the plan lists them, and accepts a plan-only title", () => {
    const plan: PlanTitle[] = [
      { id: "tap_the_lao_dong_tien_tien", name: "Tập thể lao động tiên tiến", category: "title", recipients: ["collective"] },
      { id: "danh_hieu_rieng", name: "Đơn vị văn hóa tiêu biểu", category: "title", recipients: ["collective"] },
    ];
    expect(ids(ctx({ planTitles: plan }))).toEqual(["tap_the_lao_dong_tien_tien", "danh_hieu_rieng"]);
    expect(checkTitle("co_thi_dua_cap_tinh", "collective", ctx({ planTitles: plan }))).toMatchObject({ problem: "title_not_in_plan" });
    expect(checkTitle("khong_co", "collective", ctx())).toMatchObject({ problem: "unknown_title" });
  });
});

describe("reading a typed title", () => {
  it("reads names, abbreviations and English names, with or without diacritics", () => {
    expect(matchTitle("LĐTT", ctx(), names)).toEqual({ ok: true, id: "lao_dong_tien_tien" });
    expect(matchTitle("ldtt", ctx(), names)).toEqual({ ok: true, id: "lao_dong_tien_tien" });
    expect(matchTitle("lao dong tien tien", ctx(), names)).toEqual({ ok: true, id: "lao_dong_tien_tien" });
    expect(matchTitle("CSTĐ cơ sở", ctx(), names)).toEqual({ ok: true, id: "chien_si_thi_dua_co_so" });
    expect(matchTitle("Excellent Labour Collective", ctx(), names)).toEqual({ ok: true, id: "tap_the_lao_dong_xuat_sac" });
    expect(matchTitle("co thi dua tinh", ctx(), names)).toEqual({ ok: true, id: "co_thi_dua_cap_tinh" });
  });

  it("says when a name is ambiguous or unknown", () => {
    const amb = matchTitle("cờ thi đua", ctx(), names);
    expect(amb).toMatchObject({ ok: false, problem: "ambiguous_title" });
    expect(!amb.ok && amb.candidates).toEqual(expect.arrayContaining(["co_thi_dua_cap_tinh", "co_thi_dua_chinh_phu"]));
    expect(matchTitle("huân chương lao động", ctx(), names)).toMatchObject({ ok: false, problem: "unknown_title" });
    expect(matchTitle("x", ctx(), names)).toMatchObject({ ok: false, problem: "unknown_title" });
  });

  it("checks the title for the recipient and regime in one go", () => {
    expect(readTitle("Xã, phường, thị trấn tiêu biểu", "collective", ctx(), names)).toMatchObject({ ok: false, problem: "title_wrong_regime", id: "xa_phuong_tieu_bieu" });
    expect(readTitle("TTLĐXS", "individual", ctx(), names)).toMatchObject({ ok: false, problem: "title_not_individual" });
    expect(readTitle("BK", "individual", ctx(), names)).toEqual({ ok: true, id: "bang_khen_chu_tich_ubnd_tinh" });
  });
});
