/**
 * @module Paths of the data bundled in prisma/seed: the plan packs and the sample organisation that `npm start`
 * loads on first start (runtime-contract.md). Resolved from this file so they work from any working directory.
 */
import { fileURLToPath } from "node:url";

const seed = (rel: string): string => fileURLToPath(new URL(`../../prisma/seed/${rel}`, import.meta.url));

/** The Kiên Giang 2021 plan (campaign code `kg-2021`): the default campaign. */
export const KG_2021_PLAN_PACK = seed("plans/kg-2021.yaml");

/** An illustrative An Giang 2026 pack (regime 2022) proving another province and year load. */
export const EXAMPLE_AG_2026_PLAN_PACK = seed("plans/example-an-giang-2026.yaml");

/** The plan packs loaded on first start, in import order. Example packs are not loaded automatically. */
export const BUNDLED_PLAN_PACKS: readonly string[] = [KG_2021_PLAN_PACK];

/** The sample Kiên Giang 2021 organisation (units, cụm/khối, officers); every row is marked sample. */
export const KG_2021_SAMPLE_ORG_CSV = seed("org/kien-giang-2021-sample.csv");
