/** @module The board capability, composed for the bot (see src/app/feature.ts). */
import type { Feature } from "../feature";

export const boardFeature: Feature = {
  name: "board",
};
