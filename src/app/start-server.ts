/**
 * @module Starts the whole bot from a Config: store (migrations, first-start seed), core, channels, HTTP, scheduler.
 * main.ts calls it with the environment's config; end-to-end tests call it with fakes' URLs and port 0.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../config/config";
import { buildRuntime, type Runtime } from "./build-runtime";
import { buildChannelSenders, buildWebhookRouters } from "./channels";
import { buildFeatures, FEATURES } from "./features";
import { buildAdminApi } from "./admin-api";
import { buildDashboard } from "./board/dashboard-wiring";
import { seedBundled } from "./seed";
import { startScheduler } from "../scheduler/scheduler";
import { runTelegramPolling } from "../channels/telegram/telegram-polling";
import { registerBotCommands } from "../channels/telegram/telegram-commands";
import { createWebhookCounters } from "../http/webhooks/webhook-common";
import { createApp } from "../http/create-app";
import { createTranslator } from "../i18n/i18n";
import { systemClock, type Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";
import type { BucketSpec, ChannelLimits } from "../delivery/token-bucket";
import { createPrismaTokenStore } from "../storage/prisma-token-store";
import { createDb } from "../storage/prisma-client";
import { createPrismaLeaseManager } from "../storage/prisma-lease";
import { migrate } from "../storage/migrate";

export interface StartedServer {
  runtime: Runtime;
  server: Server;
  url: string;
  modes: Record<string, string>;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  logger: Logger;
  clock?: Clock;
  limits?: Record<string, ChannelLimits>;
  /** Per-person message limit (see buildRuntime); null = none (load benches). */
  floodLimit?: BucketSpec | null;
  registerCommands?: boolean;
  /** How often unfinished inbound updates are swept up again (database failures, crashed instances); default 30 s. */
  sweepEveryMs?: number;
}

export async function startServer(config: Config, opts: StartServerOptions): Promise<StartedServer> {
  const { logger } = opts;
  const clock = opts.clock ?? systemClock;
  await migrate(config.databaseUrl);
  const bootstrapDb = createDb(config.databaseUrl);
  if (config.seedOnStart) await seedBundled(bootstrapDb, config.timeZone, logger);
  const channels = buildChannelSenders(config, { tokenStore: createPrismaTokenStore(bootstrapDb, createPrismaLeaseManager(bootstrapDb)), clock });
  const runtime = await buildRuntime({ config, logger, clock, senders: channels.senders, features: buildFeatures, skipMigrations: true, limits: opts.limits, floodLimit: opts.floodLimit });
  const counters = createWebhookCounters();
  const routers = buildWebhookRouters(config, { sink: runtime.inbound, clock, telegramApi: channels.telegramApi, observe: counters.observe });
  const app = createApp({
    logger,
    adminToken: config.adminToken,
    webhooks: routers,
    adminApi: buildAdminApi(runtime),
    dashboard: buildDashboard(runtime, config.adminToken),
    health: async () => ({
      db: (await runtime.checkDb()) ? "ok" : "down",
      channels: Object.fromEntries(
        Object.entries(channels.modes).map(([k, v]) => [k, { mode: v, ...(k === "zalo" && channels.zaloTokens ? { token: channels.zaloTokens.status() } : {}) }]),
      ),
      webhooks: counters.snapshot(),
      campaigns: runtime.campaigns.list().map((c) => c.code),
      units: runtime.org.listUnits().length,
    }),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.port, "0.0.0.0", () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  runtime.outboxDispatcher.start();
  await runtime.inbound.recover();
  const sweeper = setInterval(() => {
    runtime.inbound.sweep().catch((err: unknown) => logger.warn({ err }, "inbound sweep failed"));
  }, opts.sweepEveryMs ?? 30_000);
  sweeper.unref();
  const stopPolling = new AbortController();
  if (config.telegram && channels.telegramApi) {
    const api = channels.telegramApi;
    if (opts.registerCommands !== false) {
      void registerBotCommands(api, { vi: createTranslator("vi"), en: createTranslator("en") }).catch((err) => logger.warn({ err }, "setMyCommands failed"));
    }
    if (config.telegram.webhookSecret) {
      if (config.telegram.webhookUrl) {
        await api.setWebhook({ url: config.telegram.webhookUrl, secretToken: config.telegram.webhookSecret }).catch((err: unknown) => logger.error({ err }, "setWebhook failed"));
      }
    } else {
      void runTelegramPolling({ api, sink: runtime.inbound, signal: stopPolling.signal, botUsername: config.telegram.username, onError: (err) => logger.warn({ err }, "telegram polling error") });
    }
  }
  const scheduler = config.schedulerEnabled ? startScheduler(runtime, { logger, zaloTokens: channels.zaloTokens, jobs: FEATURES.flatMap((f) => f.jobs?.(runtime) ?? []) }) : undefined;
  return {
    runtime,
    server,
    url: `http://127.0.0.1:${port}`,
    modes: channels.modes,
    async stop() {
      stopPolling.abort();
      clearInterval(sweeper);
      scheduler?.stop();
      await new Promise<void>((r) => server.close(() => r()));
      await runtime.close();
      await bootstrapDb.$disconnect();
    },
  };
}
