/**
 * The dashboard in a real browser (Debian chromium + playwright-core): sign in with the admin token, walk every
 * page on a laptop and on a phone, add a ranking adjustment through the form, download an export. Screenshots are
 * kept in test-artifacts/ for people to look at.
 */
import { mkdirSync, readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotHarness } from "../helpers/bot-harness";
import { createBoardHarness, startBoardServer, TOKEN } from "../integration/board/board-env";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = "test-artifacts";
const LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

describe("dashboard in chromium", () => {
  let h: BotHarness;
  let server: Awaited<ReturnType<typeof startBoardServer>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await createBoardHarness("sqlite");
    server = await startBoardServer(h.runtime);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.close();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${server.url}/admin`);
    await expect.poll(() => page.url()).toContain("/admin/login");
    await page.fill("#token", "wrong-token-wrong-token");
    await page.click("button[type=submit]");
    expect(await page.textContent(".flash.err")).toContain("không đúng");
    await page.fill("#token", TOKEN);
    await Promise.all([page.waitForURL(/\/admin\/c\/kg-2021/), page.click("button[type=submit]")]);
  }

  /** Scrolls every (lazy) chart into view and waits until all have loaded. */
  async function imagesLoaded(page: Page): Promise<void> {
    for (const img of await page.$$("img")) await img.scrollIntoViewIfNeeded();
    // Expressions as strings (this project compiles without the DOM library), polled from here: the pages' CSP
    // forbids the eval that waitForFunction would need.
    await expect.poll(() => page.evaluate("[...document.images].every((i) => i.complete && i.naturalWidth > 0)"), { timeout: 60_000 }).toBe(true);
    await page.evaluate("window.scrollTo(0, 0)");
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-${name}.png`, fullPage: true });
  }

  /** A phone browser widens its layout viewport to fit wide content, so compare with the device width itself. */
  async function noSideScroll(page: Page, width = 390): Promise<void> {
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(width);
  }

  it("on a laptop: sign in, every page, an adjustment through the form, an export download", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true, locale: "vi-VN" });
    const page = await context.newPage();
    await signIn(page);
    const cookie = (await context.cookies()).find((c) => c.name === "thidua_admin");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(await page.textContent("h1")).toContain("Kế hoạch");
    expect(await page.textContent("#indicators")).toContain("Tổng thu ngân sách trên địa bàn");
    await imagesLoaded(page);
    await shot(page, "overview-laptop");

    await page.click("nav.tabs >> text=Đơn vị");
    await page.waitForSelector("#units");
    await shot(page, "units-laptop");
    await Promise.all([page.waitForURL(/units\/H-HATIEN/), page.click("#units a:text('Thành phố Hà Tiên')")]);
    expect(await page.textContent("#history")).toContain("đã được đính chính");
    await shot(page, "unit-laptop");

    await page.click("nav.tabs >> text=Chưa báo cáo");
    expect(await page.textContent("#missing-reports")).toContain("Huyện Kiên Lương");
    await shot(page, "missing-laptop");

    await page.click("nav.tabs >> text=Xếp hạng");
    await page.selectOption("select[name=unit]", "H-KIENHAI");
    await page.fill("input[name=points]", "2.5");
    await page.fill("textarea[name=reason]", "Mô hình \"Dân vận khéo\" <được nhân rộng> & biểu dương");
    await Promise.all([page.waitForURL(/saved=/), page.click("form.stack button[type=submit]")]);
    expect(await page.textContent(".flash.ok")).toContain("+2.5");
    expect(await page.textContent("#adjustments")).toContain("Mô hình \"Dân vận khéo\" <được nhân rộng> & biểu dương");
    await imagesLoaded(page);
    await shot(page, "ranking-laptop");

    await page.click("nav.tabs >> text=Nhật ký");
    expect(await page.textContent("#audit")).toContain("ranking.adjusted");
    expect(await page.textContent(".flash.ok")).toContain("toàn vẹn");
    await shot(page, "audit-laptop");
    await page.click("nav.tabs >> text=Tin gửi lỗi");
    await shot(page, "outbox-laptop");

    await page.click("nav.tabs >> text=Tổng quan");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("ul.exports li:has-text('Tiến độ theo chỉ tiêu') a:text('XLSX')")]);
    expect(download.suggestedFilename()).toBe("tien-do-kg-2021-2021-Q1.xlsx");
    const path = `${ARTIFACTS}/dashboard-download.xlsx`;
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const values: unknown[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).toContain("Tổng thu ngân sách trên địa bàn");
    expect(values).toContain(3488.75);
    await context.close();
  }, 120_000);

  it("on a phone: readable pages without sideways scrolling of the page", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "vi-VN" });
    const page = await context.newPage();
    await signIn(page);
    await imagesLoaded(page);
    await noSideScroll(page);
    await shot(page, "overview-phone");
    for (const [path, name] of [["/units", "units"], ["/units/H-RACHGIA", "unit"], ["/missing", "missing"], ["/ranking", "ranking"]] as const) {
      await page.goto(`${server.url}/admin/c/kg-2021${path}`);
      await imagesLoaded(page);
      await noSideScroll(page);
      await shot(page, `${name}-phone`);
    }
    await context.close();
  }, 120_000);
});
