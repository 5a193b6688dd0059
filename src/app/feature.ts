/**
 * @module How a capability plugs into the bot: chat flows/commands/free-text handlers, admin API routes, CLI
 * commands and scheduled jobs. Each capability has one `src/app/features/<name>.feature.ts` composing its domain,
 * storage and conversation pieces; src/app/features.ts lists them.
 */
import type { Router } from "express";
import type { BotServices } from "../conversation/services";
import type { Db } from "../storage/prisma-client";
import type { Config } from "../config/config";
import type { Runtime, FeatureSet } from "./build-runtime";
import type { ScheduledJob } from "../scheduler/scheduler";

export interface CliContext {
  db: Db;
  config: Config;
  print: (s: string) => void;
  /** Builds the full runtime (core services, outbox, channels from config) on first use. */
  runtime: () => Promise<Runtime>;
}

export type CliCommand = (ctx: CliContext, args: string[]) => Promise<void>;

export interface Feature {
  name: string;
  /** Chat side: flows, commands and free-text handlers. */
  build?: (services: BotServices, db: Db) => FeatureSet | Promise<FeatureSet>;
  /** Admin JSON routes under /api (auth already applied). */
  adminRoutes?: (router: Router, runtime: Runtime) => void;
  /** CLI commands, keyed by their two-word name ("reminders run"). */
  cliCommands?: Record<string, CliCommand>;
  /** Periodic jobs for the scheduler. */
  jobs?: (runtime: Runtime) => ScheduledJob[];
}
