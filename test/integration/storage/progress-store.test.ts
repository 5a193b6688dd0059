import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import { createPrismaProgressRepository } from "../../../src/storage/prisma-progress-repository";
import type { NewReport, ProgressRepository } from "../../../src/domain/progress/progress-repository";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db";

describe.each(testDbKinds())("progress figures on %s", (kind) => {
  let tdb: TestDb;
  let db: Db;
  let repo: ProgressRepository;
  let base: NewReport;
  beforeAll(async () => {
    tdb = await createTestDb(kind);
    db = createDb(tdb.url);
    const c = await db.campaign.create({ data: { code: "t", title: "T", year: 2021, province: "KG", regimeYear: 2003, packJson: "{}", packHash: "h" } });
    const ind = await db.indicator.create({ data: { campaignId: c.id, code: "budget_revenue", name: "Thu NS", aliasesJson: "[]", group: "kinh_te", measure: "tỷ đồng", target: 11560, comparator: ">=", frequency: "quarterly", aggregation: "sum", valueKind: "number", sortOrder: 0 } });
    repo = createPrismaProgressRepository(db, (_c, code) => (code === "budget_revenue" ? ind.id : undefined));
    base = { campaignId: c.id, unitId: "U1", indicatorCode: "budget_revenue", period: "2021-Q1", value: 3200, basis: "period", rawText: "thu NS quý 1 đạt 3.200 tỷ", channel: "telegram", sourceMessageId: "m1", reportedById: "o1" };
  });
  afterAll(async () => {
    await db.$disconnect();
    await tdb.drop();
  });

  it("confirming the same message twice (even concurrently) stores one figure", async () => {
    const res = await Promise.all([repo.submit(base), repo.submit(base), repo.submit(base)]);
    expect(res.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await repo.list(base.campaignId)).toHaveLength(1);
  });

  it("a correction supersedes and never overwrites; history is kept", async () => {
    const r = await repo.submit({ ...base, value: 3300, sourceMessageId: "m2", rawText: "sửa quý 1 thành 3.300" }, "nhập nhầm");
    expect(r.superseded?.value).toBe(3200);
    const current = await repo.current(base.campaignId, { unitId: "U1" });
    expect(current.map((c) => c.value)).toEqual([3300]);
    expect(current[0]?.correctionReason).toBe("nhập nhầm");
    const all = await repo.list(base.campaignId, { indicatorCode: "budget_revenue" });
    expect(all.map((a) => a.value)).toEqual([3300, 3200]);
    expect(all[1]?.supersededById).toBe(all[0]?.id);
    expect(all[1]?.rawText).toBe("thu NS quý 1 đạt 3.200 tỷ");
  });

  it("two concurrent corrections leave exactly one current figure", async () => {
    await Promise.allSettled([
      repo.submit({ ...base, value: 3400, sourceMessageId: "m3" }, "a"),
      repo.submit({ ...base, value: 3500, sourceMessageId: "m4" }, "b"),
    ]);
    expect(await repo.current(base.campaignId, { unitId: "U1", period: "2021-Q1" })).toHaveLength(1);
  });

  it("rejects an unknown indicator without storing anything", async () => {
    const before = (await repo.list(base.campaignId)).length;
    await expect(repo.submit({ ...base, indicatorCode: "nope", sourceMessageId: "m9" })).rejects.toThrow(/unknown indicator/);
    expect((await repo.list(base.campaignId)).length).toBe(before);
  });
});
