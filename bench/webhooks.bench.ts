/**
 * Webhook throughput and latency, Telegram, through the real route of the started bot (store → 200 → process →
 * outbox → fake Bot API), on SQLite and PostgreSQL, next to a bare telegraf echo bot measured in the same run.
 *
 * The load driver and the fake Bot API run in a worker thread (the platform is another machine in production, so it
 * should not share the bot's event loop); the bot runs on the main thread. Loopback only, every loop bounded.
 * Phases per target: warm-up; burst (closed loop, fixed concurrency: updates accepted per second and how fast the
 * replies follow); paced (open loop at 300 updates/s: p50/p99 from update posted to reply received by the fake).
 * Outbox pacing is switched off here (limits far above the load): the outbox bench measures pacing.
 */
import { Agent, createServer, request, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from "node:worker_threads";
import { Telegraf } from "telegraf";
import { startServer, type StartedServer } from "../src/app/start-server.js";
import { renderTelegramHtml } from "../src/channels/telegram/telegram-render.js";
import { loadConfig } from "../src/config/config.js";
import type { ChannelLimits } from "../src/delivery/token-bucket.js";
import { createTranslator } from "../src/i18n/i18n.js";
import { createLogger } from "../src/shared/logger.js";
import { createTestDb, type TestDb, type TestDbKind } from "../test/helpers/test-db.js";
import { createFakeTelegramServer, type FakeTelegramServer } from "../test/fakes/fake-telegram-server.js";

const SECRET = "bench-telegram-SECRET";
const PATH = "/webhooks/telegram";
const BURST_UPDATES = 3000;
const BURST_CONCURRENCY = 64;
const PACED_RATE = 300;
const PACED_SECONDS = 5;
const WARMUP = 300;

const UNPACED = { ratePerSec: 1e6, burst: 1e6 };
const NO_LIMITS: Record<string, ChannelLimits> = { telegram: { perChat: UNPACED, perGroup: UNPACED, global: UNPACED } };

type LoadCommand =
  | { cmd: "start" }
  | { cmd: "stop" }
  | { cmd: "burst"; url: string; secret: string; n: number; concurrency: number; chatBase: number }
  | { cmd: "paced"; url: string; secret: string; rate: number; n: number; chatBase: number };

interface PhaseResult {
  acceptedPerSec: number;
  repliedPerSec: number;
  ackP50: number;
  ackP99: number;
  replyP50: number;
  replyP99: number;
  /** Updates whose reply never reached the fake within the phase's deadline. */
  missing: number;
  /** Webhook calls answered with anything but 200. */
  failed: number;
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === "webhooks-load") runLoadWorker(parentPort!);

// ---- load worker: fake Bot API + load driver, on its own thread ----

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Absolute milliseconds comparable across threads. */
const nowMs = () => performance.timeOrigin + performance.now();

function runLoadWorker(port: MessagePort): void {
  let fake: FakeTelegramServer | undefined;
  /** chat id → time its first sendMessage reached the fake. */
  const replies = new Map<number, number>();
  let onReply: (() => void) | null = null;

  function hookReplies(f: FakeTelegramServer) {
    const push = f.requests.push.bind(f.requests);
    f.requests.push = (...items) => {
      for (const r of items) {
        const chat = Number(r.body.chat_id);
        if (r.path.endsWith("/sendMessage") && !replies.has(chat)) replies.set(chat, nowMs());
      }
      onReply?.();
      return push(...items);
    };
  }

  function update(chat: number) {
    return JSON.stringify({
      update_id: chat,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), text: "/trogiup", entities: [{ offset: 0, length: 8, type: "bot_command" }],
        from: { id: chat, is_bot: false, first_name: "Cán bộ", language_code: "vi" }, chat: { id: chat, type: "private", first_name: "Cán bộ" } },
    });
  }

  function post(agent: Agent, url: string, secret: string, body: string): Promise<number> {
    return new Promise((resolve) => {
      const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", () => resolve(0));
      req.end(body);
    });
  }

  /** Waits until every chat has its reply or the deadline passes (bounded). */
  async function awaitReplies(chats: number[], deadlineMs: number): Promise<void> {
    const done = () => chats.every((c) => replies.has(c));
    while (!done() && nowMs() < deadlineMs) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50);
        onReply = () => { if (done()) { clearTimeout(t); r(); } };
      });
    }
    onReply = null;
  }

  async function phase(c: Extract<LoadCommand, { cmd: "burst" | "paced" }>): Promise<PhaseResult> {
    const chats = Array.from({ length: c.n }, (_, i) => c.chatBase + i);
    const sentAt = new Map<number, number>();
    const acks: number[] = [];
    let failed = 0;
    const agent = new Agent({ keepAlive: true, maxSockets: c.cmd === "burst" ? c.concurrency : 512 });
    const one = async (chat: number) => {
      const t = nowMs();
      sentAt.set(chat, t);
      const status = await post(agent, c.url, c.secret, update(chat));
      acks.push(nowMs() - t);
      if (status !== 200) failed++;
    };
    const start = nowMs();
    if (c.cmd === "burst") {
      let next = 0;
      await Promise.all(Array.from({ length: c.concurrency }, async () => {
        while (next < chats.length) await one(chats[next++]!);
      }));
    } else {
      const inflight: Promise<void>[] = [];
      for (const [i, chat] of chats.entries()) {
        const due = start + (i * 1000) / c.rate;
        const wait = due - nowMs();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        inflight.push(one(chat));
      }
      await Promise.all(inflight);
    }
    const acceptedAt = nowMs();
    await awaitReplies(chats, acceptedAt + 30_000);
    agent.destroy();
    const got = chats.filter((ch) => replies.has(ch));
    const lastReply = Math.max(...got.map((ch) => replies.get(ch)!));
    const lat = got.map((ch) => replies.get(ch)! - sentAt.get(ch)!).sort((a, b) => a - b);
    acks.sort((a, b) => a - b);
    return {
      acceptedPerSec: (c.n * 1000) / (acceptedAt - start),
      repliedPerSec: (got.length * 1000) / (lastReply - start),
      ackP50: percentile(acks, 50), ackP99: percentile(acks, 99),
      replyP50: percentile(lat, 50), replyP99: percentile(lat, 99),
      missing: c.n - got.length, failed,
    };
  }

  port.on("message", (c: LoadCommand) => {
    void (async () => {
      if (c.cmd === "start") {
        fake = await createFakeTelegramServer();
        hookReplies(fake);
        return port.postMessage({ url: fake.url, token: fake.token });
      }
      if (c.cmd === "stop") {
        await fake?.close();
        return port.postMessage({});
      }
      port.postMessage(await phase(c));
      fake!.requests.length = 0;
    })();
  });
}

// ---- main thread: the bots under test ----

/** Talks to the load worker: one command at a time. */
function startWorker() {
  // Loader hooks registered on the main thread do not reach workers on Node 20: the worker registers tsx itself,
  // then imports this file.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: { role: "webhooks-load" } });
  let pending: ((v: unknown) => void) | null = null;
  worker.on("message", (m) => pending?.(m));
  worker.on("error", (err) => console.error("load worker failed", err));
  worker.on("exit", (code) => code !== 0 && console.error(`load worker exited with ${code}`));
  const send = <T>(cmd: LoadCommand): Promise<T> =>
    new Promise<T>((resolve) => {
      pending = resolve as (v: unknown) => void;
      worker.postMessage(cmd);
    });
  return { send, stop: () => worker.terminate() };
}

interface Target {
  name: string;
  url: string;
  stop(): Promise<void>;
}

async function startBot(kind: TestDbKind, fake: { url: string; token: string }): Promise<Target & { db: TestDb; server: StartedServer }> {
  const db = await createTestDb(kind);
  const config = loadConfig({
    PORT: "0", DATABASE_URL: db.url, SCHEDULER_ENABLED: "false", SEED_ON_START: "false", LOG_LEVEL: "silent",
    TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  const server = await startServer(config, { logger: createLogger({ level: "silent" }), limits: NO_LIMITS, registerCommands: false });
  return {
    name: `thidua-${kind}`, url: `${server.url}${PATH}`, db, server,
    async stop() {
      await server.stop();
      await db.drop();
    },
  };
}

/** The baseline: telegraf's own webhook callback on a bare node server, answering every message with one reply. */
async function startTelegraf(fake: { url: string; token: string }): Promise<Target> {
  const text = renderTelegramHtml(createTranslator("vi")("core.help_unlinked"));
  const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.url, webhookReply: false } });
  bot.on("message", (ctx) => ctx.reply(text, { parse_mode: "HTML" }));
  // A failed reply must not crash the run; it shows up as a missing reply.
  bot.catch(() => undefined);
  const server: Server = createServer(bot.webhookCallback(PATH, { secretToken: SECRET }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    name: "telegraf-echo", url: `http://127.0.0.1:${port}${PATH}`,
    stop: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

async function measure(target: Target, send: ReturnType<typeof startWorker>["send"], base: number) {
  if (process.env.BENCH_DEBUG) console.error(`measuring ${target.name}`);
  await send<PhaseResult>({ cmd: "burst", url: target.url, secret: SECRET, n: WARMUP, concurrency: 16, chatBase: base });
  const burst = await send<PhaseResult>({ cmd: "burst", url: target.url, secret: SECRET, n: BURST_UPDATES, concurrency: BURST_CONCURRENCY, chatBase: base + 100_000 });
  const paced = await send<PhaseResult>({ cmd: "paced", url: target.url, secret: SECRET, rate: PACED_RATE, n: PACED_RATE * PACED_SECONDS, chatBase: base + 200_000 });
  if (process.env.BENCH_DEBUG) console.error(target.name, JSON.stringify({ burst, paced }));
  return { burst, paced };
}

async function pgReachable(): Promise<boolean> {
  try {
    const db = await createTestDb("postgres");
    await db.drop();
    return true;
  } catch {
    return false;
  }
}

export async function run(): Promise<{ name: string; metrics: Record<string, number>; notes?: string }> {
  const worker = startWorker();
  const fake = await worker.send<{ url: string; token: string }>({ cmd: "start" });
  const metrics: Record<string, number> = {};
  const lines: string[] = [];
  const record = (name: string, r: { burst: PhaseResult; paced: PhaseResult }) => {
    metrics[`${name}.accepted_per_s`] = round(r.burst.acceptedPerSec);
    metrics[`${name}.burst_replied_per_s`] = round(r.burst.repliedPerSec);
    metrics[`${name}.burst_ack_p99_ms`] = round(r.burst.ackP99);
    metrics[`${name}.paced_p50_ms`] = round(r.paced.replyP50);
    metrics[`${name}.paced_p99_ms`] = round(r.paced.replyP99);
    metrics[`${name}.paced_ack_p99_ms`] = round(r.paced.ackP99);
    metrics[`${name}.lost`] = r.burst.missing + r.paced.missing + r.burst.failed + r.paced.failed;
    lines.push(`${name}: ${round(r.burst.acceptedPerSec)} accepted/s, ${round(r.burst.repliedPerSec)} replied/s; at ${PACED_RATE}/s p50 ${round(r.paced.replyP50)} ms, p99 ${round(r.paced.replyP99)} ms`);
  };
  try {
    let base = 1_000_000;
    const tf = await startTelegraf(fake);
    record("telegraf", await measure(tf, worker.send, (base += 1_000_000)));
    await tf.stop();
    const kinds: TestDbKind[] = (await pgReachable()) ? ["sqlite", "postgres"] : ["sqlite"];
    for (const kind of kinds) {
      const bot = await startBot(kind, fake);
      record(kind, await measure(bot, worker.send, (base += 1_000_000)));
      await bot.stop();
      metrics[`${kind}.accepted_ratio_vs_telegraf`] = round(metrics[`${kind}.accepted_per_s`]! / metrics["telegraf.accepted_per_s"]!, 2);
      metrics[`${kind}.replied_ratio_vs_telegraf`] = round(metrics[`${kind}.burst_replied_per_s`]! / metrics["telegraf.burst_replied_per_s"]!, 2);
      metrics[`${kind}.p99_ratio_vs_telegraf`] = round(metrics[`${kind}.paced_p99_ms`]! / metrics["telegraf.paced_p99_ms"]!, 2);
    }
  } finally {
    if (process.env.BENCH_DEBUG) console.error("stopping worker");
    await worker.send({ cmd: "stop" });
    await worker.stop();
  }
  return {
    name: "webhooks",
    metrics,
    notes: `targets: ≥1000 accepted/s, p99 < 50 ms at ${PACED_RATE}/s. ${lines.join("; ")}`,
  };
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

if (isMainThread && process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)), (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
