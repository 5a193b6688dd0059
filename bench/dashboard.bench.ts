/**
 * The board's dashboard and progress API over HTTP at provincial scale: 150 units × 40 indicators × 12 monthly
 * periods (72,000 stored figures) in a temporary SQLite file, seeded directly. Measures p50/p99 of:
 * - GET /healthz (baseline: the same server, no board work);
 * - GET /api/campaigns/:code/progress (province rows) and ?by=unit (6,000 unit rows as JSON);
 * - GET /admin/c/:code (the overview page) and /admin/c/:code/ranking;
 * each "warm" (data unchanged: one version query, views from memory) and "after a new figure" (the next request
 * reloads the 72,000 figures and recomputes: what the first viewer after each report pays).
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CampaignDef, DeadlineDef, IndicatorDef } from "../src/domain/campaigns/campaign.js";
import { buildAdminApi } from "../src/app/admin-api.js";
import { buildRuntime } from "../src/app/build-runtime.js";
import { buildDashboard } from "../src/app/board/dashboard-wiring.js";
import { buildFeatures } from "../src/app/features.js";
import { createApp } from "../src/http/create-app.js";
import { createFixedClock } from "../src/shared/clock.js";
import { createLogger } from "../src/shared/logger.js";
import Database from "better-sqlite3";
import { migrate, sqliteFilePath } from "../src/storage/migrate.js";
import { importPlanPack } from "../src/storage/prisma-campaign-repository.js";
import { createDb, type Db } from "../src/storage/prisma-client.js";
import { importOrg } from "../src/storage/prisma-org-import.js";

const UNITS = 150;
const INDICATORS = 40;
const MONTHS = 12;
const CLUSTERS = 10;
const YEAR = 2021;
const TOKEN = "bench-token-0123456789abcdef";
const TZ = "Asia/Ho_Chi_Minh";

const KINDS: Pick<IndicatorDef, "aggregation" | "valueKind" | "comparator" | "target" | "measure">[] = [
  { aggregation: "sum", valueKind: "number", comparator: ">=", target: 12_000, measure: "tỷ đồng" },
  { aggregation: "average", valueKind: "percent", comparator: ">=", target: 90, measure: "%" },
  { aggregation: "sum", valueKind: "number", comparator: "decrease_vs_previous_year", target: null, measure: "vụ" },
  { aggregation: "average", valueKind: "boolean", comparator: "maintain", target: 1, measure: "đạt/không đạt" },
];

function campaign(): CampaignDef {
  const indicators: IndicatorDef[] = Array.from({ length: INDICATORS }, (_, i) => ({
    code: `ind${i}`, name: `Chỉ tiêu số ${i + 1} (thử tải)`, aliases: [], group: ["kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh"][i % 3]!,
    frequency: "monthly", ...KINDS[i % KINDS.length]!,
  }));
  const deadlines: DeadlineDef[] = Array.from({ length: MONTHS }, (_, i) => {
    const next = new Date(Date.UTC(YEAR, i + 1, 5));
    return { code: `m${i + 1}`, kind: "monthly_report", title: `Tháng ${i + 1}`, period: `${YEAR}-M${String(i + 1).padStart(2, "0")}`, due: `${next.toISOString().slice(0, 10)}T17:00`, assumed: true };
  });
  return { code: "bench", title: "Phong trào thi đua (thử tải)", year: YEAR, province: "Kiên Giang", regimeYear: 2003, theme: "", indicators, deadlines, reminderRules: [], figuresInGroups: false };
}

/** Seeds the plan, the organisation and the figures into a migrated SQLite database (exported for profiling). */
export async function seed(db: Db, url: string): Promise<void> {
  await importPlanPack(db, { campaign: campaign(), meta: { packHash: "bench" } }, TZ);
  const units = Array.from({ length: UNITS }, (_, u) => ({ code: `U${u}`, name: `UBND huyện số ${u} (thử tải)`, kind: "district", parentCode: null, isSample: true }));
  await importOrg(db, {
    units: [{ code: "BAN", name: "Ban Thi đua - Khen thưởng", kind: "board", parentCode: null, isSample: true }, ...units],
    clusters: Array.from({ length: CLUSTERS }, (_, c) => ({ code: `CUM-${c + 1}`, name: `Cụm thi đua số ${c + 1}`, kind: "cum" as const, leaderUnitCode: `U${c}`, memberUnitCodes: units.filter((_, u) => u % CLUSTERS === c).map((x) => x.code), isSample: true })),
    officers: units.map((u) => ({ unitCode: u.code, name: `Cán bộ ${u.code}`, role: "officer", phone: null })),
  });
  const c = await db.campaign.findUniqueOrThrow({ where: { code: "bench" }, include: { indicators: true } });
  const unitRows = await db.unit.findMany({ where: { kind: "district" } });
  const officers = new Map((await db.officer.findMany()).map((o) => [o.unitId, o.id]));
  let n = 0;
  let rnd = 2021;
  const next = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // 72,000 rows straight into the file with one prepared statement (Prisma's createMany takes ~40 s for this).
  const sqlite = new Database(sqliteFilePath(url));
  const insert = sqlite.prepare(
    `INSERT INTO "ProgressReport" ("id","campaignId","unitId","indicatorId","period","value","basis","rawText","channel","sourceMessageId","reportedById","createdAt") VALUES (?,?,?,?,?,?,'period','bench','bench',?,?,?)`,
  );
  sqlite.transaction(() => {
    for (const u of unitRows) {
      c.indicators.forEach((ind, i) => {
        const kind = KINDS[i % KINDS.length]!;
        for (let m = 0; m < MONTHS; m++) {
          const value = kind.valueKind === "boolean" ? (next() < 0.95 ? 1 : 0) : kind.valueKind === "percent" ? 80 + next() * 20 : next() * 10;
          const at = new Date(Date.UTC(YEAR, m + 1, 2 + Math.floor(next() * 6), 3)).toISOString().replace("Z", "+00:00");
          n++;
          insert.run(`bench${n}`, c.id, u.id, ind.id, `${YEAR}-M${String(m + 1).padStart(2, "0")}`, value, `b${n}`, officers.get(u.id) ?? "", at);
        }
      });
    }
  })();
  sqlite.close();
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function time(url: string, runs: number, before?: () => Promise<void>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50: r(quantile(samples, 0.5)), p99: r(quantile(samples, 0.99)) };
}

export async function run(): Promise<{ name: string; metrics: Record<string, number>; notes?: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "thidua-bench-dash-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  const t0 = performance.now();
  await migrate(url);
  const seedDb = createDb(url);
  await seed(seedDb, url);
  const seedMs = performance.now() - t0;
  const logger = createLogger({ level: "silent" });
  const runtime = await buildRuntime({ config: { databaseUrl: url, timeZone: TZ, defaultLocale: "vi" }, logger, clock: createFixedClock("2022-01-20T09:00:00+07:00"), features: buildFeatures, skipMigrations: true });
  const app = createApp({ logger, adminToken: TOKEN, webhooks: [], adminApi: buildAdminApi(runtime), dashboard: buildDashboard(runtime, TOKEN), health: async () => ({ db: (await runtime.checkDb()) ? "ok" : "down", channels: {} }) });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const c = await seedDb.campaign.findUniqueOrThrow({ where: { code: "bench" }, include: { indicators: { take: 1 } } });
  const officer = await seedDb.officer.findFirstOrThrow();
  let extra = 0;
  /** A new figure changes the data version: the next view recomputes from the store. */
  const newFigure = async () => {
    await seedDb.progressReport.create({ data: { campaignId: c.id, unitId: officer.unitId, indicatorId: c.indicators[0]!.id, period: `${YEAR}-M12`, value: 1, basis: "period", rawText: "x", channel: "bench-new", sourceMessageId: `n${++extra}`, reportedById: officer.id } });
  };
  try {
    const api = `${base}/api/campaigns/bench/progress`;
    await time(`${base}/admin/c/bench`, 2);
    await time(`${base}/admin/c/bench/ranking`, 2);
    const healthz = await time(`${base}/healthz`, 200);
    const apiWarm = await time(api, 100);
    const apiByUnitWarm = await time(`${api}?by=unit`, 40);
    const pageWarm = await time(`${base}/admin/c/bench`, 60);
    const rankingWarm = await time(`${base}/admin/c/bench/ranking`, 30);
    const apiCold = await time(api, 6, newFigure);
    const pageCold = await time(`${base}/admin/c/bench`, 6, newFigure);
    const ratio = (x: number) => Math.round((x / Math.max(0.1, healthz.p50)) * 10) / 10;
    return {
      name: "dashboard",
      metrics: {
        figures: UNITS * INDICATORS * MONTHS,
        seedSeconds: Math.round(seedMs / 100) / 10,
        healthzP50Ms: healthz.p50, healthzP99Ms: healthz.p99,
        progressApiP50Ms: apiWarm.p50, progressApiP99Ms: apiWarm.p99,
        progressByUnitApiP50Ms: apiByUnitWarm.p50, progressByUnitApiP99Ms: apiByUnitWarm.p99,
        dashboardPageP50Ms: pageWarm.p50, dashboardPageP99Ms: pageWarm.p99,
        rankingPageP50Ms: rankingWarm.p50, rankingPageP99Ms: rankingWarm.p99,
        progressApiAfterNewFigureP50Ms: apiCold.p50, progressApiAfterNewFigureP99Ms: apiCold.p99,
        dashboardPageAfterNewFigureP50Ms: pageCold.p50, dashboardPageAfterNewFigureP99Ms: pageCold.p99,
        progressApiVsHealthzP50: ratio(apiWarm.p50),
        dashboardPageVsHealthzP50: ratio(pageWarm.p50),
      },
      notes: "period 2021-Y (every month counts); warm = data unchanged since the last view; after a new figure = the store's version changed, views recomputed",
    };
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await runtime.close();
    await seedDb.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
