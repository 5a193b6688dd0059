/** @module First-start seeding: the bundled Kiên Giang 2021 plan and the sample organisation (idempotent). */
import { readFile } from "node:fs/promises";
import type { Logger } from "../shared/logger";
import { KG_2021_PLAN_PACK, KG_2021_SAMPLE_ORG_CSV } from "../plan-pack/bundled-seed";
import { loadPlanPack } from "../plan-pack/parse-plan-pack";
import { parseOrgCsvForImport } from "./org-csv-import";
import { importPlanPack } from "../storage/prisma-campaign-repository";
import { importOrg } from "../storage/prisma-org-import";
import type { Db } from "../storage/prisma-client";

export async function seedBundled(db: Db, timeZone: string, logger: Logger): Promise<void> {
  if ((await db.campaign.count({ where: { code: "kg-2021" } })) === 0) {
    const res = await importPlanPack(db, await loadPlanPack(KG_2021_PLAN_PACK), timeZone);
    logger.info({ campaign: res.code, outcome: res.outcome }, "bundled plan loaded");
  }
  if ((await db.unit.count()) === 0) {
    const org = parseOrgCsvForImport(await readFile(KG_2021_SAMPLE_ORG_CSV, "utf8"), KG_2021_SAMPLE_ORG_CSV);
    const res = await importOrg(db, org);
    logger.info(res, "sample organisation loaded");
  }
}
