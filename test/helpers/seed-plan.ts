/** Imports the bundled Kiên Giang 2021 plan pack into a test database. */
import { loadPlanPack } from "../../src/plan-pack/parse-plan-pack";
import { KG_2021_PLAN_PACK } from "../../src/plan-pack/bundled-seed";
import { importPlanPack } from "../../src/storage/prisma-campaign-repository";
import { createDb } from "../../src/storage/prisma-client";

export async function seedKg2021(url: string): Promise<void> {
  const db = createDb(url);
  try {
    await importPlanPack(db, await loadPlanPack(KG_2021_PLAN_PACK), "Asia/Ho_Chi_Minh");
  } finally {
    await db.$disconnect();
  }
}
