import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotHarness } from "../../helpers/bot-harness";
import { testDbKinds } from "../../helpers/test-db";
import { createPrismaRegistrationRepository } from "../../../src/storage/prisma-registration-repository";
import { AFTER_DEADLINE, ask, buttonsOf, createRegistrationHarness, mark, press, sentTo } from "./registration-fixtures";

describe.each(testDbKinds())("registration (/dangky) on %s", (kind) => {
  let h: BotHarness;
  let rachGia = "";
  beforeAll(async () => {
    h = await createRegistrationHarness(kind);
    await h.link("off", "officer", "H-RACHGIA");
    await h.link("head", "unit_head", "H-RACHGIA");
    await h.link("lead", "cluster_leader", "H-RACHGIA");
    await h.link("board", "board");
    await h.link("zoff", "officer", "H-HATIEN", "zalo-bot");
    await h.link("zhead", "unit_head", "H-HATIEN", "zalo-bot");
    await h.say("/ganhom CUM-1", { user: "lead", group: "g-cum1" });
    rachGia = h.runtime.org.unitByCode("H-RACHGIA")!.id;
  });
  afterAll(async () => h.close());

  const campaignId = () => h.runtime.campaigns.current()!.id;
  const history = (unitCode: string) => createPrismaRegistrationRepository(h.runtime.db).listUnitHistory(campaignId(), h.runtime.org.unitByCode(unitCode)!.id);

  it("offers only the collective titles valid for a district under the 2003 regime, and explains each refusal", async () => {
    const [intro, step] = await h.say("/dangky", { user: "off" });
    expect(intro).toContain("Đăng ký thi đua năm 2021 – UBND thành phố Rạch Giá");
    expect(intro).toContain("15/03/2021 17:00");
    expect(step).toContain("Bước 1/3");
    const labels = buttonsOf(h, "telegram", "off").map((b) => b.label).join("|");
    expect(labels).toContain("Tập thể lao động xuất sắc");
    expect(labels).toContain("Cờ thi đua của UBND tỉnh");
    expect(labels).not.toContain("Giấy khen");
    expect(labels).not.toContain("Lao động tiên tiến|");
    expect(labels).not.toContain("tiêu biểu");

    expect((await h.say("Ấp văn hóa", { user: "off" }))[0]).toContain("không áp dụng cho loại đơn vị này (huyện, thành phố)");
    expect((await h.say("xã, phường, thị trấn tiêu biểu", { user: "off" }))[0]).toContain("Luật Thi đua, khen thưởng 2003");
    expect((await h.say("LĐTT", { user: "off" }))[0]).toContain("dành cho cá nhân");
    expect((await h.say("danh hiệu gì đó lạ", { user: "off" }))[0]).toContain("Không nhận ra danh hiệu");
    expect((await h.say("cờ thi đua", { user: "off" }))[0]).toContain("nhiều danh hiệu");

    await press(h, "off", "Tập thể lao động xuất sắc");
    const typed = await h.say("Cờ thi đua tỉnh", { user: "off" });
    expect(typed.at(-1)).toContain("Đã chọn: Tập thể lao động xuất sắc; Cờ thi đua của UBND tỉnh");
  });

  it("takes commitments only in the indicator's measure and never below zero", async () => {
    const [commit] = await press(h, "off", "Tiếp tục");
    expect(commit).toContain("Bước 2/3");
    const labels = buttonsOf(h, "telegram", "off").map((b) => b.label);
    expect(labels.some((l) => l.startsWith("Tổng thu ngân sách trên địa bàn"))).toBe(true);
    expect(labels.some((l) => l.startsWith("Tăng trưởng kinh tế"))).toBe(false); // a department-only indicator
    const [ask] = await press(h, "off", "Tổng thu ngân sách trên địa bàn");
    expect(ask).toContain("đơn vị tính: tỷ đồng");
    expect((await h.say("-5", { user: "off" }))[0]).toContain("không được âm");
    expect((await h.say("3.200 tấn", { user: "off" }))[0]).toContain("tính bằng tỷ đồng, không phải “tấn”");
    const ok = await h.say("3.200 tỷ", { user: "off" });
    expect(ok[0]).toContain("Đã nhập: 1 chỉ tiêu");
    expect(buttonsOf(h, "telegram", "off").some((b) => b.label === "✅ Tổng thu ngân sách trên địa bàn: 3.200 tỷ đồng")).toBe(true);
    await press(h, "off", "Tỷ lệ dân số tham gia bảo hiểm y tế");
    // A typed "12" after an indicator is picked is a value, not the 12th button of the list shown before.
    await h.say("92", { user: "off" });
    expect(buttonsOf(h, "telegram", "off").some((b) => b.label.includes("bảo hiểm y tế: 92%"))).toBe(true);
  });

  it("reads individuals line by line, keeps the valid ones and reports the others", async () => {
    await press(h, "off", "Tiếp tục");
    const replies = await h.say(
      "Nguyễn Văn An – Lao động tiên tiến\n2. Trần Thị Bình: CSTĐCS, LĐTT\nLê Văn Cường – Cờ thi đua tỉnh\nNguyễn Văn An - LĐTT\nkhông theo mẫu",
      { user: "off" },
    );
    expect(replies[0]).toContain("Đã ghi 3 lượt");
    expect(replies[0]).toContain("Dòng 3");
    expect(replies[0]).toContain("không phải danh hiệu cá nhân");
    expect(replies[0]).toContain("Dòng 4");
    expect(replies[0]).toContain("trùng");
    expect(replies[0]).toContain("Dòng 5");
    expect(replies[0]).toContain("sai mẫu");
  });

  it("sends the draft to the unit head, who approves it: receipt to both, one line to the cluster group", async () => {
    const [summary] = await press(h, "off", "Tiếp tục");
    expect(summary).toContain("BẢN ĐĂNG KÝ THI ĐUA NĂM 2021 – UBND thành phố Rạch Giá");
    expect(summary).toContain("• Tổng thu ngân sách trên địa bàn: 3.200 tỷ đồng");
    expect(summary).toContain("• Lao động tiên tiến (2): Nguyễn Văn An, Trần Thị Bình");
    const m = mark(h);
    await press(h, "off", "Gửi thủ trưởng duyệt");
    expect(sentTo(h, "telegram", "off", m)[0]).toContain("Phạm Thủ Trưởng");
    const [review] = sentTo(h, "telegram", "head", m);
    expect(review).toContain("Lê Văn Cán đã soạn bản đăng ký thi đua năm 2021");
    expect(review).toContain("Chiến sĩ thi đua cơ sở (1): Trần Thị Bình");
    expect((await history("H-RACHGIA"))[0]?.status).toBe("pending");

    const m2 = mark(h);
    await press(h, "head", "Duyệt");
    expect(sentTo(h, "telegram", "head", m2)[0]).toContain("DK-2021-0001");
    expect(sentTo(h, "telegram", "off", m2)[0]).toMatch(/đã được Phạm Thủ Trưởng duyệt[\s\S]*DK-2021-0001/);
    expect(h.senders.telegram.sent.slice(m2).filter((s) => s.to === "telegram:g:g-cum1").map((s) => s.msg.text)).toEqual([
      "📋 UBND thành phố Rạch Giá đã đăng ký thi đua năm 2021 – số phiếu DK-2021-0001.",
    ]);
    const [v1] = await history("H-RACHGIA");
    expect(v1).toMatchObject({ version: 1, status: "submitted", receiptNo: "DK-2021-0001", titles: ["tap_the_lao_dong_xuat_sac", "co_thi_dua_cap_tinh"] });
    expect(v1?.commitments).toEqual([
      { indicatorCode: "budget_revenue", value: 3200, measure: "tỷ đồng" },
      { indicatorCode: "health_insurance_coverage", value: 92, measure: "%" },
    ]);
    expect(v1?.individuals).toHaveLength(3);
  });

  it("refuses a second registration and changes it only with a reason, keeping the old version", async () => {
    const [dup] = await h.say("dang ky", { user: "off" });
    expect(dup).toContain("đã đăng ký thi đua năm 2021 (số phiếu DK-2021-0001");
    expect(dup).toContain("không đăng ký lần thứ hai");
    const [ask] = await press(h, "off", "Thay đổi đăng ký");
    expect(ask).toContain("lý do thay đổi");
    expect((await h.say("ab", { user: "off" }))[0]).toContain("quá ngắn");
    await h.say("Bổ sung cá nhân đăng ký sau họp đơn vị", { user: "off" });
    await press(h, "off", "Tiếp tục");
    await press(h, "off", "Tiếp tục");
    await h.say("Phạm Văn Dũng – LĐTT", { user: "off" });
    const [summary] = await press(h, "off", "Tiếp tục");
    expect(summary).toContain("Lý do thay đổi: Bổ sung cá nhân đăng ký sau họp đơn vị");
    await press(h, "off", "Gửi thủ trưởng duyệt");
    const m = mark(h);
    await press(h, "head", "Duyệt");
    expect(sentTo(h, "telegram", "head", m)[0]).toMatch(/phiên bản 2, thay phiếu DK-2021-0001[\s\S]*DK-2021-0002/);
    const [v2, v1] = await history("H-RACHGIA");
    expect(v2).toMatchObject({ version: 2, status: "submitted", receiptNo: "DK-2021-0002", reason: "Bổ sung cá nhân đăng ký sau họp đơn vị" });
    expect(v1).toMatchObject({ version: 1, status: "superseded", receiptNo: "DK-2021-0001" });
    expect(v1?.supersededAt).not.toBeNull();
    const audit = await h.runtime.db.auditLog.findMany({ where: { action: "registration.changed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.reason).toBe("Bổ sung cá nhân đăng ký sau họp đơn vị");
    expect(JSON.parse(audit[0]!.beforeJson!)).toMatchObject({ version: 1, receiptNo: "DK-2021-0001" });
    expect(await h.runtime.audit.verifyChain()).toEqual({ ok: true });
    expect(rachGia).not.toBe("");
  });

  it("works by numbers on Zalo, in English; the head rejects with a reason and the officer redrafts from it", async () => {
    await h.say("/ngonngu en", { user: "zoff", channel: "zalo-bot" });
    const [intro] = await h.say("Đăng ký thi đua", { user: "zoff", channel: "zalo-bot" });
    expect(intro).toContain("2021 emulation registration – UBND thành phố Hà Tiên");
    expect((await ask(h, "zoff", "Ấp văn hóa", "zalo-bot"))[0]).toBe("“Cultural Hamlet / Neighbourhood” does not apply to this kind of unit (district or city).");
    expect((await ask(h, "zoff", "Xã tiêu biểu", "zalo-bot"))[0]).toContain("does not exist under the 2003 Law on Emulation and Commendation");
    await press(h, "zoff", "Excellent Labour Collective", "zalo-bot");
    await press(h, "zoff", /continue/i, "zalo-bot");
    await press(h, "zoff", "Total state budget revenue", "zalo-bot");
    expect((await ask(h, "zoff", "-3", "zalo-bot"))[0]).toContain("cannot be negative");
    expect((await ask(h, "zoff", "12%", "zalo-bot"))[0]).toContain("is measured in tỷ đồng, not “%”");
    // "12" would be a numbered choice if the list were still on offer; here it is the value.
    await h.say("12", { user: "zoff", channel: "zalo-bot" });
    expect(buttonsOf(h, "zalo-bot", "zoff").some((b) => b.label.includes("12 tỷ đồng"))).toBe(true);
    await press(h, "zoff", /continue/i, "zalo-bot");
    const [summary] = await h.say("done", { user: "zoff", channel: "zalo-bot" });
    expect(summary).toContain("2021 EMULATION REGISTRATION – UBND thành phố Hà Tiên");
    const m = mark(h, "zalo-bot");
    await press(h, "zoff", "Send to the head", "zalo-bot");
    const [review] = sentTo(h, "zalo-bot", "zhead", m);
    expect(review).toContain("Võ Thị Hà đã soạn bản đăng ký");
    // The head types "2" (the second button offered in the review message) to reject.
    const [askReason] = await h.say("2", { user: "zhead", channel: "zalo-bot" });
    expect(askReason).toContain("lý do từ chối");
    const m2 = mark(h, "zalo-bot");
    await h.say("Thiếu chỉ tiêu bảo hiểm y tế", { user: "zhead", channel: "zalo-bot" });
    expect(sentTo(h, "zalo-bot", "zhead", m2)[0]).toContain("Đã từ chối");
    expect(sentTo(h, "zalo-bot", "zoff", m2)[0]).toBe("❌ Đỗ Văn Hải rejected the emulation registration of UBND thành phố Hà Tiên (version 1).\nReason: Thiếu chỉ tiêu bảo hiểm y tế\nType /dangky to correct and resend it.");
    const [v1] = await history("H-HATIEN");
    expect(v1).toMatchObject({ status: "rejected", reason: "Thiếu chỉ tiêu bảo hiểm y tế", receiptNo: null });
    await h.say("dang ky", { user: "zoff", channel: "zalo-bot" });
    expect(buttonsOf(h, "zalo-bot", "zoff").some((b) => b.label === "✅ Excellent Labour Collective")).toBe(true);
  });

  it("after the deadline refuses officers and heads, and the board accepts the late registration", async () => {
    // Before the deadline the officer sends a draft; the head has not decided when the deadline passes.
    await press(h, "zoff", /continue/i, "zalo-bot");
    await press(h, "zoff", /continue/i, "zalo-bot");
    await press(h, "zoff", /continue/i, "zalo-bot");
    await press(h, "zoff", "Send to the head", "zalo-bot");
    expect((await history("H-HATIEN"))[0]).toMatchObject({ version: 2, status: "pending" });
    h.clock.set(AFTER_DEADLINE);

    const [late] = await h.say("/dangky", { user: "zoff", channel: "zalo-bot" });
    expect(late).toContain("The emulation registration deadline (15/03/2021 17:00) has passed");
    const m = mark(h);
    const mz = mark(h, "zalo-bot");
    await h.say("1", { user: "zhead", channel: "zalo-bot" });
    expect(sentTo(h, "zalo-bot", "zhead", mz)[0]).toContain("Đã quá hạn đăng ký (15/03/2021 17:00)");
    const [boardAsk] = sentTo(h, "telegram", "board", m);
    expect(boardAsk).toContain("chưa được duyệt trước hạn 15/03/2021 17:00");
    expect((await history("H-HATIEN"))[0]?.status).toBe("pending");

    const m2 = mark(h);
    const mz2 = mark(h, "zalo-bot");
    await press(h, "board", "Nhận đăng ký");
    expect(sentTo(h, "telegram", "board", m2)[0]).toContain("DK-2021-0003");
    expect(sentTo(h, "zalo-bot", "zoff", mz2)[0]).toContain("DK-2021-0003");
    expect(sentTo(h, "zalo-bot", "zhead", mz2)[0]).toContain("DK-2021-0003");
    expect((await history("H-HATIEN"))[0]).toMatchObject({ version: 2, status: "submitted", receiptNo: "DK-2021-0003" });
    expect(await h.runtime.db.auditLog.count({ where: { action: "registration.late_accepted" } })).toBe(1);
  });

  it("lets the board register a unit after the deadline, and shows its overview", async () => {
    const [overview] = await h.say("/dangky", { user: "board" });
    expect(overview).toContain("2/3 đơn vị đã đăng ký");
    const [intro] = await h.say("/dangky S-TUPHAP", { user: "board" });
    expect(intro).toContain("Sở Tư pháp");
    const labels = buttonsOf(h, "telegram", "board").map((b) => b.label).join("|");
    expect(labels).toContain("Cờ thi đua của UBND tỉnh");
    await press(h, "board", "Tập thể lao động tiên tiến");
    await press(h, "board", "Tiếp tục");
    await press(h, "board", "Tiếp tục");
    await press(h, "board", "Không có cá nhân");
    const [done] = await press(h, "board", "Ghi nhận đăng ký");
    expect(done).toContain("DK-2021-0004");
    expect(await h.runtime.db.auditLog.count({ where: { action: "registration.late_accepted" } })).toBe(2);
  });
});
