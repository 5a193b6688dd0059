/**
 * Load: the whole bot (startServer: webhook → store → dispatcher → features → outbox → fake Bot API) under a realistic
 * mix from linked officers, on SQLite and PostgreSQL. The mix per conversation turn: 45 % a progress report
 * (free text → read-back → "Xác nhận" button, with the reason step when the period already has a figure), 35 % a
 * criteria question (/tieuchuan …), 20 % /tiendo. Every message's latency runs from the webhook POST to the bot's
 * answer reaching the fake Telegram.
 *
 * The load driver and the fake Bot API run in a child process (the platform is another machine in production), so
 * the CPU this process uses is the bot's alone: CPU milliseconds per message is the figure that does not depend on
 * how busy the machine is, and 1000 / it is what one free core could carry. Loopback only; every loop is bounded by a
 * deadline. Phases per database: warm-up; closed loop (48 officers talking as fast as the bot answers: throughput);
 * open loop at half the measured capacity (latency at a steady load below saturation).
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { LOAD_SECRET, type LoadCommand as Cmd, type PhaseOut } from "./load-driver.js";
import { startServer } from "../src/app/start-server.js";
import { loadConfig } from "../src/config/config.js";
import type { ChannelLimits } from "../src/delivery/token-bucket.js";
import { createLogger } from "../src/shared/logger.js";
import { createDb } from "../src/storage/prisma-client.js";
import { importOrg, type OrgImport } from "../src/storage/prisma-org-import.js";
import { seedKg2021 } from "../test/helpers/seed-plan.js";
import { benchDbKinds, createTestDb, type TestDbKind } from "../test/helpers/test-db.js";

const SECRET = LOAD_SECRET;
const OFFICERS = 48;
const WARMUP_MS = 2000;
const CLOSED_MS = 6000;
const PACED_MS = 6000;
/** The open loop runs at this share of the closed loop's turn rate: latency at a steady load below saturation. */
const PACED_SHARE = 0.5;
const UNPACED = { ratePerSec: 1e6, burst: 1e6 };
const NO_LIMITS: Record<string, ChannelLimits> = { telegram: { perChat: UNPACED, perGroup: UNPACED, global: UNPACED } };

function startDriver() {
  const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = fork(fileURLToPath(new URL("./load-driver.ts", import.meta.url)), [], { execArgv: ["--import", loader], env: { ...process.env, LOAD_BENCH_ROLE: "driver" }, stdio: "inherit" });
  let pending: ((v: unknown) => void) | null = null;
  child.on("message", (m) => pending?.(m));
  child.on("error", (err) => console.error("load driver failed", err));
  const send = <T>(cmd: Cmd): Promise<T> => new Promise<T>((resolve) => {
    pending = resolve as (v: unknown) => void;
    child.send(cmd);
  });
  return { send, stop: () => void (child.exitCode === null && child.kill()) };
}

/** One unit per officer (so reports of different officers never correct each other), all in one cluster. */
function loadOrg(): OrgImport {
  const units = Array.from({ length: OFFICERS }, (_, i) => ({ code: `U-${i}`, name: `UBND xã Số ${i}`, kind: "commune", parentCode: null, isSample: true }));
  return {
    units: [{ code: "BAN-TDKT", name: "Ban Thi đua - Khen thưởng", kind: "board", parentCode: null, isSample: true }, ...units],
    clusters: [{ code: "CUM-X", name: "Cụm thi đua tải", kind: "cum", leaderUnitCode: "U-0", memberUnitCodes: units.map((u) => u.code), isSample: true }],
    officers: units.map((u, i) => ({ unitCode: u.code, name: `Cán bộ ${i}`, role: "officer", phone: null })),
  };
}

function pct(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function measureKind(kind: TestDbKind, driver: ReturnType<typeof startDriver>, fake: { url: string; token: string }, metrics: Record<string, number>, notes: string[]) {
  const db = await createTestDb(kind);
  const seed = createDb(db.url);
  await importOrg(seed, loadOrg());
  const officers = await seed.officer.findMany({ where: { role: "officer" }, orderBy: { name: "asc" } });
  const chats = officers.map((_, i) => 7_000_000 + i);
  await seed.channelAccount.createMany({ data: officers.map((o, i) => ({ platform: "telegram", externalId: String(chats[i]), chatId: String(chats[i]), officerId: o.id })) });
  await seed.$disconnect();
  await seedKg2021(db.url);
  const config = loadConfig({
    PORT: "0", DATABASE_URL: db.url, SCHEDULER_ENABLED: "false", SEED_ON_START: "false", LOG_LEVEL: "silent",
    TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  // floodLimit off: 48 officers answering as fast as the bot does is a capacity probe, not people typing (each would
  // pass the per-person limit of 30 messages a minute within seconds).
  const server = await startServer(config, { logger: createLogger({ level: "silent" }), limits: NO_LIMITS, registerCommands: false, floodLimit: null });
  try {
    await driver.send<PhaseOut>({ cmd: "run", url: server.url, chats: chats.slice(0, 8), mode: "closed", ms: WARMUP_MS });
    let rssPeak = 0;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const closed = await driver.send<PhaseOut>({ cmd: "run", url: server.url, chats, mode: "closed", ms: CLOSED_MS });
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0).utilization;
    const cpuMsPerMessage = (cpu.user + cpu.system) / 1000 / Math.max(1, closed.messages);
    const rate = Math.max(1, (closed.turns * 1000 * PACED_SHARE) / closed.elapsedMs);
    const paced = await driver.send<PhaseOut>({ cmd: "run", url: server.url, chats, mode: "paced", ms: PACED_MS, rate });
    clearInterval(sampler);
    const c = [...closed.latencies].sort((a, b) => a - b);
    const p = [...paced.latencies].sort((a, b) => a - b);
    const k = kind;
    Object.assign(metrics, {
      [`${k}.closed_messages_per_s`]: round((closed.messages * 1000) / closed.elapsedMs),
      [`${k}.closed_turns_per_s`]: round((closed.turns * 1000) / closed.elapsedMs),
      [`${k}.closed_p50_ms`]: round(pct(c, 50)), [`${k}.closed_p95_ms`]: round(pct(c, 95)), [`${k}.closed_p99_ms`]: round(pct(c, 99)),
      [`${k}.paced_turns_per_s`]: round(rate),
      [`${k}.paced_p50_ms`]: round(pct(p, 50)), [`${k}.paced_p95_ms`]: round(pct(p, 95)), [`${k}.paced_p99_ms`]: round(pct(p, 99)),
      [`${k}.errors`]: closed.errors + paced.errors, [`${k}.missing_replies`]: closed.missing + paced.missing,
      [`${k}.rss_peak_mb`]: round(rssPeak / 2 ** 20), [`${k}.bot_event_loop_utilisation`]: round(elu, 2),
      [`${k}.bot_cpu_ms_per_message`]: round(cpuMsPerMessage), [`${k}.one_core_capacity_messages_per_s`]: round(1000 / cpuMsPerMessage),
      [`${k}.bot_cpu_share_of_wall`]: round((cpu.user + cpu.system) / 1000 / closed.elapsedMs, 2),
      [`${k}.reports_stored`]: await server.runtime.db.progressReport.count(),
    });
    notes.push(`${kind}: ${metrics[`${k}.closed_messages_per_s`]} msg/s closed-loop (p99 ${metrics[`${k}.closed_p99_ms`]} ms, event loop ${round(elu * 100, 0)} % busy, ${round(cpuMsPerMessage)} ms CPU per message → ~${round(1000 / cpuMsPerMessage, 0)} msg/s on one free core); at ${round(rate)} turns/s p50 ${metrics[`${k}.paced_p50_ms`]} ms, p99 ${metrics[`${k}.paced_p99_ms`]} ms; mix ${JSON.stringify(closed.byKind)}`);
  } finally {
    await server.stop();
    await db.drop();
  }
}

export async function run(): Promise<{ name: string; metrics: Record<string, number>; notes?: string }> {
  const driver = startDriver();
  const metrics: Record<string, number> = {};
  const notes: string[] = [];
  try {
    const fake = await driver.send<{ url: string; token: string }>({ cmd: "start" });
    const kinds: TestDbKind[] = await benchDbKinds();
    for (const kind of kinds) await measureKind(kind, driver, fake, metrics, notes);
  } finally {
    await driver.send({ cmd: "stop" });
    await driver.stop();
  }
  const busy = Object.entries(metrics).filter(([k]) => k.endsWith("bot_event_loop_utilisation")).map(([, v]) => v);
  // A CPU profile of the same mix (node --cpu-prof): about a third of the busy CPU is Prisma (its JS client and WASM
  // query compiler, the SQLite adapter) on the paths that are not per-message (confirming a figure, progress views);
  // the per-message statements (inbound, account, session, outbox) are prepared SQL (src/storage/sql-runner.ts).
  const limit = busy.every((u) => u >= 0.85)
    ? "the bot's single event loop (CPU) is saturated in the closed loop, about a third of it in Prisma (figure confirmations, progress views); the database engine is not the bottleneck"
    : "the event loop is not saturated: waiting on the database (writes per message: inbound row, session, outbox row and its status) limits throughput";
  const load = os.loadavg()[0]!.toFixed(1);
  return { name: "load (mixed conversation through the webhooks)", metrics, notes: `${notes.join(" | ")}. Limit: ${limit}. Machine load average ${load} on ${os.cpus().length} cores: throughput and latency scale with the CPU the bot gets; CPU per message does not.` };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)), (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
