import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotHarness } from "../../helpers/bot-harness";
import { testDbKinds } from "../../helpers/test-db";
import { ask, buttonsOf, createRegistrationHarness, mark, press, sentTo } from "./registration-fixtures";

describe.each(testDbKinds())("cluster pledge (/giaouoc) on %s", (kind) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createRegistrationHarness(kind);
    await h.link("lead", "cluster_leader", "H-RACHGIA");
    await h.link("head", "unit_head", "H-RACHGIA");
    await h.link("off", "officer", "H-RACHGIA");
    await h.link("zhead", "unit_head", "H-HATIEN", "zalo-bot");
    await h.link("zoff", "officer", "H-HATIEN", "zalo-bot");
    await h.say("/ganhom CUM-1", { user: "lead", group: "g-cum1" });
  });
  afterAll(async () => h.close());

  const pledgeRow = () => h.runtime.db.pledge.findFirst({ include: { signatures: true } });

  it("only the cluster leader opens the pledge; a member head is told it is not open yet", async () => {
    const fromGroup = await h.say("/giaouoc", { user: "lead", group: "g-cum1" });
    expect(fromGroup[0]).toContain("tin nhắn riêng");
    expect((await h.say("/giaouoc", { user: "head" }))[0]).toContain("chưa mở ký giao ước");
    const [compose] = await h.say("/giaouoc", { user: "lead" });
    expect(compose).toContain("Giao ước thi đua năm 2021 – Cụm thi đua số 1 (mẫu)");
    expect(compose).toContain("UBND thành phố Rạch Giá, UBND thành phố Hà Tiên");
    expect((await h.say("ab", { user: "lead" }))[0]).toContain("dòng 1 quá ngắn");
    const [preview] = await h.say("1. Hoàn thành 100% chỉ tiêu được giao\n- Không có cán bộ vi phạm kỷ luật", { user: "lead" });
    expect(preview).toContain("1. Hoàn thành 100% chỉ tiêu được giao\n2. Không có cán bộ vi phạm kỷ luật");
  });

  it("opens it: each member head gets a sign button and the cluster group is told", async () => {
    await press(h, "lead", "Sửa");
    const [template] = await press(h, "lead", "Dùng nội dung mẫu");
    expect(template).toContain("1. Phấn đấu hoàn thành và vượt các chỉ tiêu kinh tế - xã hội");
    // Hà Tiên's head is in the middle of a registration, typing a value, when the sign request arrives.
    await h.say("dang ky", { user: "zhead", channel: "zalo-bot" });
    await press(h, "zhead", "Tập thể lao động xuất sắc", "zalo-bot");
    await press(h, "zhead", "Tiếp tục", "zalo-bot");
    await press(h, "zhead", "Mức giảm tỷ lệ hộ nghèo đa chiều", "zalo-bot");
    const m = mark(h);
    const mz = mark(h, "zalo-bot");
    const replies = await press(h, "lead", "Mở ký giao ước");
    expect(replies[0]).toContain("2/2 đơn vị");
    expect(sentTo(h, "telegram", "head", m)[0]).toContain("Cụm thi đua số 1 (mẫu) đề nghị ký giao ước thi đua năm 2021");
    expect(buttonsOf(h, "telegram", "head").map((b) => b.label)).toEqual(["✍️ Ký giao ước"]);
    expect(sentTo(h, "zalo-bot", "zhead", mz)).toHaveLength(1);
    expect(sentTo(h, "telegram", "g:g-cum1", m)[0]).toContain("đã mở ký giao ước thi đua năm 2021");
    expect((await pledgeRow())?.status).toBe("open");
    // A second pledge for the same cluster and year is refused.
    await h.say("/giaouoc", { user: "lead" });
    expect(buttonsOf(h, "telegram", "lead").some((b) => b.label.includes("Nhắc đơn vị chưa ký"))).toBe(true);
  });

  it("each head signs once; the pledge shows who has signed", async () => {
    const m = mark(h);
    const [signed, status] = await press(h, "head", "Ký giao ước");
    expect(signed).toBe("✍️ UBND thành phố Rạch Giá đã ký giao ước thi đua của Cụm thi đua số 1 (mẫu).");
    expect(status).toContain("Đã ký: 1/2 đơn vị\n✅ UBND thành phố Rạch Giá – Phạm Thủ Trưởng, 01/03/2021 09:00");
    expect(status).toContain("Chưa ký:\n⏳ UBND thành phố Hà Tiên");
    expect(sentTo(h, "telegram", "lead", m)[0]).toBe("✍️ UBND thành phố Rạch Giá đã ký giao ước (1/2 đơn vị).");
    const again = await press(h, "head", "Ký giao ước");
    expect(again[0]).toContain("đã ký giao ước này rồi");
    // A focal officer cannot sign for the unit.
    expect((await h.say("", { user: "off", callback: `gu:s:${(await pledgeRow())!.id}` }))[0]).toContain("chỉ thủ trưởng đơn vị thành viên ký được");
  });

  it("the last head signs on Zalo by typing the number; everyone is told the pledge is complete", async () => {
    // A number typed in the middle of the registration stays an answer there, not the sign request's button.
    const [value] = await ask(h, "zhead", "1", "zalo-bot");
    expect(value).toContain("Đã nhập: 1 chỉ tiêu");
    expect((await pledgeRow())?.signatures).toHaveLength(1);
    await h.say("/huy", { user: "zhead", channel: "zalo-bot" });
    await h.say("/giaouoc", { user: "zhead", channel: "zalo-bot" });
    const m = mark(h);
    const mz = mark(h, "zalo-bot");
    const replies = await ask(h, "zhead", "1", "zalo-bot");
    expect(replies[0]).toContain("UBND thành phố Hà Tiên đã ký giao ước");
    const done = "🎉 Tất cả 2 đơn vị của Cụm thi đua số 1 (mẫu) đã ký giao ước thi đua năm 2021.";
    for (const user of ["head", "off", "lead"]) expect(sentTo(h, "telegram", user, m)).toContain(done);
    expect(sentTo(h, "zalo-bot", "zoff", mz)).toContain(done);
    expect(sentTo(h, "telegram", "g:g-cum1", m)).toContain(done);
    const row = await pledgeRow();
    expect(row?.status).toBe("complete");
    expect(row?.signatures).toHaveLength(2);
    expect(await h.runtime.db.auditLog.count({ where: { action: { startsWith: "pledge." } } })).toBe(4);
  });
});
