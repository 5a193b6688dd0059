/** Composition root: reads the environment once, starts the bot, stops it cleanly on SIGINT/SIGTERM. */
import { ConfigError, loadConfig } from "./config/config";
import { startServer } from "./app/start-server";
import { createLogger } from "./shared/logger";

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
  const started = await startServer(config, { logger });
  const on = Object.entries(started.modes).map(([k, v]) => `${k} (${v})`).join(", ") || "none — local chat only: npm run chat";
  const ms = Math.round(performance.now() - t0);
  logger.info({ port: config.port, startupMs: ms, channels: started.modes }, "thi đua bot started");
  console.log(`Thi đua bot ready in ${ms} ms: ${started.url.replace("127.0.0.1", "localhost")}/healthz · channels: ${on}`);
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    await started.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error("fatal:", err instanceof Error ? err.message : err);
  process.exit(1);
});
