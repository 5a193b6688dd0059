/** Pure pieces of the board: default period, elapsed share, period words in chat, HTML escaping of the dashboard. */
import { describe, expect, it } from "vitest";
import type { DeadlineDef } from "../../../src/domain/campaigns/campaign";
import { boardElapsedShare, defaultBoardPeriod, isDueByPeriod, milestonePeriod } from "../../../src/domain/board/board-period";
import { readPeriodWords } from "../../../src/conversation/flows/progress-args";
import { esc, html, qs, raw } from "../../../src/http/admin/html";
import { safeNext } from "../../../src/http/admin/dashboard-auth";

const dl = (code: string, kind: DeadlineDef["kind"], period: string, due: string): DeadlineDef => ({ code, kind, title: code, period, due, assumed: true });
const DEADLINES = [
  dl("m1", "monthly_report", "2021-M01", "2021-02-05T17:00"),
  dl("q1", "quarterly_report", "2021-Q1", "2021-04-05T17:00"),
  dl("h1", "semiannual_review", "2021-H1", "2021-06-15T17:00"),
  dl("q2", "quarterly_report", "2021-Q2", "2021-07-05T17:00"),
  dl("9m", "nine_month_report", "2021-9M", "2021-09-15T17:00"),
  dl("y", "annual_review", "2021-Y", "2021-12-10T17:00"),
  dl("q4", "quarterly_report", "2021-Q4", "2022-01-05T17:00"),
];

describe("default period of the board", () => {
  const at = (year: number, month: number, day: number) => defaultBoardPeriod({ year: 2021, deadlines: DEADLINES, today: { year, month, day } });
  it("follows the plan's report deadlines, from 15 days before each", () => {
    expect(at(2021, 2, 1)).toBe("2021-Q1");
    expect(at(2021, 3, 21)).toBe("2021-Q1");
    expect(at(2021, 5, 30)).toBe("2021-Q1");
    expect(at(2021, 5, 31)).toBe("2021-H1");
    expect(at(2021, 6, 1)).toBe("2021-H1");
    expect(at(2021, 9, 1)).toBe("2021-9M");
    expect(at(2021, 11, 26)).toBe("2021-Y");
    expect(at(2026, 11, 27)).toBe("2021-Y");
  });
  it("without report deadlines: the last finished quarter", () => {
    const p = (month: number, year = 2021) => defaultBoardPeriod({ year: 2021, deadlines: [], today: { year, month, day: 10 } });
    expect([p(2), p(4), p(8), p(12), p(3, 2022), p(6, 2020)]).toEqual(["2021-Q1", "2021-Q1", "2021-H1", "2021-9M", "2021-Y", "2021-Q1"]);
  });
  it("names spans by their milestone and judges by time elapsed, capped at the period's end", () => {
    expect([3, 6, 9, 12, 4].map((m) => milestonePeriod(2021, m))).toEqual(["2021-Q1", "2021-H1", "2021-9M", "2021-Y", "2021-M04"]);
    expect(boardElapsedShare("2021-Q1", { year: 2021, month: 2, day: 28 })).toBeCloseTo(59 / 365, 12);
    expect(boardElapsedShare("2021-Q1", { year: 2021, month: 11, day: 1 })).toBe(0.25);
    expect(boardElapsedShare("2021-Y", { year: 2020, month: 12, day: 31 })).toBe(0);
    expect([isDueByPeriod("annual", "2021-9M"), isDueByPeriod("annual", "2021-Y"), isDueByPeriod("semiannual", "2021-H1"), isDueByPeriod("quarterly", "2021-M02")]).toEqual([false, true, true, false]);
  });
});

describe("period words in /tiendo and /bieudo", () => {
  it("reads codes and Vietnamese words, with or without diacritics", () => {
    const cases: [string, string | undefined][] = [
      ["2021-Q2", "2021-Q2"], ["q1", "2021-Q1"], ["Quý II", "2021-Q2"], ["quy 3", "2021-Q3"], ["6 tháng", "2021-H1"], ["sáu tháng đầu năm", "2021-H1"],
      ["H2", "2021-H2"], ["9 tháng", "2021-9M"], ["cả năm", "2021-Y"], ["2021", "2021-Y"], ["tháng 3", "2021-M03"], ["T12", "2021-M12"],
      ["tháng 13", undefined], ["2020", undefined], ["hôm qua", undefined],
    ];
    for (const [text, want] of cases) expect(readPeriodWords(text, 2021), text).toBe(want);
  });
});

describe("dashboard HTML", () => {
  it("escapes every interpolated value; SafeHtml and arrays compose", () => {
    const name = `Cục Hải quan (KV) & "Co." <b>'x'</b>`;
    expect(html`<td title="${name}">${name}</td>`.__html).toBe(`<td title="${esc(name)}">Cục Hải quan (KV) &amp; &quot;Co.&quot; &lt;b&gt;&#39;x&#39;&lt;/b&gt;</td>`);
    expect(html`<ul>${["a<", "b"].map((x) => html`<li>${x}</li>`)}${null}${false}${raw("<hr>")}</ul>`.__html).toBe("<ul><li>a&lt;</li><li>b</li><hr></ul>");
    expect(qs({ period: "2021-Q1", unit: undefined, group: "" , q: "a&b" })).toBe("?period=2021-Q1&q=a%26b");
  });
  it("follows only dashboard paths after signing in", () => {
    expect(safeNext("/admin/c/kg-2021?period=2021-Q1")).toBe("/admin/c/kg-2021?period=2021-Q1");
    for (const bad of ["https://evil.example/", "//evil.example/admin", "/api/x", "/administrator", "/admin\\..\\x", 42]) expect(safeNext(bad)).toBe("/admin");
  });
});
