import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { dateLine, periodLabel } from "../../../src/reports/board-labels";
import { exportProgressByIndicator, exportProgressByUnit, exportRanking, exportRegistrations } from "../../../src/reports/export-report";
import type { RegistrationRow } from "../../../src/reports/registration-table";
import { INDICATORS } from "../ranking/board-fixtures";
import { UNITS, ctx, rankings, snapshot, t } from "./report-fixtures";

async function loadSheet(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no sheet");
  return ws;
}

/** Finds the row whose first data cells match, e.g. the row of an indicator or unit by its name in column 2. */
function rowWith(ws: ExcelJS.Worksheet, col: number, text: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(col).value === text) found = row;
  });
  if (!found) throw new Error(`no row with ${text}`);
  return found;
}

function allText(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && out.push(c.value)));
  return out;
}

/** Minimal RFC 4180 reader for the read-back. */
function parseCsv(text: string): string[][] {
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

function decodeCsv(bytes: Uint8Array): string[][] {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3)));
}

const progressInput = { rows: snapshot.province, indicators: INDICATORS, period: "2021-Q1", ctx };

describe("labels", () => {
  it("names periods the Vietnamese way", () => {
    expect(["2021-M03", "2021-Q1", "2021-Q4", "2021-H1", "2021-H2", "2021-9M", "2021-Y"].map((p) => periodLabel(p, t))).toEqual([
      "Tháng 3 năm 2021",
      "Quý I năm 2021",
      "Quý IV năm 2021",
      "6 tháng đầu năm 2021",
      "6 tháng cuối năm 2021",
      "9 tháng năm 2021",
      "Năm 2021",
    ]);
  });
  it("writes the date line in Việt Nam time, zero-padding days and Jan–Feb as official documents do", () => {
    expect(dateLine("Kiên Giang", new Date("2021-02-02T18:00:00Z"), t)).toBe("Kiên Giang, ngày 03 tháng 02 năm 2021");
    expect(dateLine("Kiên Giang", new Date("2021-11-20T03:00:00Z"), t)).toBe("Kiên Giang, ngày 20 tháng 11 năm 2021");
  });
});

describe("(a) progress by indicator", () => {
  it("XLSX: title, period, date line, Vietnamese headers, numbers stored as numbers with formats", async () => {
    const ws = await loadSheet(await exportProgressByIndicator(progressInput, "xlsx"));
    const texts = allText(ws);
    expect(texts).toContain("BÁO CÁO TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU THI ĐUA NĂM 2021");
    expect(texts).toContain("Kỳ báo cáo: Quý I năm 2021");
    expect(texts).toContain("Kiên Giang, ngày 05 tháng 4 năm 2021");
    expect(texts).toEqual(expect.arrayContaining(["STT", "Chỉ tiêu", "Kế hoạch năm", "Thực hiện", "Tỷ lệ so với kế hoạch", "Đánh giá", "Kinh tế"]));
    const budget = rowWith(ws, 2, "Tổng thu ngân sách trên địa bàn");
    expect(budget.getCell(5).value).toBe(11560);
    expect(budget.getCell(6).value).toBe(3200);
    expect(budget.getCell(6).numFmt).toBe("#,##0");
    expect(budget.getCell(8).value).toBeCloseTo(3200 / 11560, 6);
    expect(budget.getCell(8).numFmt).toBe("0.0%");
    expect(budget.getCell(10).value).toBe("Đúng tiến độ");
    const rice = rowWith(ws, 2, "Tổng sản lượng lúa");
    expect(rice.getCell(6).value).toBe(1.03);
    expect(rice.getCell(6).numFmt).toBe("#,##0.0##");
    const accidents = rowWith(ws, 2, "Tai nạn giao thông: số vụ");
    expect([accidents.getCell(4).value, accidents.getCell(6).value, accidents.getCell(7).value]).toEqual(["Giảm so với cùng kỳ", 21, 26]);
  });

  it("CSV: BOM, Vietnamese intact, plain numbers, percentages as numbers", async () => {
    const rows = decodeCsv(await exportProgressByIndicator(progressInput, "csv"));
    expect(rows[0]?.[0]).toBe("UBND TỈNH KIÊN GIANG");
    expect(rows.map((r) => r[0])).toContain("Kiên Giang, ngày 05 tháng 4 năm 2021");
    const header = rows.find((r) => r[0] === "STT")!;
    expect(header).toContain("Tỷ lệ so với kế hoạch (%)");
    const budget = rows.find((r) => r[1] === "Tổng thu ngân sách trên địa bàn")!;
    expect(Number(budget[header.indexOf("Thực hiện")])).toBe(3200);
    expect(Number(budget[header.indexOf("Tỷ lệ so với kế hoạch (%)")])).toBeCloseTo(27.68, 2);
    const grdp = rows.find((r) => r[1] === "Tăng trưởng kinh tế (GRDP)")!;
    expect(Number(grdp[header.indexOf("Thực hiện")])).toBe(-1.2);
    expect(grdp[header.indexOf("Đánh giá")]).toBe("Chậm tiến độ");
  });
});

describe("(b) progress by unit", () => {
  it("units as rows under their cluster, indicator names as upper headers", async () => {
    const input = { rows: snapshot.units, indicators: INDICATORS, units: UNITS, period: "2021-Q1", ctx };
    const ws = await loadSheet(await exportProgressByUnit(input, "xlsx"));
    const texts = allText(ws);
    expect(texts).toEqual(expect.arrayContaining(["Cụm thi đua số 1", "Cụm thi đua số 2", "Tổng thu ngân sách trên địa bàn", "Thực hiện (tỷ đồng)"]));
    const rachGia = rowWith(ws, 2, "UBND thành phố Rạch Giá");
    expect(rachGia.getCell(3).value).toBe(1850.5);
    expect(rachGia.getCell(4).value).toBeCloseTo(1850.5 / 6800, 6);
    const csv = decodeCsv(await exportProgressByUnit(input, "csv"));
    const header = csv.find((r) => r[0] === "STT")!;
    expect(header[2]).toBe("Tổng thu ngân sách trên địa bàn - Thực hiện (tỷ đồng)");
    expect(csv.find((r) => r[1] === "UBND huyện U Minh Thượng")?.[4]).toBe("0.62");
  });
});

describe("(c) registrations and pledges", () => {
  const rows: RegistrationRow[] = [
    {
      unitId: "rach-gia",
      unitName: "UBND thành phố Rạch Giá",
      clusterName: "Cụm thi đua số 1",
      registeredAt: new Date("2021-03-10T20:00:00Z"),
      titles: ["Cờ thi đua của UBND tỉnh", "Tập thể lao động xuất sắc"],
      receiptNo: "DK-2021-001",
      pledgeSignedAt: new Date("2021-03-20T03:00:00Z"),
      signedBy: "Nguyễn Thị Hường",
    },
    { unitId: "kien-hai", unitName: "UBND huyện Kiên Hải", clusterName: "Cụm thi đua số 1", registeredAt: null, titles: [], pledgeSignedAt: null },
  ];
  it("dates are real dates of the Việt Nam calendar day; missing registrations say so", async () => {
    const ws = await loadSheet(await exportRegistrations({ rows, year: 2021, ctx }, "xlsx"));
    const rg = rowWith(ws, 2, "UBND thành phố Rạch Giá");
    expect(rg.getCell(4).value).toEqual(new Date(Date.UTC(2021, 2, 11)));
    expect(rg.getCell(4).numFmt).toBe("dd/mm/yyyy");
    expect(rg.getCell(5).value).toBe("Cờ thi đua của UBND tỉnh; Tập thể lao động xuất sắc");
    expect(rowWith(ws, 2, "UBND huyện Kiên Hải").getCell(3).value).toBe("Chưa đăng ký");
    const csv = decodeCsv(await exportRegistrations({ rows, year: 2021, ctx }, "csv"));
    const line = csv.find((r) => r[1] === "UBND thành phố Rạch Giá")!;
    expect([line[3], line[6], line[7]]).toEqual(["11/03/2021", "20/03/2021", "Nguyễn Thị Hường"]);
  });
});

describe("(d) ranking", () => {
  it("shows criterion points, the adjustment and its reason apart, and the total", async () => {
    const ws = await loadSheet(await exportRanking({ rankings, period: "2021-Q1", ctx }, "xlsx"));
    const texts = allText(ws);
    expect(texts).toEqual(expect.arrayContaining(["BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG THI ĐUA CỤM, KHỐI NĂM 2021", "Hoàn thành chỉ tiêu (tối đa 50)"]));
    const pq = rowWith(ws, 2, "UBND thành phố Phú Quốc");
    expect(pq.getCell(1).value).toBe(2);
    expect(pq.getCell(8).value).toBe(88.75);
    expect(pq.getCell(9).value).toBe(2.5);
    expect(pq.getCell(9).numFmt).toBe("+0.00;-0.00;0.00");
    expect(pq.getCell(10).value).toBe("+2,5: Mô hình “Dân vận khéo” được nhân rộng");
    expect(pq.getCell(11).value).toBe(91.25);
    const csv = decodeCsv(await exportRanking({ rankings, period: "2021-Q1", ctx }, "csv"));
    const header = csv.find((r) => r[0] === "Xếp hạng")!;
    expect(header).toContain("Điểm cộng (+), trừ (-)");
    const row = csv.find((r) => r[1] === "UBND thành phố Phú Quốc")!;
    expect(Number(row[header.indexOf("Tổng điểm")])).toBe(91.25);
  });
});
