/**
 * The board's numbers, end to end, on the sample organisation with a seeded first quarter: the admin API, the
 * dashboard, the chart data and the XLSX/CSV exports must agree on every figure, and the figures must be the
 * right ones (sums with the correction applied, units expected by kind, commitments, province-level figures).
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardOf } from "../../../src/app/features/board.feature";
import { provinceChartData } from "../../../src/app/board/board-reports";
import { createTranslator } from "../../../src/i18n/i18n";
import type { BotHarness } from "../../helpers/bot-harness";
import { testDbKinds } from "../../helpers/test-db";
import { createBoardHarness, json, startBoardServer, TOKEN } from "./board-env";

const t = createTranslator("vi");
const auth = { authorization: `Bearer ${TOKEN}` };

interface ApiIndicator {
  code: string;
  name: string;
  value: number | null;
  target: number | null;
  completion: number | null;
  expectedCompletion: number | null;
  status: string;
  unitsReported: number;
  unitsExpected: number;
  previousValue: number | null;
}

/** "3.488,75" → 3488.75; "30,2%" → 30.2; "–" → null. */
function viNumber(text: string): number | null {
  const s = text.replace(/<[^>]+>/g, "").replace(/%/g, "").trim();
  if (s === "–" || s === "") return null;
  return Number(s.replace(/\./g, "").replace(",", "."));
}

/** Cells of the dashboard's indicator rows: code → { value, completion } as printed (first text of each cell). */
function dashboardCells(page: string): Map<string, { value: number | null; completion: number | null; status: string }> {
  const out = new Map<string, { value: number | null; completion: number | null; status: string }>();
  for (const m of page.matchAll(/<tr data-indicator="([^"]+)">([\s\S]*?)<\/tr>/g)) {
    const cell = (field: string) => new RegExp(`data-field="${field}">([^<]*)`).exec(m[2] ?? "")?.[1] ?? "";
    const status = /data-field="status"><span class="badge[^"]*"[^>]*>([^<]*)</.exec(m[2] ?? "")?.[1] ?? "";
    out.set(m[1] ?? "", { value: viNumber(cell("value")), completion: viNumber(cell("completion")), status });
  }
  return out;
}

function parseCsv(bytes: ArrayBuffer): string[][] {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (ch !== "\r") field += ch;
  }
  return rows;
}

const round = (n: number | null, digits: number) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

describe.each(testDbKinds())("board numbers on %s", (kind) => {
  let h: BotHarness;
  let server: Awaited<ReturnType<typeof startBoardServer>>;
  let api: { period: string; elapsedShare: number; indicators: ApiIndicator[] };
  const get = (path: string) => fetch(`${server.url}${path}`, { headers: auth });

  beforeAll(async () => {
    h = await createBoardHarness(kind);
    server = await startBoardServer(h.runtime);
    const res = await get("/api/campaigns/kg-2021/progress");
    expect(res.status).toBe(200);
    api = await json(res);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  const ind = (code: string) => api.indicators.find((i) => i.code === code)!;

  it("defaults to the quarter whose report is due and judges it at a quarter of the year", () => {
    expect(api.period).toBe("2021-Q1");
    expect(api.elapsedShare).toBe(0.25);
    expect(api.indicators).toHaveLength(35);
  });

  it("computes the province figures by each indicator's rule", () => {
    // Sum over districts and departments, Hà Tiên's corrected 125,5 (not 120,5), Cục Thuế's 640.
    expect(ind("budget_revenue")).toMatchObject({ value: 3488.75, target: 11560, unitsReported: 8, unitsExpected: 47, status: "on_track" });
    expect(ind("budget_revenue").completion).toBeCloseTo(3488.75 / 11560, 12);
    expect(ind("rice_output")).toMatchObject({ unitsReported: 7, unitsExpected: 15 });
    expect(ind("rice_output").value).toBeCloseTo(1.43, 9);
    expect(ind("traffic_accident_cases")).toMatchObject({ value: 41, previousValue: 52, status: "on_track" });
    expect(ind("health_insurance_coverage").value).toBeCloseTo((91.2 + 88.4 + 92.5 + 90.6 + 89.9 + 91.8 + 90.1) / 7, 9);
    // Province-level: the board's own GRDP, and the statistics office's investment figure.
    expect(ind("grdp_growth")).toMatchObject({ value: 5.2, unitsExpected: 1 });
    expect(ind("social_investment")).toMatchObject({ value: 9800, status: "behind" });
    expect(ind("income_per_capita")).toMatchObject({ value: null, status: "no_data" });
  });

  it("the dashboard prints the same value, completion and status for every indicator", async () => {
    const page = await (await get("/admin/c/kg-2021?period=2021-Q1")).text();
    const cells = dashboardCells(page);
    expect(cells.size).toBe(35);
    const campaign = boardOf(h.runtime).campaign("kg-2021")!;
    for (const a of api.indicators) {
      const def = campaign.indicators.find((d) => d.code === a.code)!;
      const c = cells.get(a.code)!;
      if (def.valueKind === "boolean") expect(c.value === null ? null : 1).toBe(a.value === null ? null : 1);
      else expect(c.value, a.code).toBe(round(a.value, def.valueKind === "percent" ? 2 : 3));
      expect(c.completion, a.code).toBe(round(a.completion === null ? null : a.completion * 100, 1));
      if (a.value !== null) expect(c.status, a.code).toBe(t(`board.status.${a.status}`));
    }
  });

  it("the chart draws the same completions, and the chart image is served", async () => {
    const b = boardOf(h.runtime);
    const view = await b.service.progress(b.campaign("kg-2021")!, { period: "2021-Q1", at: h.clock.now() });
    const chart = provinceChartData(view, t);
    const byName = new Map(api.indicators.map((i) => [i.name, i]));
    for (const row of chart.rows) expect(row.completion, row.label).toBe(byName.get(row.label)?.completion);
    expect(chart.rows.find((r) => r.label === "Tổng thu ngân sách trên địa bàn")?.detail).toContain("3.488,75 / 11.560 tỷ đồng");
    // Annual indicators are not due in Q1 and stay off the chart; reported ones and due ones are on it.
    expect(chart.rows.some((r) => r.label === "Thu nhập bình quân đầu người")).toBe(false);
    const png = await get("/api/campaigns/kg-2021/charts/progress.png?period=2021-Q1");
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
  });

  it("the XLSX and CSV exports hold the same numbers", async () => {
    const xlsx = await get("/api/campaigns/kg-2021/exports/progress?period=2021-Q1&format=xlsx");
    expect(xlsx.headers.get("content-disposition")).toContain("tien-do-kg-2021-2021-Q1.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    const sheetRows = new Map<string, ExcelJS.Row>();
    wb.worksheets[0]!.eachRow((row) => typeof row.getCell(2).value === "string" && sheetRows.set(row.getCell(2).value as string, row));
    const csv = parseCsv(await (await get("/api/campaigns/kg-2021/exports/progress?period=2021-Q1&format=csv")).arrayBuffer());
    const header = csv.find((r) => r[0] === "STT")!;
    const col = (name: string) => header.indexOf(name);
    for (const a of api.indicators.filter((i) => i.value !== null && i.code !== "security_order")) {
      const row = sheetRows.get(a.name)!;
      expect(row.getCell(6).value, a.code).toBe(Math.round(a.value! * 1e6) / 1e6);
      expect(row.getCell(8).value, a.code).toBe(a.completion);
      expect(row.getCell(10).value, a.code).toBe(t(`board.status.${a.status}`));
      const line = csv.find((r) => r[1] === a.name)!;
      expect(Number(line[col("Thực hiện")]), a.code).toBe(round(a.value, 6));
      expect(Number(line[col("Tỷ lệ so với kế hoạch (%)")]), a.code).toBe(round(a.completion! * 100, 2));
    }
  });

  it("per unit: API, dashboard drill-down and the by-unit export agree, commitments included", async () => {
    const res = await json(get("/api/campaigns/kg-2021/progress?by=unit&period=2021-Q1"));
    const unit = (code: string) => res.units.find((u: { unit: string }) => u.unit === code);
    const budget = (code: string) => unit(code).indicators.find((i: { code: string }) => i.code === "budget_revenue");
    expect(budget("H-HATIEN")).toMatchObject({ value: 125.5, target: null, noDataReason: "no_unit_target" });
    expect(budget("H-RACHGIA")).toMatchObject({ value: 850, target: 2400, targetSource: "commitment" });
    expect(budget("H-RACHGIA").completion).toBeCloseTo(850 / 2400, 12);
    const csv = parseCsv(await (await get("/api/campaigns/kg-2021/exports/progress?period=2021-Q1&by=unit&format=csv")).arrayBuffer());
    const header = csv.find((r) => r[0] === "STT")!;
    const rg = csv.find((r) => r[1] === "Thành phố Rạch Giá")!;
    const budgetCol = header.indexOf("Tổng thu ngân sách trên địa bàn - Thực hiện (tỷ đồng)");
    expect(Number(rg[budgetCol])).toBe(850);
    expect(Number(rg[budgetCol + 1])).toBe(round((850 / 2400) * 100, 2));
    const page = await (await get("/admin/c/kg-2021/units/H-RACHGIA?period=2021-Q1")).text();
    const cells = dashboardCells(page.replace(/id="unit-indicators"/, ""));
    expect(cells.get("budget_revenue")).toMatchObject({ value: 850, completion: round((850 / 2400) * 100, 1) });
  });

  it("ranking: timeliness from report times, registration and pledge; API, export and dashboard agree", async () => {
    const res = await json(get("/api/campaigns/kg-2021/ranking?group=CUM-1&period=2021-Q1"));
    const cluster = res.clusters[0];
    expect(cluster.code).toBe("CUM-1");
    const unit = (code: string) => cluster.units.find((u: { unit: string }) => u.unit === code);
    const ratio = (code: string, c: string) => unit(code).criteria.find((x: { criterion: string }) => x.criterion === c).ratio;
    // Phú Quốc sent Q1 on 8 April 09:00; due 5 April 17:00 + 7 h grace → 3 started days late → 70 %.
    expect(ratio("H-PHUQUOC", "timeliness")).toBeCloseTo(0.7, 9);
    expect(ratio("H-RACHGIA", "timeliness")).toBe(1);
    expect(ratio("H-HATIEN", "pledge")).toBe(0);
    expect(ratio("H-RACHGIA", "pledge")).toBe(1);
    expect(ratio("H-KIENLUONG", "registration")).toBe(0);
    expect(ratio("H-RACHGIA", "completeness")).toBeCloseTo(6 / 10, 9);
    expect(cluster.units.map((u: { rank: number }) => u.rank)).toEqual([1, 2, 3, 4, 5]);
    const csv = parseCsv(await (await get("/api/campaigns/kg-2021/exports/ranking?group=CUM-1&period=2021-Q1&format=csv")).arrayBuffer());
    const header = csv.find((r) => r[0] === "Xếp hạng")!;
    const page = await (await get("/admin/c/kg-2021/ranking?group=CUM-1&period=2021-Q1")).text();
    for (const u of cluster.units) {
      const line = csv.find((r) => r[1] === u.name)!;
      expect(Number(line[header.indexOf("Tổng điểm")])).toBe(u.totalScore);
      expect(Number(line[0])).toBe(u.rank);
      const row = new RegExp(`data-unit="${u.unit}">[\\s\\S]*?data-field="total"><strong>([^<]*)<`).exec(page);
      expect(viNumber(row?.[1] ?? "")).toBe(u.totalScore);
    }
  });

  it("standings list who has not reported, registered or signed", async () => {
    const res = await json(get("/api/campaigns/kg-2021/standings?period=2021-Q1"));
    const s = (code: string) => res.units.find((u: { unit: string }) => u.unit === code);
    expect(s("H-KIENLUONG")).toMatchObject({ reportsSent: 0, reportsOwed: 10, missedDeadlines: ["bao-cao-quy-1"], registeredAt: null, pledges: { "CUM-1": false } });
    expect(s("H-RACHGIA")).toMatchObject({ reportsSent: 6, missedDeadlines: [], pledges: { "CUM-1": true } });
    expect(res.units.some((u: { unit: string }) => u.unit === "BTDKT")).toBe(false);
    const page = await (await get("/admin/c/kg-2021/missing?period=2021-Q1")).text();
    expect(page).toContain("Huyện Kiên Lương");
    expect(page).toMatch(/Chưa đăng ký thi đua \(51\)/);
  });
});
