/** @module The feature set plugged into the core: each capability contributes flows, commands and free-text handlers. */
import type { BotServices } from "../conversation/services";
import type { Db } from "../storage/prisma-client";
import type { FeatureSet } from "./build-runtime";

export type FeatureModule = (services: BotServices, db: Db) => FeatureSet | Promise<FeatureSet>;

const modules: FeatureModule[] = [];

export function buildFeatures(services: BotServices, db: Db): Promise<FeatureSet> {
  return combineFeatures(modules, services, db);
}

export async function combineFeatures(list: FeatureModule[], services: BotServices, db: Db): Promise<FeatureSet> {
  const out: FeatureSet = { flows: [], commands: {}, freeText: [] };
  for (const m of list) {
    const f = await m(services, db);
    out.flows.push(...f.flows);
    Object.assign(out.commands, f.commands);
    out.freeText.push(...f.freeText);
  }
  return out;
}
