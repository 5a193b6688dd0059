/**
 * @module Configuration: the only reader of process.env. Parsed once with zod; every bad value is reported together.
 */
import { existsSync, readFileSync } from "node:fs";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .default("true")
  .transform((v) => v === "true" || v === "1" || v === "yes");

const urlString = (dflt: string) => z.string().url().default(dflt).transform((u) => u.replace(/\/+$/, ""));

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Every environment variable the bot reads. .env.example lists exactly these keys (a test checks). */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default("file:./data/thidua.db")
    .refine((u) => u.startsWith("file:") || /^postgres(ql)?:\/\//.test(u), "must start with file: or postgresql://"),
  APP_TIMEZONE: z.string().default("Asia/Ho_Chi_Minh").refine(isTimeZone, "unknown IANA time zone"),
  DEFAULT_LOCALE: z.enum(["vi", "en"]).default("vi"),
  ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, "must be at least 16 characters"),
  SCHEDULER_ENABLED: booleanString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: urlString("https://api.telegram.org"),
  TELEGRAM_WEBHOOK_SECRET: optionalString.refine(
    (v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v),
    "only A-Z, a-z, 0-9, _ and - (Telegram's rule), 1-256 characters",
  ),
  TELEGRAM_WEBHOOK_URL: optionalString.pipe(z.string().url().optional()),
  TELEGRAM_BOT_USERNAME: optionalString,
  ZALO_OA_APP_ID: optionalString,
  ZALO_OA_APP_SECRET: optionalString,
  ZALO_OA_SECRET_KEY: optionalString,
  ZALO_OA_ACCESS_TOKEN: optionalString,
  ZALO_OA_REFRESH_TOKEN: optionalString,
  ZALO_OA_API_BASE: urlString("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE: urlString("https://oauth.zaloapp.com"),
  ZALO_BOT_TOKEN: optionalString,
  ZALO_BOT_API_BASE: urlString("https://bot-api.zaloplatforms.com"),
  ZALO_BOT_WEBHOOK_SECRET: optionalString,
  SEED_ON_START: booleanString,
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  databaseUrl: string;
  timeZone: string;
  defaultLocale: "vi" | "en";
  adminToken?: string;
  schedulerEnabled: boolean;
  logLevel: Env["LOG_LEVEL"];
  seedOnStart: boolean;
  telegram?: { token: string; apiRoot: string; webhookSecret?: string; webhookUrl?: string; username?: string };
  zaloOa?: {
    appId: string;
    appSecret: string;
    secretKey: string;
    accessToken?: string;
    refreshToken?: string;
    apiBase: string;
    oauthBase: string;
  };
  zaloBot?: { token: string; apiBase: string; webhookSecret?: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads `.env` (if present) under the real environment: variables already set win. */
export function readEnvFile(file = ".env"): Record<string, string> {
  return existsSync(file) ? parseDotenv(readFileSync(file)) : {};
}

export function loadConfig(env: Record<string, string | undefined> = { ...readEnvFile(), ...process.env }): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const zaloOaKeys = [e.ZALO_OA_APP_ID, e.ZALO_OA_APP_SECRET, e.ZALO_OA_SECRET_KEY];
  if (zaloOaKeys.some(Boolean) && !zaloOaKeys.every(Boolean)) {
    problems.push("ZALO_OA_APP_ID, ZALO_OA_APP_SECRET and ZALO_OA_SECRET_KEY must be set together");
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    problems.push("TELEGRAM_WEBHOOK_URL: requires TELEGRAM_WEBHOOK_SECRET");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(e);
}

function toConfig(e: Env): Config {
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    timeZone: e.APP_TIMEZONE,
    defaultLocale: e.DEFAULT_LOCALE,
    adminToken: e.ADMIN_TOKEN,
    schedulerEnabled: e.SCHEDULER_ENABLED,
    logLevel: e.LOG_LEVEL,
    seedOnStart: e.SEED_ON_START,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
          webhookUrl: e.TELEGRAM_WEBHOOK_URL,
          username: e.TELEGRAM_BOT_USERNAME,
        }
      : undefined,
    zaloOa:
      e.ZALO_OA_APP_ID && e.ZALO_OA_APP_SECRET && e.ZALO_OA_SECRET_KEY
        ? {
            appId: e.ZALO_OA_APP_ID,
            appSecret: e.ZALO_OA_APP_SECRET,
            secretKey: e.ZALO_OA_SECRET_KEY,
            accessToken: e.ZALO_OA_ACCESS_TOKEN,
            refreshToken: e.ZALO_OA_REFRESH_TOKEN,
            apiBase: e.ZALO_OA_API_BASE,
            oauthBase: e.ZALO_OAUTH_BASE,
          }
        : undefined,
    zaloBot: e.ZALO_BOT_TOKEN
      ? { token: e.ZALO_BOT_TOKEN, apiBase: e.ZALO_BOT_API_BASE, webhookSecret: e.ZALO_BOT_WEBHOOK_SECRET }
      : undefined,
  };
}
