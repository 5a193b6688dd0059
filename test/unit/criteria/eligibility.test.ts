import { describe, expect, it } from "vitest";
import { checkEligibility } from "../../../src/domain/criteria/eligibility.js";

const unit = (total: number, ldtt: number, extra: { cstdcs?: number; warnedOrWorse?: number; allCompletedTasks?: boolean } = {}) => ({
  members: { total, ldtt, warnedOrWorse: 0, ...extra },
});

describe("checkEligibility", () => {
  it("applies 'trên 50%' LĐTT for TTLĐTT under the 2003 law and '70%' under the 2022 law", () => {
    expect(checkEligibility("tap_the_lao_dong_tien_tien", { taskRating: "good", ...unit(10, 5) }, "2003")).toMatchObject({ verdict: "not_eligible", missing: ["members_ldtt_share"] });
    expect(checkEligibility("tap_the_lao_dong_tien_tien", { taskRating: "good", ...unit(10, 6) }, "2003").verdict).toBe("likely_eligible");
    expect(checkEligibility("tap_the_lao_dong_tien_tien", { taskRating: "good", ...unit(10, 6) }, "2022").missing).toEqual(["members_ldtt_share"]);
    expect(checkEligibility("tap_the_lao_dong_tien_tien", { taskRating: "good", ...unit(10, 7) }, "2025").verdict).toBe("likely_eligible");
  });

  it("names what a TTLĐXS candidate lacks (no CSTĐCS member, someone warned)", () => {
    const r = checkEligibility("tap_the_lao_dong_xuat_sac", { taskRating: "excellent", ...unit(20, 15, { cstdcs: 0, warnedOrWorse: 1, allCompletedTasks: true }) }, "2003");
    expect(r.verdict).toBe("not_eligible");
    expect(r.missing).toEqual(["has_member_cstdcs", "no_warning_discipline"]);
    const share = r.items.find((i) => i.code === "members_ldtt_share");
    expect(share).toMatchObject({ status: "met", params: { min: 70, actual: 75 } });
  });

  it("requires an initiative for CSTĐCS under the 2003 law, while HTXSNV is enough under the 2022 law", () => {
    const facts = { hasLdtt: true, taskRating: "excellent" as const, initiatives: 0 };
    expect(checkEligibility("chien_si_thi_dua_co_so", facts, "2003").missing).toEqual(["initiative"]);
    expect(checkEligibility("chien_si_thi_dua_co_so", facts, "2022").verdict).toBe("likely_eligible");
  });

  it("needs the cluster lead and exceeded targets for the provincial flag", () => {
    const r = checkEligibility("co_thi_dua_cap_tinh", { clusterRank: 2, targetsMetShare: 0.9 }, "2022");
    expect(r.missing.sort()).toEqual(["cluster_leader", "targets_exceeded"]);
    expect(checkEligibility("co_thi_dua_cap_tinh", { clusterRank: 1, targetsExceeded: true }, "2003").verdict).toBe("likely_eligible");
  });

  it("reports unknown facts as unknown and the verdict as incomplete, never as missing", () => {
    const r = checkEligibility("chien_si_thi_dua_cap_tinh", { consecutiveCstdcs: 3 }, "2022");
    expect(r.verdict).toBe("incomplete");
    expect(r.items.map((i) => [i.code, i.status])).toEqual([
      ["cstdcs_consecutive", "met"],
      ["initiative_province", "unknown"],
    ]);
  });

  it("never rules out a Bằng khen on the measurable ground alone (other grounds are the council's call)", () => {
    const weak = checkEligibility("bang_khen_chu_tich_ubnd_tinh", { consecutiveCstdcs: 1 }, "2022");
    expect(weak.verdict).toBe("incomplete");
    expect(checkEligibility("bang_khen_chu_tich_ubnd_tinh", { consecutiveCstdcs: 2 }, "2022").verdict).toBe("likely_eligible");
    expect(checkEligibility("bang_khen_chu_tich_ubnd_tinh", { consecutiveCstdcs: 2 }, "2003").verdict).toBe("incomplete");
  });

  it("keeps registration and report timeliness advisory, and blocks on a pending case from 01/7/2025", () => {
    const base = { taskRating: "good" as const, registeredTitles: [], reportsOnTime: false };
    const r = checkEligibility("tap_the_lao_dong_tien_tien", { ...base, ...unit(10, 8) }, "2022");
    expect(r.verdict).toBe("likely_eligible");
    expect(r.items.filter((i) => !i.required).map((i) => [i.code, i.status])).toEqual([
      ["registered", "missing"],
      ["reports_on_time", "missing"],
    ]);
    expect(checkEligibility("lao_dong_tien_tien", { taskRating: "good", pendingCase: true }, "2025").missing).toEqual(["no_pending_case"]);
  });

  it("says when a title has no measurable rule", () => {
    expect(checkEligibility("gia_dinh_van_hoa", {}, "2022")).toEqual({ titleId: "gia_dinh_van_hoa", regime: "2022", verdict: "unsupported", items: [], missing: [] });
  });
});
