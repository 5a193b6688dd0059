/** @module The reminders capability, composed for the bot (see src/app/feature.ts). */
import type { Feature } from "../feature";

export const remindersFeature: Feature = {
  name: "reminders",
};
