/**
 * Shared kit of the "promises" suites (hostile input, access, faults, multi-instance): a started bot with the
 * Kiên Giang 2021 plan loaded, helpers to link Telegram users through the real webhook, raw HTTP requests that
 * the ordinary helpers cannot make (chunked, lying lengths, repeated headers), and table snapshots to prove that
 * "nothing was stored".
 */
import { request as httpRequest } from "node:http";
import { startServer, type StartedServer } from "../../../src/app/start-server";
import { loadConfig } from "../../../src/config/config";
import type { ChannelLimits } from "../../../src/delivery/token-bucket";
import { createLogger, type Logger } from "../../../src/shared/logger";
import type { Db } from "../../../src/storage/prisma-client";
import { createDb } from "../../../src/storage/prisma-client";
import { importOrg, type OrgImport } from "../../../src/storage/prisma-org-import";
import { createFakeTelegramServer, type FakeTelegramServer } from "../../fakes/fake-telegram-server";
import { createFakeZaloServer, signedZaloDelivery, type FakeZaloServer } from "../../fakes/fake-zalo-server";
import { SMALL_ORG } from "../../helpers/bot-harness";
import {
  BOT_USERNAME, FAST_LIMITS, plain, post, startE2e, tgText, waitFor, TG_SECRET, ZALO_BOT_SECRET, ZALO_OA_SECRET_KEY,
  type E2eOptions, type E2eServer, type PostResult,
} from "../../helpers/e2e-server";
import { seedKg2021 } from "../../helpers/seed-plan";
import { createTestDb, type TestDb, type TestDbKind } from "../../helpers/test-db";

/** Time given to background processing before asserting that something did NOT happen. */
export const SETTLE_MS = 300;
export const settle = (ms = SETTLE_MS) => new Promise((r) => setTimeout(r, ms));

/** A started bot (startE2e) whose database also holds the bundled plan; stop() drops the database. */
export interface PlanE2e extends E2eServer {
  db: TestDb;
}

export async function startPlanE2e(kind: TestDbKind, opts: Omit<E2eOptions, "db"> = {}): Promise<PlanE2e> {
  const db = await createTestDb(kind);
  const seed = createDb(db.url);
  await importOrg(seed, opts.org ?? SMALL_ORG);
  await seed.$disconnect();
  await seedKg2021(db.url);
  const e = await startE2e(kind, { ...opts, db });
  return {
    ...e,
    db,
    async stop() {
      await e.stop();
      await db.drop();
    },
  };
}

/** Links a Telegram user through the webhook with a fresh invite and waits for the two link replies. */
export async function linkTelegram(e: E2eServer, userId: number, unitCode: string, role = "officer"): Promise<string> {
  const { code, officerId } = await e.invite(unitCode, role);
  const before = e.tgTexts(userId).length;
  const res = await e.postTelegram(tgText({ userId, text: `/start ${code}` }));
  if (res.status !== 200) throw new Error(`link webhook answered ${res.status}`);
  await waitFor(() => e.tgTexts(userId).length >= before + 2, 10_000, `link replies for ${userId}`);
  return officerId;
}

let callbackSeq = 0;
/** A Telegram button press (callback_query) in a private chat. */
export function tgCallback(p: { userId: number; data: string; messageId?: number; updateId?: number }) {
  const from = { id: p.userId, is_bot: false, first_name: "Cán bộ", language_code: "vi" };
  return {
    update_id: p.updateId ?? 900_000_000 + ++callbackSeq * 13,
    callback_query: {
      id: `cbq-${p.userId}-${callbackSeq}`,
      from,
      message: { message_id: p.messageId ?? 1, date: Math.floor(Date.now() / 1000), chat: { id: p.userId, type: "private" } },
      chat_instance: "-1",
      data: p.data,
    },
  };
}

export interface RawAnswer {
  status: number;
  body: string;
  headers?: Record<string, string | string[] | undefined>;
  /** The socket was closed or reset before a complete answer. */
  reset?: boolean;
}

/**
 * One raw HTTP request on a fresh connection. `chunks` are written one by one (chunked transfer encoding unless a
 * content-length header is given), so oversize bodies can be streamed without building them in memory.
 */
export function rawRequest(url: string, o: { method?: string; headers?: Record<string, string | string[]>; chunks?: (string | Buffer)[] } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: o.method ?? "POST", agent: false, headers: o.headers ?? {} }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), headers: res.headers }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), reset: true }));
    });
    req.on("error", () => resolve({ status: 0, body: "", reset: true }));
    void (async () => {
      for (const c of o.chunks ?? []) {
        if (req.destroyed) return;
        if (!req.write(c)) {
          await new Promise<void>((r) => {
            const done = () => {
              req.off("drain", done);
              req.off("close", done);
              r();
            };
            req.on("drain", done);
            req.on("close", done);
          });
        }
      }
      req.end();
    })();
  });
}

/** Row counts of the tables that hold what users cause; equal snapshots = nothing was stored. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const [inbound, reports, accounts, linked, groups, registrations, invitesUsed, audit] = await Promise.all([
    db.inboundUpdate.count(),
    db.progressReport.count(),
    db.channelAccount.count(),
    db.channelAccount.count({ where: { officerId: { not: null } } }),
    db.chatGroup.count(),
    db.registration.count(),
    db.inviteCode.count({ where: { usedAt: { not: null } } }),
    db.auditLog.count(),
  ]);
  return { inbound, reports, accounts, linked, groups, registrations, invitesUsed, audit };
}

/** An organisation whose names are hostile: markup, Markdown, SQL, bidi overrides, zero-width joiners, emoji, NFD. */
export const HOSTILE_NAMES = {
  unit: "UBND <b>xã</b> & \"Tân <i>Hiệp</i>\" </a><script>alert(1)</script>",
  officer: "Nguyễn **Văn** <a href=\"https://evil.example\">Ác</a> '; DROP TABLE \"Officer\"; -- \u202Eevil\u202C 👨‍👩‍👧",
  /** Decomposed (NFD) "Lê Thị Hồng", as some keyboards and CSV exports write it. */
  nfdOfficer: "Le\u0302 Thi\u0323 Ho\u0302\u0300ng",
};

export const HOSTILE_ORG: OrgImport = {
  units: [...SMALL_ORG.units, { code: "X-HOSTILE", name: HOSTILE_NAMES.unit, kind: "commune", parentCode: null, isSample: true }],
  clusters: SMALL_ORG.clusters,
  officers: [
    ...SMALL_ORG.officers,
    { unitCode: "X-HOSTILE", name: HOSTILE_NAMES.officer, role: "officer", phone: null },
    { unitCode: "X-HOSTILE", name: HOSTILE_NAMES.nfdOfficer, role: "unit_head", phone: null },
  ],
};

/** A started bot with options the shared e2e helper does not take (logger, sweep interval, shared fakes). */
export interface Bot {
  tdb: TestDb;
  tg: FakeTelegramServer;
  zalo: FakeZaloServer;
  server: StartedServer;
  runtime: StartedServer["runtime"];
  url: string;
  postTelegram(update: unknown): Promise<PostResult>;
  postZalo(event: Record<string, unknown>): Promise<PostResult>;
  tgTexts(chatId: string | number): string[];
  stop(): Promise<void>;
}

export interface BotOptions {
  /** An existing database (a second instance, or one already seeded); otherwise a fresh one with SMALL_ORG. */
  db?: TestDb;
  /** Fakes shared with another instance; otherwise fresh ones (closed by stop()). */
  fakes?: { tg: FakeTelegramServer; zalo: FakeZaloServer };
  /** Zalo OA token pair for the environment (instances sharing a database must start with the same pair). */
  zaloTokens?: { accessToken: string; refreshToken: string };
  env?: Record<string, string | undefined>;
  logger?: Logger;
  sweepEveryMs?: number;
  org?: OrgImport;
  limits?: Record<string, ChannelLimits>;
}

export async function startBot(kind: TestDbKind, o: BotOptions = {}): Promise<Bot> {
  const tdb = o.db ?? (await createTestDb(kind));
  if (!o.db) {
    const seed = createDb(tdb.url);
    await importOrg(seed, o.org ?? SMALL_ORG);
    await seed.$disconnect();
  }
  const tg = o.fakes?.tg ?? (await createFakeTelegramServer());
  const zalo = o.fakes?.zalo ?? (await createFakeZaloServer());
  const tokens = o.zaloTokens ?? { accessToken: zalo.issueAccessToken(), refreshToken: zalo.issueRefreshToken() };
  const config = loadConfig({
    PORT: "0", DATABASE_URL: tdb.url, SCHEDULER_ENABLED: "false", SEED_ON_START: "false", LOG_LEVEL: "silent",
    TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_BOT_USERNAME: BOT_USERNAME,
    ZALO_OA_APP_ID: zalo.appId, ZALO_OA_APP_SECRET: zalo.appSecret, ZALO_OA_SECRET_KEY,
    ZALO_OA_ACCESS_TOKEN: tokens.accessToken, ZALO_OA_REFRESH_TOKEN: tokens.refreshToken, ZALO_OA_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url,
    ZALO_BOT_TOKEN: zalo.botToken, ZALO_BOT_API_BASE: zalo.url, ZALO_BOT_WEBHOOK_SECRET: ZALO_BOT_SECRET,
    ...o.env,
  });
  const server = await startServer(config, {
    logger: o.logger ?? createLogger({ level: "silent" }), limits: o.limits ?? FAST_LIMITS, registerCommands: false, sweepEveryMs: o.sweepEveryMs,
  });
  return {
    tdb, tg, zalo, server, runtime: server.runtime, url: server.url,
    postTelegram: (update) => post(`${server.url}/webhooks/telegram`, JSON.stringify(update), { "x-telegram-bot-api-secret-token": TG_SECRET }),
    postZalo(event) {
      const d = signedZaloDelivery({ appId: zalo.appId, oaSecretKey: ZALO_OA_SECRET_KEY, body: event });
      return post(`${server.url}/webhooks/zalo`, d.raw, d.headers);
    },
    tgTexts: (chatId) => tg.delivered(chatId).map((m) => plain(m.text ?? m.caption ?? "")),
    async stop() {
      await server.stop();
      if (!o.fakes) await Promise.all([tg.close(), zalo.close()]);
      if (!o.db) await tdb.drop();
    },
  };
}

/** Posts until the webhook answers 200, as the platforms do (they redeliver on any other answer). */
export async function postUntilAccepted(send: () => Promise<PostResult>, maxTries = 100): Promise<number> {
  for (let i = 1; i <= maxTries; i++) {
    const res = await send().catch(() => ({ status: 0, body: "" }));
    if (res.status === 200) return i;
    await new Promise((r) => setTimeout(r, 50 + i * 20));
  }
  throw new Error(`webhook not accepted after ${maxTries} tries`);
}

/** A pino destination that keeps every line, to scan what was logged. */
export function captureLog(level = "trace"): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level, destination: { write: (s: string) => void lines.push(s) } }) };
}
