/**
 * End-to-end kit: the whole bot started with `startServer` (real HTTP routes, real outbox loop, real database) against
 * the local fake Telegram and Zalo servers on 127.0.0.1. Tests talk to it only as the platforms would: signed or
 * secret-bearing webhook POSTs in, API calls observed at the fakes out.
 */
import { request as httpRequest } from "node:http";
import type { RecordedRequest } from "../fakes/fake-platform-http";
import { createFakeTelegramServer, type FakeTelegramServer } from "../fakes/fake-telegram-server";
import { createFakeZaloServer, signedZaloDelivery, type FakeZaloServer } from "../fakes/fake-zalo-server";
import { startServer, type StartedServer } from "../../src/app/start-server";
import type { Runtime } from "../../src/app/build-runtime";
import { loadConfig } from "../../src/config/config";
import { DEFAULT_LIMITS, type ChannelLimits } from "../../src/delivery/token-bucket";
import { createLogger } from "../../src/shared/logger";
import { createDb } from "../../src/storage/prisma-client";
import { importOrg, type OrgImport } from "../../src/storage/prisma-org-import";
import { SMALL_ORG } from "./bot-harness";
import { createTestDb, type TestDb, type TestDbKind } from "./test-db";

export const TG_SECRET = "e2e-telegram-SECRET_1";
export const ZALO_BOT_SECRET = "e2e-zalo-bot-SECRET-1";
export const ZALO_OA_SECRET_KEY = "e2e-oa-secret-key";
export const BOT_USERNAME = "ThiDuaTestBot";

/** Pacing is measured by the outbox bench; end-to-end tests want no platform limits unless they ask for them. */
const FAST = DEFAULT_LIMITS.local!;
export const FAST_LIMITS: Record<string, ChannelLimits> = { telegram: FAST, zalo: FAST, "zalo-bot": FAST, local: FAST };

export interface E2eOptions {
  org?: OrgImport;
  limits?: Record<string, ChannelLimits>;
  /** Extra environment variables for loadConfig (e.g. to turn a channel off). */
  env?: Record<string, string | undefined>;
  /** An existing database (benches reuse one); otherwise a fresh test database is created and dropped. */
  db?: TestDb;
}

/**
 * Stamps each request a fake records with the wall-clock time it arrived (ms, comparable with stored Dates), without
 * changing the fakes:
 * the recorded array's push is wrapped.
 */
export function stampArrivals(requests: RecordedRequest[]): (r: RecordedRequest) => number | undefined {
  const at = new WeakMap<RecordedRequest, number>();
  const push = requests.push.bind(requests);
  requests.push = (...items: RecordedRequest[]) => {
    const now = Date.now();
    for (const r of items) at.set(r, now);
    return push(...items);
  };
  return (r) => at.get(r);
}

/** What a person reads: Telegram HTML tags and entities removed, `**bold**` markers dropped. */
export function plain(text: string): string {
  return text.replace(/<\/?(b|i|u|s|a|code|pre|blockquote)(\s[^>]*)?>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/\*\*/g, "");
}

export interface PostResult {
  status: number;
  body: string;
}

/**
 * POSTs on a fresh connection each time (agent: false). fetch's pooled keep-alive sockets can be reset by the server
 * exactly as they are reused after a long idle pause, which would make a test flaky for a reason no platform has.
 */
export function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = "POST"): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent: false, headers: { "content-type": "application/json", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** GET JSON on a fresh connection. */
export async function getJson<T>(url: string): Promise<T> {
  return JSON.parse((await post(url, "", {}, "GET")).body) as T;
}

/**
 * Polls until `check` returns a truthy value (or throws after `timeoutMs`). Checks that query the database should
 * poll slowly (`everyMs` 100): each query costs the bot under test CPU time.
 */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000, what = "condition", everyMs = 10): Promise<NonNullable<T>> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

let seq = 0;
/** Unique platform ids per process so repeated updates in one test never collide by accident. */
export const nextId = () => 1_000_000 + ++seq * 7 + Math.floor(Math.random() * 5);

/** A Telegram text message update as the Bot API delivers it (private chat when `groupId` is absent). */
export function tgText(p: { userId: number; text: string; groupId?: number; updateId?: number; date?: number }) {
  const from = { id: p.userId, is_bot: false, first_name: "Cán bộ", last_name: String(p.userId), language_code: "vi" };
  const chat = p.groupId === undefined
    ? { id: p.userId, type: "private", first_name: "Cán bộ" }
    : { id: p.groupId, type: p.groupId < -1_000_000_000_000 ? "supergroup" : "group", title: "Nhóm thi đua" };
  const text = p.text;
  const command = /^\/\S+/.exec(text);
  return {
    update_id: p.updateId ?? nextId(),
    message: {
      message_id: nextId(), from, chat, date: p.date ?? Math.floor(Date.now() / 1000), text,
      ...(command ? { entities: [{ offset: 0, length: command[0].length, type: "bot_command" }] } : {}),
    },
  };
}

/** A Zalo OA `user_send_text` event (timestamp = now, so the replay guard accepts it). */
export function zaloText(p: { appId: string; userId: string; text: string; msgId?: string }) {
  return {
    app_id: p.appId, user_id_by_app: `app-${p.userId}`, event_name: "user_send_text",
    sender: { id: p.userId }, recipient: { id: "579745863508352884" },
    message: { text: p.text, msg_id: p.msgId ?? `msg${nextId()}` }, timestamp: String(Date.now()),
  };
}

/** A Zalo Bot Platform text update (wrapped form `{ok, result}`, as the webhook delivers it). */
export function zaloBotText(p: { chatId: string; text: string; messageId?: string }) {
  return {
    ok: true,
    result: {
      event_name: "message.text.received",
      message: {
        from: { id: p.chatId, display_name: "Trần Minh", is_bot: false },
        chat: { id: p.chatId, chat_type: "PRIVATE" },
        text: p.text, message_id: p.messageId ?? `m${nextId()}`, date: Date.now(),
      },
    },
  };
}

export interface E2eServer {
  kind: TestDbKind;
  tdb: TestDb;
  tg: FakeTelegramServer;
  zalo: FakeZaloServer;
  server: StartedServer;
  runtime: Runtime;
  url: string;
  tgArrival: (r: RecordedRequest) => number | undefined;
  postTelegram(update: unknown, secret?: string | null): Promise<PostResult>;
  /** Signed like Zalo does; `badSignature` signs with a wrong key. */
  postZalo(event: Record<string, unknown>, opts?: { badSignature?: boolean }): Promise<PostResult>;
  postZaloBot(update: unknown, secret?: string | null): Promise<PostResult>;
  /** A one-time invite code for the first officer with `role` in `unitCode`. */
  invite(unitCode: string, role?: string): Promise<{ code: string; officerId: string }>;
  /** Texts the fake Telegram delivered to a chat. */
  tgTexts(chatId: string | number): string[];
  zaloTexts(recipient: string): string[];
  /** Number of stored inbound updates (all platforms). */
  storedUpdates(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts fakes + the whole bot on a test database with a small organisation imported. */
export async function startE2e(kind: TestDbKind, opts: E2eOptions = {}): Promise<E2eServer> {
  const tdb = opts.db ?? (await createTestDb(kind));
  if (!opts.db) {
    const seedDb = createDb(tdb.url);
    await importOrg(seedDb, opts.org ?? SMALL_ORG);
    await seedDb.$disconnect();
  }
  const tg = await createFakeTelegramServer();
  const zalo = await createFakeZaloServer();
  const tgArrival = stampArrivals(tg.requests);
  const config = loadConfig({
    PORT: "0", DATABASE_URL: tdb.url, SCHEDULER_ENABLED: "false", SEED_ON_START: "false", LOG_LEVEL: "silent",
    TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_BOT_USERNAME: BOT_USERNAME,
    ZALO_OA_APP_ID: zalo.appId, ZALO_OA_APP_SECRET: zalo.appSecret, ZALO_OA_SECRET_KEY,
    ZALO_OA_ACCESS_TOKEN: zalo.issueAccessToken(), ZALO_OA_REFRESH_TOKEN: zalo.issueRefreshToken(),
    ZALO_OA_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url,
    ZALO_BOT_TOKEN: zalo.botToken, ZALO_BOT_API_BASE: zalo.url, ZALO_BOT_WEBHOOK_SECRET: ZALO_BOT_SECRET,
    ...opts.env,
  });
  const server = await startServer(config, { logger: createLogger({ level: "silent" }), limits: opts.limits ?? FAST_LIMITS, registerCommands: false });
  const { runtime, url } = server;
  const postTo = (path: string, body: string | Buffer, headers: Record<string, string>) => post(`${url}${path}`, body, headers);

  return {
    kind, tdb, tg, zalo, server, runtime, url, tgArrival,
    postTelegram: (update, secret = TG_SECRET) =>
      postTo("/webhooks/telegram", JSON.stringify(update), secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }),
    postZalo(event, o = {}) {
      const d = signedZaloDelivery({ appId: zalo.appId, oaSecretKey: o.badSignature ? "not-the-key" : ZALO_OA_SECRET_KEY, body: event });
      return postTo("/webhooks/zalo", d.raw, d.headers);
    },
    postZaloBot: (update, secret = ZALO_BOT_SECRET) =>
      postTo("/webhooks/zalo-bot", JSON.stringify(update), secret === null ? {} : { "x-bot-api-secret-token": secret }),
    async invite(unitCode, role = "officer") {
      const unit = runtime.org.unitByCode(unitCode);
      const officer = runtime.org.listOfficers().find((o) => o.role === role && o.unitId === unit?.id);
      if (!officer) throw new Error(`no ${role} in ${unitCode}`);
      const code = await runtime.accounts.createInvite(officer.id, new Date(Date.now() + 86_400_000));
      return { code, officerId: officer.id };
    },
    tgTexts: (chatId) => tg.delivered(chatId).map((m) => plain(m.text ?? m.caption ?? "")),
    zaloTexts: (recipient) => zalo.delivered(recipient).map((m) => plain(m.text ?? "")),
    storedUpdates: () => runtime.db.inboundUpdate.count(),
    async stop() {
      await server.stop();
      await Promise.all([tg.close(), zalo.close()]);
      if (!opts.db) await tdb.drop();
    },
  };
}
