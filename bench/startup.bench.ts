/**
 * Cold start to healthy: spawns `tsx src/main.ts` on a fresh SQLite file (migrations + bundled plan + sample org at
 * first start) and times until GET /healthz answers 200; then a warm restart on the same file. Baseline: a bare
 * `node -e` HTTP server spawned the same way, to separate process start-up from the bot's own work.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

async function timeToHealthy(cmd: string, args: string[], env: Record<string, string>, url: string): Promise<number> {
  const t0 = performance.now();
  // detached: own process group, so npx → tsx → node are all stopped together.
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: "ignore", detached: true });
  try {
    for (;;) {
      if (performance.now() - t0 > 120_000) throw new Error("not healthy within 120 s");
      try {
        const res = await fetch(url);
        if (res.status === 200) return performance.now() - t0;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
    // Wait until the port is free again before the next measurement.
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(url);
        await new Promise((r) => setTimeout(r, 50));
      } catch {
        break;
      }
    }
  }
}

export async function run() {
  const dir = mkdtempSync(path.join(tmpdir(), "thidua-bench-"));
  const port = String(39000 + Math.floor(Math.random() * 1000));
  const env = { DATABASE_URL: `file:${path.join(dir, "bench.db")}`, PORT: port, SCHEDULER_ENABLED: "false", LOG_LEVEL: "warn" };
  const url = `http://127.0.0.1:${port}/healthz`;
  try {
    const baseline = await timeToHealthy("node", ["-e", `require("http").createServer((q,s)=>s.end("ok")).listen(${port})`], {}, url);
    const cold = await timeToHealthy("npx", ["tsx", "src/main.ts"], env, url);
    const warm = await timeToHealthy("npx", ["tsx", "src/main.ts"], env, url);
    return {
      name: "startup (tsx src/main.ts → /healthz 200)",
      metrics: { baseline_bare_node_http_ms: Math.round(baseline), cold_start_first_run_ms: Math.round(cold), warm_restart_ms: Math.round(warm), cold_vs_baseline_ratio: cold / baseline },
      notes: "cold = fresh SQLite: migrations + Kiên Giang 2021 plan + sample organisation; includes tsx transpilation",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
