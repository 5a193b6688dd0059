/**
 * The board's views are cached and its figures refreshed incrementally; whatever changes in the store must show on
 * the next request: new figures, corrections, back-dated imports, registrations approved in place.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaProgressRepository } from "../../../src/storage/prisma-progress-repository";
import type { BotHarness } from "../../helpers/bot-harness";
import { testDbKinds } from "../../helpers/test-db";
import { createBoardHarness, json, startBoardServer, TOKEN } from "./board-env";

describe.each(testDbKinds())("fresh board views on %s", (kind) => {
  let h: BotHarness;
  let server: Awaited<ReturnType<typeof startBoardServer>>;
  const budget = async () => {
    const res = await json(fetch(`${server.url}/api/campaigns/kg-2021/progress?period=2021-Q1`, { headers: { authorization: `Bearer ${TOKEN}` } }));
    return res.indicators.find((i: { code: string }) => i.code === "budget_revenue") as { value: number; unitsReported: number };
  };
  const ids = async (unitCode: string) => {
    const unit = h.runtime.org.unitByCode(unitCode)!;
    const officer = h.runtime.org.listOfficers().find((o) => o.unitId === unit.id)!;
    return { unitId: unit.id, officerId: officer.id, campaignId: h.runtime.campaigns.byCode("kg-2021")!.id };
  };

  beforeAll(async () => {
    h = await createBoardHarness(kind);
    server = await startBoardServer(h.runtime);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  it("new figures, corrections and back-dated rows all count on the next request", async () => {
    expect(await budget()).toMatchObject({ value: 3488.75, unitsReported: 8 });
    const repo = createPrismaProgressRepository(h.runtime.db, (cid, code) => h.runtime.campaigns.list().find((c) => c.id === cid)?.indicatorIds[code]);
    const submit = async (unitCode: string, value: number, msg: string, reason?: string) => {
      const k = await ids(unitCode);
      return repo.submit({ campaignId: k.campaignId, unitId: k.unitId, indicatorCode: "budget_revenue", period: "2021-Q1", value, basis: "period", rawText: `ngân sách ${value}`, channel: "telegram", sourceMessageId: msg, reportedById: k.officerId }, reason);
    };
    await submit("H-KIENHAI", 100, "fresh-1");
    expect(await budget()).toMatchObject({ value: 3588.75, unitsReported: 9 });
    const corrected = await submit("H-RACHGIA", 900, "fresh-2", "số liệu chính thức");
    expect(corrected.superseded?.value).toBe(850);
    expect(await budget()).toMatchObject({ value: 3638.75, unitsReported: 9 });
    // A row dated before everything already loaded (an import of old figures): found all the same.
    const k = await ids("H-KIENLUONG");
    const ind = h.runtime.campaigns.byCode("kg-2021")!.indicatorIds.budget_revenue!;
    await h.runtime.db.progressReport.create({
      data: { campaignId: k.campaignId, unitId: k.unitId, indicatorId: ind, period: "2021-Q1", value: 50, basis: "period", rawText: "import", channel: "import", sourceMessageId: "fresh-3", reportedById: k.officerId, createdAt: new Date("2021-03-31T08:00:00+07:00") },
    });
    expect(await budget()).toMatchObject({ value: 3688.75, unitsReported: 10 });
  });

  it("a registration approved in place, a pledge signed and an account linked show in the checklist", async () => {
    const k = await ids("H-KIENLUONG");
    const reg = await h.runtime.db.registration.create({
      data: { campaignId: k.campaignId, unitId: k.unitId, version: 1, status: "pending", titlesJson: "[]", commitmentsJson: "[]", individualsJson: "[]", draftedBy: k.officerId },
    });
    const standing = async () => {
      const res = await json(fetch(`${server.url}/api/campaigns/kg-2021/standings?period=2021-Q1`, { headers: { authorization: `Bearer ${TOKEN}` } }));
      return res.units.find((u: { unit: string }) => u.unit === "H-KIENLUONG");
    };
    expect((await standing()).registeredAt).toBeNull();
    await h.runtime.db.registration.update({ where: { id: reg.id }, data: { status: "submitted", submittedAt: new Date("2021-04-09T10:00:00+07:00") } });
    expect((await standing()).registeredAt).toBe("2021-04-09T03:00:00.000Z");
    const pledge = await h.runtime.db.pledge.findFirstOrThrow();
    await h.runtime.db.pledgeSignature.create({ data: { pledgeId: pledge.id, unitId: k.unitId, officerId: k.officerId } });
    expect((await standing()).pledges).toEqual({ "CUM-1": true });
    await h.link("kl", "officer", "H-KIENLUONG");
    expect((await standing()).linkedOfficers).toBe(1);
  });
});
