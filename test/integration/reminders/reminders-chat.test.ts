/**
 * Reminders in chat, through the dispatcher and the outbox: `/nhacnho` for an officer, a cluster leader and the
 * board; groups bound with `/ganhom` receiving digests with a "Đã nhận" button; presses recorded once per unit,
 * answered with the units that have not acknowledged yet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReminderPass } from "../../../src/app/features/reminders.feature";
import { createDb } from "../../../src/storage/prisma-client";
import { importPlanPack } from "../../../src/storage/prisma-campaign-repository";
import { createBotHarness, type BotHarness } from "../../helpers/bot-harness";
import { testDbKinds } from "../../helpers/test-db";
import { at, kgPack, REMINDER_ORG, ZONE } from "./reminder-env";

describe.each(testDbKinds())("reminders in chat on %s", (kind) => {
  let h: BotHarness;

  async function report(unitCode: string, period: string): Promise<void> {
    const db = h.runtime.db;
    const campaign = await db.campaign.findFirstOrThrow({ include: { indicators: { take: 1 } } });
    const unit = await db.unit.findUniqueOrThrow({ where: { code: unitCode } });
    await db.progressReport.create({
      data: {
        campaignId: campaign.id, unitId: unit.id, indicatorId: campaign.indicators[0]!.id, period, value: 1, basis: "actual",
        rawText: "test", channel: "telegram", reportedById: "test",
      },
    });
  }

  beforeAll(async () => {
    h = await createBotHarness({
      kind,
      now: "2021-04-01T09:00:00+07:00",
      org: REMINDER_ORG,
      seedPlan: async (url) => {
        const db = createDb(url);
        await importPlanPack(db, await kgPack(), ZONE);
        await db.$disconnect();
      },
    });
    await h.restart(); // the catalog is read at start-up: pick up the plan
    await h.link("u-tc", "officer", "S-TAICHINH");
    await h.link("u-kh", "officer", "S-KHDT");
    await h.link("u-rg", "officer", "H-RACHGIA");
    await h.link("u-rgl", "cluster_leader", "H-RACHGIA");
    await h.link("u-board", "board");
  }, 120_000);
  afterAll(async () => h?.close());

  it("/nhacnho lists my unit's upcoming deadlines and what is still missing", async () => {
    await report("S-KHDT", "2021-Q1");
    const [tc] = await h.say("/nhacnho", { user: "u-tc" });
    expect(tc).toContain("Hạn sắp tới của bạn");
    expect(tc).toMatch(/Báo cáo số liệu quý I\/2021 \(2021-Q1\)\*\* — hạn 17:00 ngày 05\/04\/2021 \(còn 4 ngày\)/);
    expect(tc).toContain("⏳ Sở Tài chính: chưa nộp");
    // The pledge was due yesterday and is still open.
    expect(tc).toMatch(/giao ước.*quá hạn 1 ngày/);
    const [kh] = await h.say("nhac nho", { user: "u-kh" }); // Zalo-style, without the slash
    expect(kh).toContain("✅ Sở Kế hoạch và Đầu tư: đã nộp");
  });

  it("/nhacnho shows a cluster leader their cluster and the board the whole province", async () => {
    const [leader] = await h.say("/nhacnho", { user: "u-rgl" });
    expect(leader).toContain("Chưa nộp 2/2: UBND thành phố Hà Tiên, UBND thành phố Rạch Giá");
    const [board] = await h.say("/nhacnho", { user: "u-board" });
    expect(board).toMatch(/Chưa nộp 3\/4: .*Sở Tài chính/);
    expect(board).not.toMatch(/Chưa nộp 3\/4:[^\n]*Sở Kế hoạch/);
  });

  it("posts digests to bound groups; 'Đã nhận' is recorded once per unit and lists who has not acknowledged", async () => {
    expect((await h.say("/ganhom", { user: "u-tc", group: "-100" }))[0]).toContain("Sở Tài chính");
    expect((await h.say("/ganhom CUM-1", { user: "u-rgl", group: "-200" }))[0]).toContain("Cụm 1");
    h.clock.set(at("2021-04-05T08:00"));
    await runReminderPass(h.runtime, h.clock.now());
    await h.runtime.outboxDispatcher.pump();
    const digest = h.senders.telegram.sent.find((s) => s.to === "telegram:g:-200" && s.msg.text.includes("quý I"))!;
    expect(digest.msg.text).toContain("Chưa nộp: UBND thành phố Hà Tiên, UBND thành phố Rạch Giá");
    const ack = digest.msg.buttons![0]![0]!;
    expect(ack.label).toContain("Đã nhận");

    const [first] = await h.say("", { user: "u-rg", group: "-200", callback: ack.data });
    expect(first).toBe("Đã ghi nhận: UBND thành phố Rạch Giá đã nhận thông báo.\nChưa xác nhận (1/2): UBND thành phố Hà Tiên.");
    const [again] = await h.say("", { user: "u-rgl", group: "-200", callback: ack.data }); // same unit, another officer
    expect(again).toContain("UBND thành phố Rạch Giá đã xác nhận thông báo này trước đó.");
    const noticeKey = ack.data.slice(4);
    expect(await h.runtime.db.acknowledgement.count({ where: { noticeKey } })).toBe(1);
  });

  it("tells an unlinked member to link first and rejects an unknown notice", async () => {
    expect((await h.say("", { user: "stranger", group: "-200", callback: "ack:zzz" }))[0]).toContain("chưa được liên kết");
    expect((await h.say("", { user: "u-rg", group: "-200", callback: "ack:zzz" }))[0]).toBe("Thông báo này không còn hiệu lực.");
  });
});
