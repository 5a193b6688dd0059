/**
 * The board's test world: the bundled Kiên Giang 2021 plan, the sample organisation and a seeded first quarter —
 * district and department figures (some late, one corrected), the board's own province-level figures, last year's
 * baselines, registrations (one with a commitment), a cluster pledge partly signed, linked officers.
 */
import { readFile } from "node:fs/promises";
import { parseOrgCsvForImport } from "../../../src/app/org-csv-import";
import { KG_2021_PLAN_PACK, KG_2021_SAMPLE_ORG_CSV } from "../../../src/plan-pack/bundled-seed";
import { loadPlanPack } from "../../../src/plan-pack/parse-plan-pack";
import { importPlanPack } from "../../../src/storage/prisma-campaign-repository";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import type { TestDb, TestDbKind } from "../../helpers/test-db";
import { createBotHarness } from "../../helpers/bot-harness";

export const TZ = "Asia/Ho_Chi_Minh";
/** Five days after the Q1 deadline (2021-04-05 17:00): the default view is Q1. */
export const NOW = "2021-04-10T09:00:00+07:00";

/** District figures of Q1 (period basis). Units missing here have not reported. */
const DISTRICTS: Record<string, { budget: number; rice: number; jobs: number; bhyt: number; accidents: number; accidents2020: number; at: string }> = {
  "H-RACHGIA": { budget: 850, rice: 0.05, jobs: 1200, bhyt: 91.2, accidents: 12, accidents2020: 15, at: "2021-04-02T10:00:00+07:00" },
  "H-HATIEN": { budget: 120.5, rice: 0.02, jobs: 300, bhyt: 88.4, accidents: 3, accidents2020: 2, at: "2021-04-05T16:30:00+07:00" },
  "H-PHUQUOC": { budget: 1300, rice: 0.01, jobs: 2100, bhyt: 92.5, accidents: 9, accidents2020: 11, at: "2021-04-08T09:00:00+07:00" },
  "H-TANHIEP": { budget: 210, rice: 0.35, jobs: 900, bhyt: 90.6, accidents: 5, accidents2020: 6, at: "2021-04-01T08:00:00+07:00" },
  "H-CHAUTHANH": { budget: 180, rice: 0.3, jobs: 800, bhyt: 89.9, accidents: 4, accidents2020: 4, at: "2021-04-05T11:00:00+07:00" },
  "H-GOQUAO": { budget: 95, rice: 0.42, jobs: 650, bhyt: 91.8, accidents: 6, accidents2020: 9, at: "2021-04-03T15:00:00+07:00" },
  "H-ANBIEN": { budget: 88.25, rice: 0.28, jobs: 500, bhyt: 90.1, accidents: 2, accidents2020: 5, at: "2021-04-06T08:00:00+07:00" },
};

/** Units that submitted a registration (H-RACHGIA commits to 2.400 tỷ of budget revenue). */
export const REGISTERED = ["H-RACHGIA", "H-HATIEN", "H-PHUQUOC", "H-TANHIEP", "H-GOQUAO", "S-TAICHINH"];
/** Signatures of the CUM-1 pledge. */
export const PLEDGED = ["H-RACHGIA", "H-PHUQUOC"];

async function ids(db: Db) {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { code: "kg-2021" }, include: { indicators: true } });
  const units = new Map((await db.unit.findMany()).map((u) => [u.code, u.id]));
  const officers = await db.officer.findMany();
  const ind = new Map(campaign.indicators.map((i) => [i.code, i.id]));
  const unit = (code: string) => units.get(code) ?? raise(`no unit ${code}`);
  const officerOf = (code: string) => officers.find((o) => o.unitId === unit(code))?.id ?? raise(`no officer of ${code}`);
  return { campaignId: campaign.id, ind: (c: string) => ind.get(c) ?? raise(`no indicator ${c}`), unit, officerOf };
}

function raise(msg: string): never {
  throw new Error(msg);
}

/** Seeds the quarter (see the module header). */
export async function seedQuarter(db: Db): Promise<void> {
  const k = await ids(db);
  let n = 0;
  const report = (unitCode: string, indicator: string, period: string, value: number, at: string, extra: { supersedesId?: string; correctionReason?: string } = {}) =>
    db.progressReport.create({
      data: {
        campaignId: k.campaignId, unitId: k.unit(unitCode), indicatorId: k.ind(indicator), period, value, basis: "period",
        rawText: `${indicator} ${period} ${value}`, channel: "telegram", sourceMessageId: `seed-${++n}`, reportedById: k.officerOf(unitCode),
        createdAt: new Date(at), ...extra,
      },
    });
  for (const [code, f] of Object.entries(DISTRICTS)) {
    await report(code, "budget_revenue", "2021-Q1", f.budget, f.at);
    await report(code, "rice_output", "2021-Q1", f.rice, f.at);
    await report(code, "jobs_created", "2021-Q1", f.jobs, f.at);
    await report(code, "health_insurance_coverage", "2021-Q1", f.bhyt, f.at);
    await report(code, "traffic_accident_cases", "2021-Q1", f.accidents, f.at);
    await report(code, "traffic_accident_cases", "2020-Q1", f.accidents2020, f.at);
    await report(code, "security_order", "2021-Q1", 1, f.at);
  }
  // A correction: Hà Tiên's budget figure was mistyped and corrected two days later.
  const wrong = await db.progressReport.findFirstOrThrow({ where: { unitId: k.unit("H-HATIEN"), indicatorId: k.ind("budget_revenue") } });
  const fixed = await report("H-HATIEN", "budget_revenue", "2021-Q1", 125.5, "2021-04-07T09:00:00+07:00", { supersedesId: wrong.id, correctionReason: "nhập nhầm" });
  await db.progressReport.update({ where: { id: wrong.id }, data: { supersededById: fixed.id } });
  // Departments report budget revenue too; the board and the statistics office report province-level figures.
  await report("S-CUCTHUE", "budget_revenue", "2021-Q1", 640, "2021-04-04T10:00:00+07:00");
  await report("BTDKT", "grdp_growth", "2021-Q1", 5.2, "2021-04-06T10:00:00+07:00");
  await report("BTDKT", "structure_agri_share", "2021-Q1", 31.7, "2021-04-06T10:00:00+07:00");
  await report("S-CUCTHONGKE", "social_investment", "2021-Q1", 9800, "2021-04-05T15:00:00+07:00");
  for (const code of REGISTERED) {
    const commitments = code === "H-RACHGIA" ? [{ indicatorCode: "budget_revenue", value: 2400, measure: "tỷ đồng" }] : [];
    await db.registration.create({
      data: {
        campaignId: k.campaignId, unitId: k.unit(code), version: 1, status: "submitted", titlesJson: JSON.stringify(["co_thi_dua_cap_tinh"]),
        commitmentsJson: JSON.stringify(commitments), individualsJson: "[]", draftedBy: k.officerOf(code), decidedBy: k.officerOf(code),
        receiptNo: `DK-2021-${String(REGISTERED.indexOf(code) + 1).padStart(3, "0")}`, submittedAt: new Date("2021-03-10T09:00:00+07:00"),
      },
    });
  }
  const cum1 = await db.cluster.findUniqueOrThrow({ where: { code: "CUM-1" } });
  const pledge = await db.pledge.create({ data: { campaignId: k.campaignId, clusterId: cum1.id, commitmentsJson: "[]", openedBy: k.officerOf("H-PHUQUOC"), status: "open" } });
  for (const code of PLEDGED) {
    await db.pledgeSignature.create({ data: { pledgeId: pledge.id, unitId: k.unit(code), officerId: k.officerOf(code), signedAt: new Date("2021-03-20T09:00:00+07:00") } });
  }
}

/** The bundled plan and the sample organisation, loaded into a fresh test database. */
export async function sampleOrg() {
  return parseOrgCsvForImport(await readFile(KG_2021_SAMPLE_ORG_CSV, "utf8"), KG_2021_SAMPLE_ORG_CSV);
}

/** A bot harness over the seeded world, the clock at {@link NOW}. */
export async function createBoardHarness(kind: TestDbKind, opts: { existingDb?: TestDb } = {}) {
  return createBotHarness({
    kind,
    now: NOW,
    org: await sampleOrg(),
    existingDb: opts.existingDb,
    seedPlan: async (url) => {
      const db = createDb(url);
      await importPlanPack(db, await loadPlanPack(KG_2021_PLAN_PACK), TZ);
      await seedQuarter(db);
      await db.$disconnect();
    },
  });
}

/** Admin token of the board's tests. */
export const TOKEN = "board-test-token-0123456789";

/** The express app over a harness's runtime (admin API + dashboard), listening on 127.0.0.1:0. */
export async function startBoardServer(runtime: import("../../../src/app/build-runtime").Runtime, opts: { adminToken?: string | null } = {}) {
  const adminToken = opts.adminToken === null ? undefined : (opts.adminToken ?? TOKEN);
  const { createApp } = await import("../../../src/http/create-app");
  const { buildAdminApi } = await import("../../../src/app/admin-api");
  const { buildDashboard } = await import("../../../src/app/board/dashboard-wiring");
  const { createLogger } = await import("../../../src/shared/logger");
  const app = createApp({
    logger: createLogger({ level: "silent" }),
    adminToken,
    webhooks: [],
    adminApi: buildAdminApi(runtime),
    dashboard: buildDashboard(runtime, adminToken),
    health: async () => ({ db: "ok", channels: {} }),
  });
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A JSON body, loosely typed: tests assert on its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json(res: Response | Promise<Response>): Promise<any> {
  return (await res).json();
}
