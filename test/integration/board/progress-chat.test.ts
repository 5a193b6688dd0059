/**
 * /tiendo and /bieudo through the real conversation core (harness): a unit officer sees the unit, a board officer
 * the province or any unit, free progress questions reach the same answers, the chart arrives as a PNG.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotHarness } from "../../helpers/bot-harness";
import { testDbKinds } from "../../helpers/test-db";
import { createBoardHarness } from "./board-env";

describe.each(testDbKinds())("progress in chat on %s", (kind) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBoardHarness(kind);
    await h.link("rg", "officer", "H-RACHGIA");
    await h.link("board", "board", "BTDKT");
    await h.link("kh", "officer", "H-KIENHAI", "zalo-bot");
  }, 120_000);
  afterAll(async () => h?.close());

  const lastImage = (channel: "telegram" | "zalo-bot" = "telegram") => (channel === "telegram" ? h.senders.telegram : h.senders.zalo).sent.at(-1)?.msg;

  it("/tiendo: the officer's unit, one line per indicator, fitting a phone", async () => {
    const [text] = await h.say("/tiendo", { user: "rg" });
    expect(text).toContain("Tiến độ – Thành phố Rạch Giá");
    expect(text).toContain("Quý 1/2021 · đã qua 25% thời gian của năm");
    expect(text).toContain("🟢 Tổng thu ngân sách trên địa bàn: 850 tỷ đồng = 35,4% KH · cần 25%");
    expect(text).toContain("Tổng sản lượng lúa: 0,05 triệu tấn · chưa đăng ký chỉ tiêu riêng");
    expect(text).toContain("🟢 Tai nạn giao thông: số vụ: 12 vụ (cùng kỳ: 15)");
    expect(text).toMatch(/Chưa báo cáo \(4\): Tổng sản lượng khai thác và nuôi trồng thủy sản; Sản lượng tôm nuôi; Tai nạn giao thông: số người chết; Tai nạn giao thông: số người bị thương/);
    expect(text).toMatch(/Còn \d+ chỉ tiêu báo cáo theo 6 tháng hoặc cả năm, chưa đến kỳ\./);
    const lines = text!.split("\n");
    expect(lines.length).toBeLessThan(25);
    expect(text!.length).toBeLessThan(2000);
  });

  it("/tiendo for the board: the province; /tiendo <unit> and a period for any unit", async () => {
    const [province] = await h.say("/tiendo", { user: "board" });
    expect(province).toContain("Tiến độ toàn tỉnh Kiên Giang");
    expect(province).toContain("Tổng thu ngân sách trên địa bàn: 3.488,75 tỷ đồng = 30,2% KH · cần 25% (8/47 đơn vị)");
    const [unit] = await h.say("/tiendo H-PHUQUOC quý 1", { user: "board" });
    expect(unit).toContain("Tiến độ – Thành phố Phú Quốc");
    expect(unit).toContain("1.300 tỷ đồng");
    const [h1] = await h.say("/tiendo h-rachgia 6 tháng", { user: "board" });
    expect(h1).toContain("6 tháng đầu năm 2021");
  });

  it("an officer cannot look at another unit; bad periods and codes get clear answers", async () => {
    expect((await h.say("/tiendo H-PHUQUOC", { user: "rg" }))[0]).toContain("chỉ xem được tiến độ của đơn vị mình");
    expect((await h.say("/tiendo 2020-Q1", { user: "rg" }))[0]).toContain("Kỳ \"2020-Q1\" không đúng");
    expect((await h.say("/tiendo H-NOWHERE", { user: "board" }))[0]).toContain("Không tìm thấy đơn vị có mã H-NOWHERE");
    expect((await h.say("/tiendo", { user: "stranger" }))[0]).toContain("chưa được liên kết");
  });

  it("/bieudo sends the unit's chart as a PNG with a caption, on Telegram and on Zalo", async () => {
    const [caption] = await h.say("/bieudo", { user: "rg" });
    expect(caption).toMatch(/^Biểu đồ tiến độ – Thành phố Rạch Giá, Quý 1\/2021: 4 chỉ tiêu đạt\/đúng tiến độ, 0 có nguy cơ chậm, 0 chậm\.$/);
    const png = lastImage()?.imagePng;
    expect(png && Buffer.from(png).subarray(1, 4).toString()).toBe("PNG");
    const [province] = await h.say("/bieudo", { user: "board" });
    expect(province).toContain("Biểu đồ tiến độ – Toàn tỉnh");
    expect(lastImage()?.imagePng?.byteLength).toBeGreaterThan(10_000);
    // Kiên Hải has sent nothing: no empty chart, a hint instead (Zalo writes commands without "/").
    const [empty] = await h.say("bieu do", { user: "kh", channel: "zalo-bot" });
    expect(empty).toContain("Chưa có số liệu nào để vẽ biểu đồ cho Huyện Kiên Hải");
    expect(lastImage("zalo-bot")?.imagePng).toBeUndefined();
  });

  it("keeps figures out of group chats (the plan does not allow them there)", async () => {
    const [reply] = await h.say("/tiendo", { user: "rg", group: "-100777" });
    expect(reply).toContain("chỉ xem trong chat riêng");
    expect(reply).not.toContain("850");
  });

  it("free progress questions reach the same answers", async () => {
    const [mine] = await h.say("tiến độ đơn vị mình", { user: "rg" });
    expect(mine).toContain("Tiến độ – Thành phố Rạch Giá");
    const [budget] = await h.say("thu ngân sách tới giờ đạt bao nhiêu % kế hoạch rồi?", { user: "rg" });
    expect(budget).toContain("**Tổng thu ngân sách trên địa bàn** – Quý 1/2021");
    expect(budget).toContain("• Thành phố Rạch Giá: 850 tỷ đồng = 35,4% KH · cần 25%");
    expect(budget).toContain("• Toàn tỉnh: 3.488,75 tỷ đồng = 30,2% KH · cần 25% · Đúng tiến độ");
    const [rank] = await h.say("cụm mình xếp thứ mấy?", { user: "rg" });
    expect(rank).toMatch(/Thành phố Rạch Giá: hạng \d\/5 trong Cụm thi đua số 1/);
  });
});
