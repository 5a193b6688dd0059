import { describe, expect, it } from "vitest";
import { readIndividuals } from "../../../src/domain/registration/read-individuals";
import { titleSpellings } from "../../../src/conversation/flows/registration-render";

const ctx = { regimeYear: 2003 as const, unitKind: "district" as const, planTitles: [] };
const names = titleSpellings([]);

describe("individual registrations typed as lines", () => {
  it("reads dashes, colons, numbering and several titles per person", () => {
    const r = readIndividuals("1. Nguyễn Văn An – Lao động tiên tiến\n2) Trần Thị Bình: CSTĐCS, LĐTT\nLê Văn Cường - CSTĐ tỉnh\n\n", [], ctx, names);
    expect(r.errors).toEqual([]);
    expect(r.added).toEqual([
      { name: "Nguyễn Văn An", titleId: "lao_dong_tien_tien" },
      { name: "Trần Thị Bình", titleId: "chien_si_thi_dua_co_so" },
      { name: "Trần Thị Bình", titleId: "lao_dong_tien_tien" },
      { name: "Lê Văn Cường", titleId: "chien_si_thi_dua_cap_tinh" },
    ]);
  });

  it("reports each bad line with its number and keeps the rest", () => {
    const existing = [{ name: "Nguyễn Văn An", titleId: "lao_dong_tien_tien" }];
    const r = readIndividuals("nguyễn văn an – LĐTT\nPhạm Văn Dũng – Cờ thi đua tỉnh\nVõ Thị Em\nHồ Văn Phúc – danh hiệu lạ\n123 – LĐTT\nĐặng Thị Giang – LĐTT", existing, ctx, names);
    expect(r.added).toEqual([{ name: "Đặng Thị Giang", titleId: "lao_dong_tien_tien" }]);
    expect(r.errors.map((e) => [e.line, e.problem])).toEqual([
      [1, "duplicate_individual"], [2, "title_not_individual"], [3, "line_format"], [4, "unknown_title"], [5, "line_format"],
    ]);
  });
});
