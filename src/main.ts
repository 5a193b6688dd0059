/**
 * Composition root: config → store (migrations, first-start seed) → core → channels → HTTP → scheduler.
 * The only file that starts servers, loops and cron ticks.
 */
import { buildRuntime } from "./app/build-runtime";
import { buildChannelSenders, buildWebhookRouters } from "./app/channels";
import { buildFeatures } from "./app/features";
import { buildAdminApi } from "./app/admin-api";
import { seedBundled } from "./app/seed";
import { startScheduler } from "./scheduler/scheduler";
import { ConfigError, loadConfig } from "./config/config";
import { runTelegramPolling } from "./channels/telegram/telegram-polling";
import { registerBotCommands } from "./channels/telegram/telegram-commands";
import { createApp } from "./http/create-app";
import { createTranslator } from "./i18n/i18n";
import { systemClock } from "./shared/clock";
import { createLogger } from "./shared/logger";
import { createPrismaTokenStore } from "./storage/prisma-token-store";
import { createDb } from "./storage/prisma-client";
import { createPrismaLeaseManager } from "./storage/prisma-lease";
import { migrate } from "./storage/migrate";

async function main(): Promise<void> {
  const t0 = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  const clock = systemClock;
  await migrate(config.databaseUrl);
  const bootstrapDb = createDb(config.databaseUrl);
  if (config.seedOnStart) await seedBundled(bootstrapDb, config.timeZone, logger);
  const channels = buildChannelSenders(config, { tokenStore: createPrismaTokenStore(bootstrapDb, createPrismaLeaseManager(bootstrapDb)), clock });
  const runtime = await buildRuntime({ config, logger, clock, senders: channels.senders, features: buildFeatures, skipMigrations: true });
  const routers = buildWebhookRouters(config, { sink: runtime.inbound, clock, telegramApi: channels.telegramApi });
  const app = createApp({
    logger,
    adminToken: config.adminToken,
    webhooks: routers,
    adminApi: buildAdminApi(runtime),
    health: async () => ({
      db: (await runtime.checkDb()) ? "ok" : "down",
      channels: { ...Object.fromEntries(Object.entries(channels.modes).map(([k, v]) => [k, { mode: v }])), ...(channels.zaloTokens ? { zaloToken: channels.zaloTokens.status() } : {}) },
      campaigns: runtime.campaigns.list().map((c) => c.code),
      units: runtime.org.listUnits().length,
    }),
  });
  const server = app.listen(config.port, () => {
    const on = Object.entries(channels.modes).map(([k, v]) => `${k} (${v})`).join(", ") || "none (local chat only: npm run chat)";
    logger.info({ port: config.port, startupMs: Math.round(performance.now() - t0) }, `thi đua bot listening on :${config.port}; channels: ${on}`);
    console.log(`Thi đua bot: http://localhost:${config.port}/healthz · channels: ${on}`);
  });
  runtime.outboxDispatcher.start();
  await runtime.inbound.recover();
  const stopPolling = new AbortController();
  if (config.telegram && channels.telegramApi) {
    const api = channels.telegramApi;
    void registerBotCommands(api, { vi: createTranslator("vi"), en: createTranslator("en") }).catch((err) => logger.warn({ err }, "setMyCommands failed"));
    if (config.telegram.webhookSecret) {
      if (config.telegram.webhookUrl) await api.call("setWebhook", { url: config.telegram.webhookUrl, secret_token: config.telegram.webhookSecret }).catch((err) => logger.error({ err }, "setWebhook failed"));
    } else {
      void runTelegramPolling({ api, sink: runtime.inbound, signal: stopPolling.signal, botUsername: config.telegram.username, onError: (err) => logger.warn({ err }, "telegram polling error") });
    }
  }
  const scheduler = config.schedulerEnabled ? startScheduler(runtime, { logger, zaloTokens: channels.zaloTokens }) : undefined;
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    stopPolling.abort();
    scheduler?.stop();
    server.close();
    await runtime.close();
    await bootstrapDb.$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error("fatal:", err instanceof Error ? err.message : err);
  process.exit(1);
});
