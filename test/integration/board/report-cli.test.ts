/** `report progress` (operator CLI): an aligned text table, CSV on stdout, XLSX to a file, clear errors. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportProgressCommand } from "../../../src/app/board/report-progress-command";
import { cliRunner } from "../../helpers/cli-runner";
import type { BotHarness } from "../../helpers/bot-harness";
import { createBoardHarness } from "./board-env";

describe("report progress", () => {
  let h: BotHarness;
  let dir: string;
  let run: (...args: string[]) => Promise<string>;

  beforeAll(async () => {
    h = await createBoardHarness("sqlite");
    dir = mkdtempSync(path.join(tmpdir(), "thidua-report-"));
    run = cliRunner(h, reportProgressCommand);
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await h?.close();
  });

  it("prints an aligned table: one line per indicator, columns lined up", async () => {
    const text = await run("--campaign", "kg-2021", "--period", "2021-Q1");
    const lines = text.split("\n");
    expect(lines).toContain("BÁO CÁO TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2021");
    expect(lines).toContain("Kỳ báo cáo: Quý I năm 2021");
    const header = lines.find((l) => l.startsWith("STT"))!;
    const budget = lines.find((l) => l.includes("Tổng thu ngân sách trên địa bàn"))!;
    expect(budget).toMatch(/11\.560\s+3\.488,75\s+–\s+30,2%\s+25%\s+Đúng tiến độ/);
    // Right-aligned numbers end under the end of their header.
    const end = (line: string, word: string) => [...line.slice(0, line.indexOf(word) + word.length)].length;
    expect(end(budget, "3.488,75")).toBe(end(header, "Thực hiện"));
    expect(lines.filter((l) => /^\s*\d+\s/.test(l))).toHaveLength(35);
    expect(lines).toContain("▸ Kinh tế");
  });

  it("writes CSV to stdout and XLSX to a file; by unit too", async () => {
    const csv = await run("--campaign", "kg-2021", "--period", "2021-Q1", "--format", "csv");
    expect(csv.split("\r\n").some((l) => l.startsWith("12,Tổng thu ngân sách trên địa bàn,tỷ đồng,≥,11560,3488.75"))).toBe(true);
    const file = path.join(dir, "q1.xlsx");
    expect(await run("--campaign", "kg-2021", "--period", "2021-Q1", "--format", "xlsx", "--out", file)).toMatch(/^written .*q1\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const values: unknown[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((c) => values.push(c.value)));
    expect(values).toContain(3488.75);
    const byUnit = await run("--campaign", "kg-2021", "--period", "2021-Q1", "--by", "unit", "--format", "csv");
    expect(byUnit).toMatch(/Thành phố Rạch Giá,0\.05,(,)+850,35\.42,/);
  });

  it("fails with a one-line reason on bad input", async () => {
    await expect(run("--campaign", "kg-2021")).rejects.toThrow(/usage: report progress/);
    await expect(run("--campaign", "nope", "--period", "2021-Q1")).rejects.toThrow(/unknown campaign nope/);
    await expect(run("--campaign", "kg-2021", "--period", "Q5")).rejects.toThrow(/not a period code: Q5/);
    await expect(run("--campaign", "kg-2021", "--period", "2021-Q1", "--format", "pdf")).rejects.toThrow(/--format must be text, csv or xlsx/);
  });
});
