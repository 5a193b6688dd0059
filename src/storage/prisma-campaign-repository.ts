/**
 * @module Campaigns in the store: idempotent plan-pack import (re-import updates, never duplicates) and the
 * in-memory catalog the conversation reads (reference data, reloaded after an import).
 */
import type { ActiveCampaign, CampaignCatalog } from "../conversation/services";
import type { CampaignDef } from "../domain/campaigns/campaign";
import { zonedLocalToInstant } from "./zoned";
import type { Db } from "./prisma-client";

/** What a stored pack must provide; the full pack (legal bases, awards, scoring) is kept as JSON alongside. */
export interface StoredPack {
  campaign: CampaignDef;
  meta: { packHash: string };
}

export type ImportOutcome = "created" | "updated" | "unchanged";

export async function importPlanPack(db: Db, pack: StoredPack, timeZone: string): Promise<{ code: string; outcome: ImportOutcome }> {
  const c = pack.campaign;
  const existing = await db.campaign.findUnique({ where: { code: c.code } });
  if (existing && existing.packHash === pack.meta.packHash) return { code: c.code, outcome: "unchanged" };
  await db.$transaction(async (tx) => {
    const data = { title: c.title, year: c.year, province: c.province, regimeYear: c.regimeYear, packJson: JSON.stringify(pack), packHash: pack.meta.packHash };
    const campaign = await tx.campaign.upsert({ where: { code: c.code }, create: { code: c.code, ...data }, update: data });
    for (const [i, ind] of c.indicators.entries()) {
      const row = {
        name: ind.name, aliasesJson: JSON.stringify(ind.aliases), group: ind.group, measure: ind.measure, target: ind.target,
        comparator: ind.comparator, frequency: ind.frequency, aggregation: ind.aggregation, valueKind: ind.valueKind, sortOrder: i,
      };
      await tx.indicator.upsert({
        where: { campaignId_code: { campaignId: campaign.id, code: ind.code } },
        create: { campaignId: campaign.id, code: ind.code, ...row },
        update: row,
      });
    }
    for (const d of c.deadlines) {
      const row = { kind: d.kind, title: d.title, period: d.period, dueAt: zonedLocalToInstant(d.due, timeZone), assumed: d.assumed };
      await tx.deadline.upsert({
        where: { campaignId_code: { campaignId: campaign.id, code: d.code } },
        create: { campaignId: campaign.id, code: d.code, ...row },
        update: row,
      });
    }
  });
  return { code: c.code, outcome: existing ? "updated" : "created" };
}

export async function createPrismaCampaignCatalog(db: Db): Promise<CampaignCatalog> {
  let campaigns: ActiveCampaign[] = [];
  async function refresh(): Promise<void> {
    const rows = await db.campaign.findMany({ include: { indicators: { select: { id: true, code: true } } }, orderBy: [{ year: "desc" }, { createdAt: "desc" }] });
    campaigns = rows.map((r) => {
      const pack = JSON.parse(r.packJson) as StoredPack;
      return { ...pack.campaign, id: r.id, indicatorIds: Object.fromEntries(r.indicators.map((i) => [i.code, i.id])) };
    });
  }
  await refresh();
  return {
    current: () => campaigns[0],
    byCode: (code) => campaigns.find((c) => c.code === code),
    list: () => campaigns,
    refresh,
  };
}
