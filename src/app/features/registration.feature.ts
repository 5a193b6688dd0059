/** @module The registration capability, composed for the bot (see src/app/feature.ts). */
import type { Feature } from "../feature";

export const registrationFeature: Feature = {
  name: "registration",
};
