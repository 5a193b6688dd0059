/** @module The reporting capability, composed for the bot (see src/app/feature.ts). */
import type { Feature } from "../feature";

export const reportingFeature: Feature = {
  name: "reporting",
};
