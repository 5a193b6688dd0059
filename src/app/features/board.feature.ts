/**
 * @module The board capability, composed for the bot (see src/app/feature.ts): /tiendo and /bieudo with free
 * progress questions in chat, the progress/ranking/export routes of the admin API, and `report progress` in the
 * CLI. The /admin dashboard is mounted by start-server.ts (buildDashboard).
 */
import type { Feature } from "../feature";
import type { Runtime } from "../build-runtime";
import { createProgressCommands } from "../../conversation/flows/progress.flow";
import { boardAppFor, type BoardApp } from "../board/board-app";
import { addBoardRoutes } from "../board/board-api";
import { reportProgressCommand } from "../board/report-progress-command";

/** The board capability of a runtime (shared with the dashboard). */
export function boardOf(runtime: Runtime): BoardApp {
  return boardAppFor({ db: runtime.db, org: runtime.org, campaigns: runtime.campaigns, audit: runtime.audit, timeZone: runtime.services.timeZone });
}

export const boardFeature: Feature = {
  name: "board",
  build: (services, db) => {
    const board = boardAppFor({ db, org: services.org, campaigns: services.campaigns, audit: services.audit, timeZone: services.timeZone });
    const progress = createProgressCommands({ board: board.service, chart: (campaign, o) => board.progressChart(campaign, o) });
    return { flows: [], commands: { tiendo: progress.tiendo, bieudo: progress.bieudo }, freeText: [progress.onFreeText] };
  },
  adminRoutes: (router, runtime) => addBoardRoutes(router, boardOf(runtime), { now: () => runtime.clock.now() }),
  cliCommands: { "report progress": reportProgressCommand },
};
