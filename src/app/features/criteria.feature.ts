/** @module The criteria capability, composed for the bot (see src/app/feature.ts). */
import type { Feature } from "../feature";

export const criteriaFeature: Feature = {
  name: "criteria",
};
