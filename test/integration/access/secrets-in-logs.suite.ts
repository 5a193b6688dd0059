/**
 * Promise: tokens, secrets and what people write never reach the log. The whole bot runs at log level "trace" with
 * every credential configured, while platform calls fail in every way the fakes can script (5xx, 401, 429, blocked,
 * an expired Zalo token whose refresh fails, a Zalo Bot API that refuses connections, Telegram long polling against a
 * dead API root) and forged webhooks arrive; then the captured pino output is scanned for every secret and for the
 * texts users sent. Logging does not depend on the database: runs on the first available.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type StartedServer } from "../../../src/app/start-server";
import { loadConfig } from "../../../src/config/config";
import { createLogger } from "../../../src/shared/logger";
import { createDb } from "../../../src/storage/prisma-client";
import { importOrg } from "../../../src/storage/prisma-org-import";
import { createFakeTelegramServer, type FakeTelegramServer } from "../../fakes/fake-telegram-server";
import { createFakeZaloServer, signedZaloDelivery, type FakeZaloServer } from "../../fakes/fake-zalo-server";
import { SMALL_ORG } from "../../helpers/bot-harness";
import { FAST_LIMITS, nextId, post, tgText, waitFor, zaloBotText, zaloText } from "../../helpers/e2e-server";
import { createTestDb, type TestDb, type TestDbKind } from "../../helpers/test-db";
import { settle } from "../hostile/promise-kit";

const ADMIN_TOKEN = "logs-ADMIN-token-9f8e7d6c5b4a";
const TG_SECRET = "logs-telegram-WEBHOOK-secret";
const BOT_SECRET = "logs-zalo-bot-WEBHOOK-secret";
const OA_KEY = "logs-oa-SIGNING-key-zz";
/** What officers typed: must not appear in the log either. */
const PRIVATE_TEXTS = ["Thu ngân sách quý 1 đạt 3.217 tỷ – ghi chú riêng XYZZY-TG", "Báo cáo riêng tư PLUGH-ZALO", "nội dung kín FROBOZZ-BOT"];

async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The log-scan test; it starts its own two instances (every credential configured, a capturing logger). */
export function secretsInLogTests(kind: TestDbKind): void {
  const lines: string[] = [];
  let db: TestDb;
  let pollerDb: TestDb;
  let tg: FakeTelegramServer;
  let zalo: FakeZaloServer;
  let bot: StartedServer;
  let poller: StartedServer;
  const initialTokens: string[] = [];

  beforeAll(async () => {
    db = await createTestDb(kind);
    const seed = createDb(db.url);
    await importOrg(seed, SMALL_ORG);
    await seed.$disconnect();
    tg = await createFakeTelegramServer();
    zalo = await createFakeZaloServer();
    const dead = `http://127.0.0.1:${await deadPort()}`;
    initialTokens.push(zalo.issueAccessToken(), zalo.issueRefreshToken());
    const logger = createLogger({ level: "trace", destination: { write: (s: string) => void lines.push(s) } });
    const env = {
      PORT: "0", DATABASE_URL: db.url, SCHEDULER_ENABLED: "false", SEED_ON_START: "false", LOG_LEVEL: "trace", ADMIN_TOKEN,
      TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_BOT_USERNAME: "ThiDuaTestBot",
      ZALO_OA_APP_ID: zalo.appId, ZALO_OA_APP_SECRET: zalo.appSecret, ZALO_OA_SECRET_KEY: OA_KEY,
      ZALO_OA_ACCESS_TOKEN: initialTokens[0], ZALO_OA_REFRESH_TOKEN: initialTokens[1], ZALO_OA_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url,
      // The Bot API refuses connections: every Zalo Bot send fails with a network error.
      ZALO_BOT_TOKEN: zalo.botToken, ZALO_BOT_API_BASE: dead, ZALO_BOT_WEBHOOK_SECRET: BOT_SECRET,
    };
    bot = await startServer(loadConfig(env), { logger, limits: FAST_LIMITS });
    // A second instance (own database) in long-polling mode against a dead API root: its polling errors are logged too.
    pollerDb = await createTestDb(kind);
    poller = await startServer(loadConfig({ ...env, DATABASE_URL: pollerDb.url, TELEGRAM_WEBHOOK_SECRET: undefined, TELEGRAM_API_ROOT: dead, ZALO_OA_APP_ID: undefined, ZALO_OA_APP_SECRET: undefined, ZALO_OA_SECRET_KEY: undefined }), { logger, limits: FAST_LIMITS });
  });
  afterAll(async () => {
    await poller?.stop();
    await bot?.stop();
    await Promise.all([tg?.close(), zalo?.close()]);
    await Promise.all([db?.drop(), pollerDb?.drop()]);
  });

  it("nothing secret or private is logged while platforms fail in every way", async () => {
    const url = bot.url;
    const tgUser = nextId();
    const oaUser = String(4_680_000_000_000_000_000n + BigInt(nextId()));
    const botChat = `bot${nextId()}`;
    // Telegram: the replies fail with 500, then 401, then 429, then the user has blocked the bot.
    tg.failNext(tgUser, { type: "server_error" });
    tg.failNext(tgUser, { type: "unauthorized" });
    tg.failNext(tgUser, { type: "rate_limited", retryAfter: 1 });
    tg.failNext(tgUser, { type: "bad_gateway_html" });
    const tgHeaders = { "x-telegram-bot-api-secret-token": TG_SECRET };
    await post(`${url}/webhooks/telegram`, JSON.stringify(tgText({ userId: tgUser, text: PRIVATE_TEXTS[0]! })), tgHeaders);
    await post(`${url}/webhooks/telegram`, JSON.stringify(tgText({ userId: tgUser, text: "/trogiup" })), tgHeaders);
    // Zalo OA: every token is rejected and the refresh fails.
    zalo.expireAccessTokens();
    zalo.failTokenEndpoint(-118, 3);
    const oa = signedZaloDelivery({ appId: zalo.appId, oaSecretKey: OA_KEY, body: zaloText({ appId: zalo.appId, userId: oaUser, text: PRIVATE_TEXTS[1]! }) });
    await post(`${url}/webhooks/zalo`, oa.raw, oa.headers);
    // Zalo Bot: the API is unreachable.
    await post(`${url}/webhooks/zalo-bot`, JSON.stringify(zaloBotText({ chatId: botChat, text: PRIVATE_TEXTS[2]! })), { "x-bot-api-secret-token": BOT_SECRET });
    // Forged and wrong requests, carrying secrets of the other channels.
    await post(`${url}/webhooks/telegram`, JSON.stringify(tgText({ userId: tgUser, text: PRIVATE_TEXTS[0]! })), { "x-telegram-bot-api-secret-token": BOT_SECRET });
    await post(`${url}/webhooks/zalo`, oa.raw, { "x-zevent-signature": "mac=00" });
    await post(`${url}/api/campaigns`, "", { authorization: `Bearer ${TG_SECRET}` }, "GET");
    await post(`${url}/api/parse`, JSON.stringify({ text: PRIVATE_TEXTS[0] }), { authorization: `Bearer ${ADMIN_TOKEN}` });
    await post(`${url}/api/parse`, "{broken", { authorization: `Bearer ${ADMIN_TOKEN}` });

    // Wait until the failures really happened (and were logged), then a little longer for the retries.
    await waitFor(() => lines.some((l) => l.includes("delivery failed") && l.includes("telegram")), 15_000, "telegram failures logged");
    await waitFor(() => lines.some((l) => l.includes("delivery failed") && l.includes("zalo-bot")), 15_000, "zalo-bot failures logged");
    await waitFor(() => lines.some((l) => l.includes("delivery failed") && l.includes("\"zalo\"")), 15_000, "zalo failures logged");
    await waitFor(() => lines.some((l) => l.includes("polling")), 15_000, "polling failure logged");
    await waitFor(() => tg.delivered(tgUser).length >= 1, 15_000, "telegram delivered after the failures");
    await settle(200);

    const log = lines.join("");
    const stored = await bot.runtime.db.channelToken.findMany();
    const secrets: Record<string, string> = {
      "telegram bot token": tg.token,
      "telegram token secret part": tg.token.split(":")[1]!,
      "telegram webhook secret": TG_SECRET,
      "zalo app secret": zalo.appSecret,
      "zalo OA signing key": OA_KEY,
      "zalo bot token": zalo.botToken,
      "zalo bot token secret part": zalo.botToken.split(":")[1]!,
      "zalo bot webhook secret": BOT_SECRET,
      "admin token": ADMIN_TOKEN,
      "initial access token": initialTokens[0]!,
      "initial refresh token": initialTokens[1]!,
      ...Object.fromEntries(stored.flatMap((s, i) => [[`stored access token ${i}`, s.accessToken], [`stored refresh token ${i}`, s.refreshToken]])),
    };
    expect(lines.length).toBeGreaterThan(10);
    for (const [name, value] of Object.entries(secrets)) expect(log.includes(value), `${name} found in the log`).toBe(false);
    for (const text of PRIVATE_TEXTS) {
      const marker = /[A-Z]{5,}-[A-Z]+/.exec(text)![0];
      expect(log.includes(marker), `message text "${marker}" found in the log`).toBe(false);
    }
    // The log is still useful: it says what failed, where, and why.
    expect(log).toMatch(/"failure":"(transient|rate_limited|unreachable|permanent)"/);
  });
}
