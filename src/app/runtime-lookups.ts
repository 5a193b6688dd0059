/**
 * @module Small lookups shared by the feature routes and the dashboard. Kept apart from admin-api.ts, which imports
 * the feature list, so that a feature importing them does not form an import cycle.
 */
import type { CampaignCatalog } from "../conversation/services";
import { HttpError } from "../http/http-error";
import { ownValue } from "../shared/word-table";
import type { Db } from "../storage/prisma-client";
import { createPrismaProgressRepository } from "../storage/prisma-progress-repository";

/** The loaded campaign with this code, or a 404 for the API. */
export function campaignOr404(runtime: { campaigns: CampaignCatalog }, code: string) {
  const c = runtime.campaigns.byCode(code);
  if (!c) throw new HttpError("not_found", `no campaign ${code}`);
  return c;
}

/** The progress store, resolving indicator codes through the campaign catalog (reference data in memory). */
export function progressRepositoryFor(db: Db, campaigns: CampaignCatalog) {
  return createPrismaProgressRepository(db, (campaignId, code) => {
    const ids = campaigns.list().find((c) => c.id === campaignId)?.indicatorIds;
    return ids ? ownValue(ids, code) : undefined;
  });
}
