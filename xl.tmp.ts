import ExcelJS from "exceljs";
import { renderXlsx } from "./src/reports/report-xlsx";
const table = { sheetName: "A", title: "TỔNG HỢP ĐĂNG KÝ", dateLine: "Kiên Giang, ngày 1", columns: [{header:"STT", format:"integer" as const, width:6},{header:"Đơn vị", format:"text" as const, width:30}], rows: [{cells:[1,"UBND thành phố Rạch Giá"]}], signature: "NGƯỜI LẬP BIỂU" };
const b1 = await renderXlsx(table); const b2 = await renderXlsx({...table, sheetName: "B", title: "GIAO ƯỚC"});
const w1 = new ExcelJS.Workbook(); await w1.xlsx.load(Buffer.from(b1) as any);
const w2 = new ExcelJS.Workbook(); await w2.xlsx.load(Buffer.from(b2) as any);
const src = w2.worksheets[0]!;
const dst = w1.addWorksheet("B", { pageSetup: src.pageSetup, views: src.views });
const m = src.model as any;
dst.model = { ...m, name: "B", id: dst.id, mergeCells: m.merges };
const out = await w1.xlsx.writeBuffer();
const w3 = new ExcelJS.Workbook(); await w3.xlsx.load(out as any);
for (const ws of w3.worksheets) { console.log(ws.name, Object.keys((ws as any)._merges), ws.pageSetup.orientation, ws.getCell(4,2).fill, ws.getRow(5).height); ws.eachRow((r,i)=>console.log(i, JSON.stringify(r.values))); }
