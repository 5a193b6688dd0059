import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import { importOrg } from "../../../src/storage/prisma-org-import";
import { createPrismaPlanTitleSource, createPrismaPledgeRepository, createPrismaRegistrationRepository } from "../../../src/storage/prisma-registration-repository";
import { REG_ORG, seedKg2021 } from "./registration-fixtures";

const content = { titles: ["tap_the_lao_dong_tien_tien"], commitments: [], individuals: [] };

describe.each(testDbKinds())("registration storage on %s", (kind) => {
  let tdb: TestDb;
  let db: Db;
  let campaignId = "";
  const at = new Date("2021-03-02T02:00:00Z");
  beforeAll(async () => {
    tdb = await createTestDb(kind);
    db = createDb(tdb.url);
    await importOrg(db, { ...REG_ORG, units: [...REG_ORG.units, ...Array.from({ length: 8 }, (_, i) => ({ code: `U-${i}`, name: `Đơn vị ${i}`, kind: "department", parentCode: null, isSample: true }))] });
    await seedKg2021(tdb.url);
    campaignId = (await db.campaign.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    await db.$disconnect();
    await tdb.drop();
  });

  it("issues distinct consecutive receipt numbers to approvals made at the same time", async () => {
    const repo = createPrismaRegistrationRepository(db);
    const units = await db.unit.findMany({ where: { code: { startsWith: "U-" } } });
    const pending = await Promise.all(units.map((u) => repo.createPending({ campaignId, unitId: u.id, content, draftedBy: "o", reason: null }, at)));
    const done = await Promise.all(pending.map((p) => repo.submit({ id: p.id, decidedBy: "h", at, receiptPrefix: "DK-2021-" })));
    const receipts = done.map((d) => d?.registration.receiptNo).sort();
    expect(receipts).toEqual(Array.from({ length: 8 }, (_, i) => `DK-2021-${String(i + 1).padStart(4, "0")}`));
    // A version already decided is not decided twice.
    expect(await repo.submit({ id: pending[0]!.id, decidedBy: "h", at, receiptPrefix: "DK-2021-" })).toBeNull();
    expect(await repo.reject({ id: pending[0]!.id, decidedBy: "h", reason: "muộn", at })).toBeNull();
  });

  it("numbers versions per unit, withdraws an older pending draft and supersedes the version in force", async () => {
    const repo = createPrismaRegistrationRepository(db);
    const unitId = (await db.unit.findFirstOrThrow({ where: { code: "H-RACHGIA" } })).id;
    const v1 = await repo.createPending({ campaignId, unitId, content, draftedBy: "o", reason: null }, at);
    await repo.submit({ id: v1.id, decidedBy: "h", at, receiptPrefix: "DK-2021-" });
    const v2 = await repo.createPending({ campaignId, unitId, content, draftedBy: "o", reason: "bổ sung" }, at);
    const v3 = await repo.createPending({ campaignId, unitId, content: { ...content, titles: ["tap_the_lao_dong_xuat_sac"] }, draftedBy: "o", reason: "sửa lại" }, at);
    const res = await repo.submit({ id: v3.id, decidedBy: "h", at, receiptPrefix: "DK-2021-" });
    expect(res?.superseded?.version).toBe(1);
    const history = await repo.listUnitHistory(campaignId, unitId);
    expect(history.map((r) => [r.version, r.status])).toEqual([[3, "submitted"], [2, "withdrawn"], [1, "superseded"]]);
    expect(history[0]?.titles).toEqual(["tap_the_lao_dong_xuat_sac"]);
    expect(v2.reason).toBe("bổ sung");
  });

  it("gives concurrent drafts of one unit distinct versions, only the newest left pending", async () => {
    const repo = createPrismaRegistrationRepository(db);
    const unitId = (await db.unit.findFirstOrThrow({ where: { code: "S-TUPHAP" } })).id;
    await Promise.all([1, 2, 3].map(() => repo.createPending({ campaignId, unitId, content, draftedBy: "o", reason: null }, at)));
    const history = await repo.listUnitHistory(campaignId, unitId);
    expect(history.map((r) => r.version)).toEqual([3, 2, 1]);
    expect(history.filter((r) => r.status === "pending")).toHaveLength(1);
  });

  it("keeps one pledge per cluster and one signature per unit", async () => {
    const pledges = createPrismaPledgeRepository(db);
    const cluster = await db.cluster.findFirstOrThrow();
    const unit = await db.unit.findFirstOrThrow({ where: { code: "H-HATIEN" } });
    const p = await pledges.open({ campaignId, clusterId: cluster.id, commitments: ["Hoàn thành chỉ tiêu"], openedBy: "l", at });
    expect(p).not.toBeNull();
    expect(await pledges.open({ campaignId, clusterId: cluster.id, commitments: ["khác"], openedBy: "l", at })).toBeNull();
    expect(await pledges.sign({ pledgeId: p!.id, unitId: unit.id, officerId: "h", at })).toBe("signed");
    expect(await pledges.sign({ pledgeId: p!.id, unitId: unit.id, officerId: "h2", at })).toBe("already_signed");
    expect((await pledges.findById(p!.id))?.signatures).toEqual([{ unitId: unit.id, officerId: "h", signedAt: at }]);
  });

  it("reads the award titles of the stored plan pack", async () => {
    const titles = await createPrismaPlanTitleSource(db).planTitles(campaignId);
    expect(titles.find((t) => t.id === "co_thi_dua_cap_tinh")).toMatchObject({ name: "Cờ thi đua của UBND tỉnh", recipients: ["collective"] });
    expect(titles).toHaveLength(13);
  });
});
