import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotHarness, type BotHarness } from "../../helpers/bot-harness";
import { seedKg2021 } from "../../helpers/seed-plan";

describe("criteria look-up in chat (sqlite)", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ kind: "sqlite", seedPlan: seedKg2021 });
  });
  afterAll(async () => h.close());

  it("answers an unlinked user's free question with criteria and a citation, for the campaign's regime", async () => {
    const [a] = await h.say("Tiêu chuẩn CSTĐCS năm 2021 gồm những gì vậy ạ?", { user: "guest" });
    expect(a).toMatch(/Chiến sĩ thi đua cơ sở/);
    expect(a).toMatch(/sáng kiến/i);
    expect(a).toMatch(/Điều|NĐ|Luật/);
    expect(h.lastButtons().some((b) => b.data.startsWith("crit:"))).toBe(true);
  });

  it("follows a bonus button to an exact amount", async () => {
    const bonus = h.lastButtons().find((b) => b.data.includes("bonus"));
    expect(bonus).toBeDefined();
    const [a] = await h.say("", { user: "guest", callback: bonus!.data });
    expect(a).toMatch(/1\.490\.000|đồng/);
  });

  it("/tieuchuan computes a bonus to the đồng with the base salary of the year", async () => {
    const [a] = await h.say("/tieuchuan Bằng khen Chủ tịch UBND tỉnh năm 2021: cá nhân và tập thể được thưởng bao nhiêu?", { user: "guest" });
    expect(a).toContain("1.490.000");
    expect(a).toContain("2.980.000");
  });

  it("declines what the knowledge base does not hold, with suggestions", async () => {
    const [a] = await h.say("/tieuchuan Danh sách các đơn vị được tặng Cờ thi đua UBND tỉnh Kiên Giang năm 2021?", { user: "guest" });
    expect(a?.toLowerCase()).toContain("không có dữ liệu");
  });

  it("works with numbered choices on Zalo", async () => {
    const [a] = await h.say("tieu chuan lao dong tien tien", { user: "zguest", channel: "zalo-bot" });
    expect(a).toMatch(/1\. /);
    const [b] = await h.say("1", { user: "zguest", channel: "zalo-bot" });
    expect(b?.length).toBeGreaterThan(20);
    expect(b).not.toContain("hết hiệu lực");
  });

  it("runs the advisory eligibility pre-check for a linked officer", async () => {
    await h.link("off", "officer", "H-RACHGIA");
    const replies = await h.say("Đơn vị tôi đủ điều kiện Cờ thi đua chưa?", { user: "off" });
    expect(replies.length).toBeGreaterThanOrEqual(1);
    const all = replies.join("\n");
    expect(all).toMatch(/Cờ thi đua/);
    // The pre-check names what is missing from the unit's own data (no figures, no registration yet).
    expect(all).toMatch(/Kiểm tra sơ bộ/);
    expect(all).toMatch(/[✗?]/);
  });
});
