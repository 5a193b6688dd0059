import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotHarness, type BotHarness } from "../../helpers/bot-harness";
import { seedKg2021 } from "../../helpers/seed-plan";
import { testDbKinds } from "../../helpers/test-db";
import { progressRepositoryFor } from "../../../src/app/runtime-lookups";

describe.each(testDbKinds())("conversational reporting on %s", (kind) => {
  let h: BotHarness;
  const current = () => {
    const c = h.runtime.campaigns.current()!;
    return progressRepositoryFor(h.runtime.db, h.runtime.campaigns).current(c.id);
  };
  beforeAll(async () => {
    h = await createBotHarness({ kind, seedPlan: seedKg2021 });
    await h.link("off", "officer", "H-RACHGIA");
    await h.link("zoff", "officer", "H-HATIEN", "zalo-bot");
    await h.link("board", "board");
  });
  afterAll(async () => h.close());

  it("free text → read-back (nothing stored) → confirm → stored with provenance", async () => {
    const [rb] = await h.say("Dạ em báo cáo: thu ngân sách trên địa bàn quý 1 đạt 3.200 tỷ đồng ạ.", { user: "off" });
    expect(rb).toContain("Tổng thu ngân sách");
    expect(rb).toContain("3.200 tỷ đồng");
    expect(rb).toContain("Quý 1/2021");
    expect(rb).toMatch(/27[,.]7% kế hoạch năm/);
    expect(await current()).toHaveLength(0);
    const [saved] = await h.say("", { user: "off", callback: "rep:ok" });
    expect(saved).toContain("Đã lưu");
    const rows = await current();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ indicatorCode: "budget_revenue", period: "2021-Q1", value: 3200, basis: "period", channel: "telegram" });
    expect(rows[0]?.rawText).toContain("3.200 tỷ đồng");
    expect(rows[0]?.unitId).toBe(h.runtime.org.unitByCode("H-RACHGIA")!.id);
    // Pressing the button again (a redelivered press) stores nothing more.
    await h.say("", { user: "off", callback: "rep:ok" });
    expect(await current()).toHaveLength(1);
  });

  it("a correction asks for a reason, supersedes and keeps the history", async () => {
    const [ask] = await h.say("thu NS quý 1 đạt 3.300 tỷ", { user: "off" });
    expect(ask).toContain("lý do");
    const [rb] = await h.say("nhập nhầm số liệu", { user: "off" });
    expect(rb).toContain("Thay thế");
    await h.say("1", { user: "off" }); // typed number = first button (Xác nhận) on every platform
    const rows = (await current()).filter((r) => r.indicatorCode === "budget_revenue");
    expect(rows.map((r) => r.value)).toEqual([3300]);
    expect(rows[0]?.correctionReason).toBe("nhập nhầm số liệu");
  });

  it("refuses a figure for another unit; the board may report for any unit by naming it", async () => {
    const [r] = await h.say("Thành phố Hà Tiên thu ngân sách quý 1 đạt 200 tỷ", { user: "off" });
    expect(r).toContain("chỉ được báo cáo số liệu của đơn vị mình");
    const [ask] = await h.say("thu ngân sách quý 1 đạt 150 tỷ", { user: "board" });
    expect(ask).toContain("đơn vị nào");
    const [rb] = await h.say("H-HATIEN", { user: "board" });
    expect(rb).toContain("Hà Tiên");
    await h.say("", { user: "board", callback: "rep:ok" });
    expect((await current()).some((x) => x.unitId === h.runtime.org.unitByCode("H-HATIEN")!.id && x.value === 150)).toBe(true);
  });

  it("asks back instead of guessing (two indicators, missing value, absurd value)", async () => {
    const [two] = await h.say("Sản lượng thủy sản quý 1 đạt 185.300 tấn, trong đó tôm nuôi 21.500 tấn", { user: "off" });
    expect(two).toContain("nhiều chỉ tiêu");
    expect(h.lastButtons().length).toBeGreaterThanOrEqual(2);
    await h.say("/huy", { user: "off" });
    const [missing] = await h.say("Dạ em báo cáo thu ngân sách quý 1 ạ", { user: "off" });
    expect(missing).toContain("bao nhiêu");
    const [absurd] = await h.say("Tỷ lệ người dân tham gia BHYT quý 1 đạt 190%", { user: "off" });
    expect(absurd).toMatch(/không hợp lý|vượt/);
    await h.say("/huy", { user: "off" });
  });

  it("works on Zalo with numbered choices, and survives a restart between read-back and confirmation", async () => {
    const [rb] = await h.say("giai quyet viec lam thang 3 duoc 3200 luot nguoi", { user: "zoff", channel: "zalo-bot" });
    expect(rb).toContain("3.200 lượt người");
    await h.restart();
    const [saved] = await h.say("1", { user: "zoff", channel: "zalo-bot" });
    expect(saved).toContain("Đã lưu");
    const row = (await current()).find((r) => r.indicatorCode === "jobs_created");
    expect(row).toMatchObject({ period: "2021-M03", value: 3200, channel: "zalo-bot" });
  });

  it("guided /baocao: group → indicator → period → value → read-back", async () => {
    await h.say("/baocao", { user: "off" });
    const groups = h.lastButtons();
    expect(groups.map((b) => b.data)).toContain("rep:g:kinh_te");
    await h.say("", { user: "off", callback: "rep:g:kinh_te" });
    expect(h.lastButtons().map((b) => b.data)).toContain("rep:i:social_investment");
    await h.say("", { user: "off", callback: "rep:i:social_investment" });
    await h.say("", { user: "off", callback: h.lastButtons()[0]!.data });
    const [rb] = await h.say("9.850", { user: "off" });
    expect(rb).toContain("9.850 tỷ đồng");
    const [saved] = await h.say("", { user: "off", callback: "rep:ok" });
    expect(saved).toContain("Đã lưu");
  });
});
