import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadOrgCsv } from "../../../src/organisation/org-csv";
import type { OrgData } from "../../../src/organisation/org-types";
import { KG_2021_SAMPLE_ORG_CSV } from "../../../src/plan-pack/bundled-seed";

const DISTRICTS_2021 = [
  "Thành phố Rạch Giá",
  "Thành phố Hà Tiên",
  "Thành phố Phú Quốc",
  "Huyện Kiên Lương",
  "Huyện Hòn Đất",
  "Huyện Tân Hiệp",
  "Huyện Châu Thành",
  "Huyện Giồng Riềng",
  "Huyện Gò Quao",
  "Huyện An Biên",
  "Huyện An Minh",
  "Huyện Vĩnh Thuận",
  "Huyện U Minh Thượng",
  "Huyện Giang Thành",
  "Huyện Kiên Hải",
];

let org: OrgData;
beforeAll(async () => {
  org = await loadOrgCsv(KG_2021_SAMPLE_ORG_CSV);
});

describe("sample organisation of Kiên Giang 2021", () => {
  it("is marked sample in the file and on every row", () => {
    expect(readFileSync(KG_2021_SAMPLE_ORG_CSV, "utf8").split("\n")[0]).toMatch(/DỮ LIỆU MẪU \/ SAMPLE DATA/);
    expect(org.isSample).toBe(true);
  });

  it("has the 15 district-level units of 2021, grouped in cụm", () => {
    const districts = org.units.filter((u) => u.kind === "district");
    expect(districts.map((d) => d.name).sort()).toEqual([...DISTRICTS_2021].sort());
    for (const d of districts) {
      expect(d.clusterCodes.length, d.code).toBe(1);
      expect(org.clusters.find((c) => c.code === d.clusterCodes[0])?.kind).toBe("cum");
    }
  });

  it("has the board, departments in khối, communes under districts and an enterprise outside the blocks", () => {
    const board = org.units.find((u) => u.kind === "board");
    expect(board?.name).toMatch(/Ban Thi đua - Khen thưởng/);
    expect(board?.parentCode).toBe("S-NOIVU");
    const departments = org.units.filter((u) => u.kind === "department");
    expect(departments.length).toBeGreaterThanOrEqual(20);
    expect(departments.map((d) => d.code)).toEqual(expect.arrayContaining(["S-NOIVU", "S-TAICHINH", "S-CUCTHONGKE"]));
    for (const d of departments) expect(org.clusters.find((c) => c.code === d.clusterCodes[0])?.kind, d.code).toBe("khoi");
    const districtCodes = new Set(org.units.filter((u) => u.kind === "district").map((u) => u.code));
    const communes = org.units.filter((u) => u.kind === "commune");
    expect(communes.length).toBeGreaterThanOrEqual(3);
    for (const c of communes) expect(districtCodes.has(c.parentCode ?? ""), c.code).toBe(true);
    expect(org.units.some((u) => u.kind === "enterprise" && u.clusterCodes.length === 0)).toBe(true);
  });

  it("has a leader for every cluster who is a member of it, and a cluster-leader officer there", () => {
    for (const c of org.clusters) {
      expect(c.leaderUnitCode, c.code).not.toBeNull();
      expect(c.memberUnitCodes, c.code).toContain(c.leaderUnitCode);
      const leaders = org.officers.filter((o) => o.role === "cluster_leader" && o.clusterCodes.includes(c.code));
      expect(leaders.length, c.code).toBeGreaterThanOrEqual(1);
      for (const o of leaders) expect(c.memberUnitCodes).toContain(o.unitCode);
    }
  });

  it("has an officer and a unit head in every unit, board officers, and unique Vietnamese names", () => {
    for (const u of org.units) {
      const roles = new Set(org.officers.filter((o) => o.unitCode === u.code).map((o) => o.role));
      expect(roles.has("unit_head"), u.code).toBe(true);
      expect(roles.has(u.kind === "board" ? "board" : "officer"), u.code).toBe(true);
    }
    expect(org.officers.filter((o) => o.role === "board").length).toBeGreaterThanOrEqual(2);
    const names = org.officers.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i.test(n) || n.split(" ").length >= 3)).toBe(true);
  });

  it("uses short ASCII codes", () => {
    for (const code of [...org.units, ...org.clusters, ...org.officers].map((r) => r.code)) {
      expect(code).toMatch(/^[A-Z0-9][A-Z0-9_-]{0,39}$/);
    }
  });
});
