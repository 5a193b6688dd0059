import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OrgCsvError, parseOrgCsv } from "../../../src/organisation/org-csv";
import { ORG_CSV_ISSUE_CODES } from "../../../src/organisation/org-types";

const HEADER = "record,code,name,kind,parent_code,cluster_codes,leader_unit_code,role,unit_code,phone,sample,note";

const GOOD = [
  HEADER,
  "cluster,CUM-1,Cụm thi đua số 1,cum,,,H-RACHGIA,,,,true,",
  "unit,H-RACHGIA,Thành phố Rạch Giá,district,,CUM-1,,,,,true,",
  "unit,H-HATIEN,Thành phố Hà Tiên,district,,CUM-1,,,,,true,",
  "unit,X-VTV,Phường Vĩnh Thanh Vân,commune,H-RACHGIA,,,,,,true,",
  "unit,BTDKT,Ban Thi đua - Khen thưởng,board,,,,,,,true,",
  'unit,DN-1,"Công ty TNHH Mẫu, Rạch Giá",enterprise,,,,,,,true,"ngoài khối"',
  "officer,CB-1,Nguyễn Văn An,,,,,officer,H-RACHGIA,0900 000 001,true,",
  "officer,CB-2,Trần Thị Bình,,,,,cluster_leader,H-RACHGIA,+84900000002,true,",
  "officer,CB-3,Lê Minh Châu,,,,,board,BTDKT,,true,",
];

function issuesOf(text: string): OrgCsvError["issues"] {
  try {
    parseOrgCsv(text, "org.csv");
  } catch (err) {
    expect(err).toBeInstanceOf(OrgCsvError);
    return (err as OrgCsvError).issues;
  }
  throw new Error("expected the file to be rejected");
}

describe("parseOrgCsv: a valid file", () => {
  it("returns units, clusters and officers as plain objects", () => {
    const org = parseOrgCsv(GOOD.join("\n"), "org.csv");
    expect(org.units.map((u) => u.code)).toEqual(["H-RACHGIA", "H-HATIEN", "X-VTV", "BTDKT", "DN-1"]);
    expect(org.units.find((u) => u.code === "DN-1")).toMatchObject({ name: "Công ty TNHH Mẫu, Rạch Giá", kind: "enterprise", clusterCodes: [] });
    expect(org.clusters).toEqual([
      { code: "CUM-1", name: "Cụm thi đua số 1", kind: "cum", leaderUnitCode: "H-RACHGIA", memberUnitCodes: ["H-RACHGIA", "H-HATIEN"], isSample: true, line: 2 },
    ]);
    expect(org.officers.map((o) => [o.code, o.role, o.phone, o.clusterCodes])).toEqual([
      ["CB-1", "officer", "0900000001", []],
      ["CB-2", "cluster_leader", "0900000002", ["CUM-1"]],
      ["CB-3", "board", null, []],
    ]);
    expect(org.isSample).toBe(true);
  });

  it("accepts any column order, missing optional columns, lower-case codes and kinds", () => {
    const text = ["name,code,record,kind,parent_code", "Huyện A,h-a,unit,District,", "Xã B,x-b,UNIT,commune,h-a"].join("\n");
    const org = parseOrgCsv(text, "org.csv");
    expect(org.units.map((u) => [u.code, u.kind, u.parentCode, u.isSample])).toEqual([
      ["H-A", "district", null, false],
      ["X-B", "commune", "H-A", false],
    ]);
  });

  it("orders units parents first whatever the file order", () => {
    const text = [HEADER, "unit,X-1,Xã 1,commune,H-1,,,,,,,", "unit,H-1,Huyện 1,district,T-1,,,,,,,", "unit,T-1,Tỉnh,other,,,,,,,,"].join("\n");
    expect(parseOrgCsv(text, "org.csv").units.map((u) => u.code)).toEqual(["T-1", "H-1", "X-1"]);
  });
});

describe("parseOrgCsv: bad files", () => {
  it("reports every bad line at once, by line number, and returns nothing", () => {
    const bad = [
      ...GOOD,
      "unit,H-1,Huyện Một,huyen,,,,,,,true,", // 11: bad kind
      "unit,H-RACHGIA,Trùng mã,district,,,,,,,true,", // 12: duplicate code
      "unit,H-2,Huyện Hai,district,H-KHONGCO,CUM-9,,,,,true,", // 13: unknown parent and cluster
      "officer,CB-9,Phạm Văn Dũng,,,,,officer,H-RACHGIA,12345,true,", // 14: bad phone
      "officer,CB-10,Võ Thị Hà,,,,,board,H-RACHGIA,,true,", // 15: board role outside the board
      "unit,H-3,Huyện, Ba,district,,,,,,true,,", // 16: unquoted comma shifts the row
      "officer,CB-11,,,,,,officer,H-RACHGIA,,true,", // 17: empty name
    ].join("\n");
    const issues = issuesOf(bad);
    const lines = issues.map((i) => i.line);
    expect(new Set(lines)).toEqual(new Set([11, 12, 13, 14, 15, 16, 17]));
    expect(issues.find((i) => i.line === 11)).toMatchObject({ column: "kind", code: "invalid_field" });
    expect(issues.find((i) => i.line === 12)).toMatchObject({ code: "duplicate_code", message: "Code H-RACHGIA is already used on line 3" });
    expect(issues.filter((i) => i.line === 13).map((i) => i.column)).toEqual(["parent_code", "cluster_codes"]);
    expect(issues.find((i) => i.line === 14)?.message).toMatch(/phone/);
    expect(issues.find((i) => i.line === 15)).toMatchObject({ code: "role_mismatch" });
    expect(issues.find((i) => i.line === 16)).toMatchObject({ code: "field_count" });
    expect(issues.find((i) => i.line === 17)).toMatchObject({ column: "name" });
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("rejects a cluster whose leader is not a member, and a cluster_leader whose unit leads nothing", () => {
    const text = [
      HEADER,
      "cluster,CUM-1,Cụm 1,cum,,,H-B,,,,,",
      "unit,H-A,Huyện A,district,,CUM-1,,,,,,",
      "unit,H-B,Huyện B,district,,,,,,,,",
      "officer,CB-1,Nguyễn Văn An,,,,,cluster_leader,H-A,,,",
    ].join("\n");
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [2, "leader_not_member"],
      [5, "role_mismatch"],
    ]);
  });

  it("rejects parent cycles and columns that do not apply to the record type", () => {
    const text = [HEADER, "unit,A,Đơn vị A,other,B,,,,,,,", "unit,B,Đơn vị B,other,A,,,,,,,", "unit,C,Đơn vị C,other,,,,officer,,,,"].join("\n");
    const issues = issuesOf(text);
    expect(issues.filter((i) => i.code === "cycle").map((i) => i.line)).toEqual([2, 3]);
    expect(issues.find((i) => i.line === 4)).toMatchObject({ column: "role", message: "role: Must be empty on unit rows" });
  });

  it("does not echo a rejected row as an unknown reference elsewhere", () => {
    const text = [HEADER, "unit,H-A,Huyện A,huyen,,,,,,,,", "unit,X-A,Xã A,commune,H-A,,,,,,,"].join("\n");
    expect(issuesOf(text).map((i) => i.line)).toEqual([2]);
  });

  it("rejects a bad header: unknown and missing columns", () => {
    const issues = issuesOf("record,name,colour\nunit,A,red\n");
    expect(issues.map((i) => [i.line, i.code, i.column])).toEqual([
      [1, "header", "colour"],
      [1, "header", "code"],
    ]);
  });

  it("rejects an empty file and a header without rows", () => {
    expect(issuesOf("")[0]?.code).toBe("no_rows");
    expect(issuesOf(`${HEADER}\n`)[0]?.code).toBe("no_rows");
  });

  it("reports CSV syntax errors with the rest", () => {
    const issues = issuesOf(`${GOOD.join("\n")}\nunit,H-Z,"Huyện Z,district,,,,,,,,\n`);
    expect(issues.some((i) => i.code === "csv_syntax" && i.line === 11)).toBe(true);
  });

  it("has a translation for every issue code in both catalogs", () => {
    for (const file of ["vi", "en"]) {
      const catalog = JSON.parse(readFileSync(new URL(`../../../locales/${file}.json`, import.meta.url), "utf8"));
      for (const code of ORG_CSV_ISSUE_CODES) expect(catalog.orgCsv.issue[code], `${file}:${code}`).toBeTypeOf("string");
    }
  });
});

describe("the documented example", () => {
  it("in prisma/seed/README.md parses", () => {
    const readme = readFileSync(new URL("../../../prisma/seed/README.md", import.meta.url), "utf8");
    const example = /```csv\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const org = parseOrgCsv(example, "README.md");
    expect(org.units.map((u) => u.code)).toEqual(["S-NOIVU", "BTDKT", "H-PHUQUOC", "X-GANHDAU", "DN-MAU"]);
    expect(org.officers.find((o) => o.role === "cluster_leader")?.clusterCodes).toEqual(["CUM-1"]);
  });
});
