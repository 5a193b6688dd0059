/** @module The list of capabilities plugged into the bot, and their combination into one FeatureSet. */
import type { BotServices } from "../conversation/services";
import type { Db } from "../storage/prisma-client";
import type { FeatureSet } from "./build-runtime";
import type { Feature } from "./feature";
import { criteriaFeature } from "./features/criteria.feature";
import { reportingFeature } from "./features/reporting.feature";
import { registrationFeature } from "./features/registration.feature";
import { remindersFeature } from "./features/reminders.feature";
import { boardFeature } from "./features/board.feature";

/** Order matters for free text: reporting reads figures first, then criteria questions. */
export const FEATURES: Feature[] = [registrationFeature, reportingFeature, criteriaFeature, remindersFeature, boardFeature];

export function buildFeatures(services: BotServices, db: Db): Promise<FeatureSet> {
  return combineFeatures(FEATURES, services, db);
}

export async function combineFeatures(list: Feature[], services: BotServices, db: Db): Promise<FeatureSet> {
  const out: FeatureSet = { flows: [], commands: {}, freeText: [] };
  for (const m of list) {
    if (!m.build) continue;
    const f = await m.build(services, db);
    out.flows.push(...f.flows);
    Object.assign(out.commands, f.commands);
    out.freeText.push(...f.freeText);
  }
  return out;
}
