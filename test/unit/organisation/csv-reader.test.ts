import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../../src/organisation/csv-reader";

describe("readCsv", () => {
  it("handles a BOM, CRLF line ends and quoted fields with commas and doubled quotes", () => {
    const text = '\uFEFFrecord,name\r\nunit,"Công ty TNHH Mẫu, Rạch Giá"\r\nunit,"Tên có ""ngoặc"""\r\n';
    const { records, errors, delimiter } = readCsv(text);
    expect(errors).toEqual([]);
    expect(delimiter).toBe(",");
    expect(records).toEqual([
      { line: 1, fields: ["record", "name"] },
      { line: 2, fields: ["unit", "Công ty TNHH Mẫu, Rạch Giá"] },
      { line: 3, fields: ["unit", 'Tên có "ngoặc"'] },
    ]);
  });

  it("keeps physical line numbers across comments, blank lines and line breaks inside quotes", () => {
    const text = ["# comment", "a,b", "", '1,"two', 'lines"', ",,", "  ", "3,4"].join("\n");
    const { records } = readCsv(text);
    expect(records).toEqual([
      { line: 2, fields: ["a", "b"] },
      { line: 4, fields: ["1", "two\nlines"] },
      { line: 8, fields: ["3", "4"] },
    ]);
  });

  it("reads semicolon files as Excel writes them under a Vietnamese locale", () => {
    const { records, delimiter } = readCsv("record;code;name\nunit;H-RACHGIA;Thành phố Rạch Giá\n");
    expect(delimiter).toBe(";");
    expect(records[1]?.fields).toEqual(["unit", "H-RACHGIA", "Thành phố Rạch Giá"]);
  });

  it("reports an unterminated quote at the line where it opens, and junk after a closing quote", () => {
    expect(readCsv('a,b\n1,"open\n2,3\n').errors).toEqual([{ line: 2, message: "Quoted field is never closed" }]);
    expect(readCsv('a,b\n"x"y,2\n').errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/after a closing quote/) });
  });

  it("round-trips any fields written with RFC 4180 quoting", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "Đ", "ư", ",", '"', "\n", "\r\n", " ", "x", "1") });
    const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const text = ["h1,h2", ...rows.map((r) => r.map(quote).join(","))].join("\r\n");
        const { records, errors } = readCsv(text);
        expect(errors).toEqual([]);
        // Rows whose every field is empty are blank lines by design.
        const expected = rows.filter((r) => r.some((f) => f !== "")).map((r) => r.map((f) => f.replace(/\r\n/g, "\n")));
        expect(records.slice(1).map((r) => r.fields)).toEqual(expected);
      }),
    );
  });
});
