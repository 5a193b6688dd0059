/** @module Award criteria and bonus look-up (issue 7), composed for the bot. */
import type { EligibilityFacts } from "../../domain/criteria/eligibility";
import { createCriteriaService } from "../../domain/criteria/criteria-service";
import { createCriteriaFlow } from "../../conversation/flows/criteria.flow";
import { loadCriteriaKb } from "../../knowledge/load-criteria-kb";
import { evaluateProgress } from "../../domain/progress/progress-status";
import type { Db } from "../../storage/prisma-client";
import type { BotServices } from "../../conversation/services";
import { progressRepositoryFor } from "../runtime-lookups";
import type { Feature } from "../feature";

let cachedService: ReturnType<typeof createCriteriaService> | undefined;
/** The knowledge base is validated and indexed once per process. */
export function criteriaService(): ReturnType<typeof createCriteriaService> {
  cachedService ??= createCriteriaService({ kb: loadCriteriaKb() });
  return cachedService;
}

/** Facts the store holds about a unit: registered titles and the share of its reported targets that are met. */
async function unitFacts(db: Db, services: BotServices, campaignId: string, unitId: string): Promise<EligibilityFacts> {
  const c = services.campaigns.list().find((x) => x.id === campaignId);
  const reg = await db.registration.findFirst({ where: { campaignId, unitId, status: "submitted" }, orderBy: { version: "desc" } });
  const titles = reg ? (JSON.parse(reg.titlesJson) as unknown[]).map((t) => (typeof t === "string" ? t : String((t as { id?: string }).id ?? ""))) : [];
  const figures = await progressRepositoryFor(db, services.campaigns).current(campaignId, { unitId });
  let met = 0;
  let judged = 0;
  for (const ind of c?.indicators ?? []) {
    const latest = figures.find((f) => f.indicatorCode === ind.code);
    if (!latest) continue;
    const e = evaluateProgress({ comparator: ind.comparator, valueKind: ind.valueKind, value: latest.value, target: ind.target, accumulates: false, elapsedShare: 1 });
    if (e.isMet === null) continue;
    judged++;
    if (e.isMet) met++;
  }
  return { recipient: "collective", registeredTitles: titles, ...(judged > 0 ? { targetsMetShare: met / judged } : {}) };
}

export const criteriaFeature: Feature = {
  name: "criteria",
  build(services, db) {
    const flow = createCriteriaFlow({
      service: criteriaService(),
      unitFacts: (campaignId, unitId) => unitFacts(db, services, campaignId, unitId),
      maxTextLength: (channel) => (channel === "telegram" ? 4000 : 1900),
    });
    return { flows: [flow.flow], commands: { tieuchuan: flow.command }, freeText: [flow.freeText] };
  },
};
