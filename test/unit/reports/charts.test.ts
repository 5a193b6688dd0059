import { Resvg } from "@resvg/resvg-js";
import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadFontMetrics, resolveChartFonts } from "../../../src/reports/chart-fonts";
import { buildProgressChartSvg, renderProgressChart } from "../../../src/reports/progress-chart";
import { progressChartData } from "../../../src/reports/progress-chart-data";
import { buildRankingChartSvg, renderRankingChart } from "../../../src/reports/ranking-chart";
import { resvgOptions, wrapText } from "../../../src/reports/svg-kit";
import { INDICATORS } from "../ranking/board-fixtures";
import { rankings, snapshot, t } from "./report-fixtures";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Dark pixels inside a box: proves text was actually drawn (no font → nothing drawn at all). */
function darkPixels(svg: string, box: { x: number; y: number; w: number; h: number }): number {
  const img = new Resvg(svg, resvgOptions()).render();
  const px = img.pixels; // a getter that copies the whole buffer: read it once
  let dark = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (y * img.width + x) * 4;
      if ((px[i] ?? 255) < 100 && (px[i + 1] ?? 255) < 100) dark++;
    }
  }
  return dark;
}

function save(name: string, png: Uint8Array): void {
  mkdirSync("test-artifacts", { recursive: true });
  writeFileSync(`test-artifacts/${name}`, png);
}

const chartData = progressChartData({ rows: snapshot.province, indicators: INDICATORS, period: "2021-Q1", t, subtitle: "Tỉnh Kiên Giang" });

describe("font", () => {
  it("DejaVu Sans covers every Vietnamese letter", () => {
    const m = loadFontMetrics(resolveChartFonts().regular);
    const letters = "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";
    for (const ch of letters + letters.toUpperCase()) expect(m.hasGlyph(ch.codePointAt(0)!), ch).toBe(true);
  });
  it("wraps long Vietnamese labels by measured width and ellipsizes past the line limit", () => {
    const m = loadFontMetrics(resolveChartFonts().regular);
    const lines = wrapText("Đảm bảo an ninh chính trị và trật tự an toàn xã hội trên địa bàn", 250, 19, m, 2);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(m.width(l, 19)).toBeLessThanOrEqual(250);
    expect(lines[1]!.endsWith("…")).toBe(true);
  });
});

describe("progressChartData", () => {
  it("writes value lines the board reads: against target, against last year, yes/no, units reported, stale", () => {
    const byLabel = new Map(chartData.rows.map((r) => [r.label, r]));
    expect(byLabel.get("Tổng thu ngân sách trên địa bàn")).toMatchObject({ detail: "3.200 / 11.560 tỷ đồng · 2/3 đơn vị báo cáo", expectedCompletion: 0.25, group: "Kinh tế" });
    expect(byLabel.get("Tai nạn giao thông: số vụ")?.detail).toBe("21 vụ (cùng kỳ: 26) · 2/3 đơn vị báo cáo");
    expect(byLabel.get("Tăng trưởng kinh tế (GRDP)")).toMatchObject({ detail: "-1,2% / 6,01%", expectedCompletion: null, status: "behind" });
    expect(byLabel.get("Đảm bảo an ninh chính trị và trật tự an toàn xã hội trên địa bàn")?.detail).toContain("Đạt");
    const h1 = progressChartData({ rows: snapshot.province.map((r) => ({ ...r, isStale: true, throughMonth: 3 })), indicators: INDICATORS, period: "2021-H1", t });
    expect(h1.title).toBe("Tiến độ thực hiện chỉ tiêu thi đua – 6 tháng đầu năm 2021");
    expect(h1.rows[2]?.detail).toContain("số liệu đến tháng 3");
  });
});

describe("renderProgressChart", () => {
  it("produces a phone-width PNG", () => {
    const png = renderProgressChart(chartData, { t });
    save("progress-chart-test.png", png);
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    const { width, height } = pngSize(png);
    expect(width).toBe(960);
    expect(height).toBeGreaterThan(600);
  });

  it("labels are Vietnamese, one bar per reported indicator, and the title is really drawn", () => {
    const svg = buildProgressChartSvg(chartData, { t });
    expect(svg).toContain("Tiến độ thực hiện chỉ tiêu thi đua – Quý I năm 2021");
    expect(svg).toContain("Tổng thu ngân sách trên địa bàn");
    expect(svg).toContain("3.200 / 11.560 tỷ đồng");
    expect(svg).toContain("Chưa có số liệu");
    expect(svg).toContain("Đúng tiến độ");
    expect(darkPixels(svg, { x: 28, y: 30, w: 600, h: 30 })).toBeGreaterThan(500);
  });

  it("draws a negative completion to the left of zero", () => {
    const svg = buildProgressChartSvg(
      { title: "x", rows: [{ label: "Tăng trưởng kinh tế (GRDP)", completion: -0.2, status: "behind" }] },
      { t },
    );
    expect(svg).toContain("-20%");
    expect(svg).toContain("#d1372e");
  });
});

describe("renderRankingChart", () => {
  it("produces a PNG with every unit of the cluster and its total", () => {
    const cluster = rankings[0]!;
    const png = renderRankingChart(cluster, { t, subtitle: "Quý I năm 2021" });
    save("ranking-chart-test.png", png);
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png).width).toBe(960);
    const svg = buildRankingChartSvg(cluster, { t });
    expect(svg).toContain("Xếp hạng thi đua – Cụm thi đua số 1");
    expect(svg).toContain("UBND thành phố Phú Quốc");
    expect(svg).toContain("91,25 điểm");
    expect(svg).toContain("Điểm cộng");
    expect(svg).not.toContain("Điểm trừ");
  });
});
