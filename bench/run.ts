/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line), prints a table and writes
 * bench/results/latest.json with the machine's conditions (cores, load, Node version). Shared machines are noisy:
 * each bench compares against a baseline measured in the same run and reports ratios where it can.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface BenchResult {
  name: string;
  metrics: Record<string, number>;
  notes?: string;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = path.resolve("bench");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const results: (BenchResult & { file: string; error?: string; seconds: number })[] = [];
  for (const f of files) {
    const t0 = performance.now();
    process.stdout.write(`running ${f} … `);
    try {
      const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run: () => Promise<BenchResult | BenchResult[]> };
      const out = await mod.run();
      for (const r of Array.isArray(out) ? out : [out]) results.push({ ...r, file: f, seconds: (performance.now() - t0) / 1000 });
      console.log("ok");
    } catch (err) {
      console.log("FAILED");
      results.push({ name: f, metrics: {}, file: f, error: err instanceof Error ? err.message : String(err), seconds: (performance.now() - t0) / 1000 });
    }
  }
  const machine = { cores: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg(), totalMemGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, at: new Date().toISOString() };
  console.log(`\nmachine: ${machine.cores} cores, load ${machine.loadavg.map((l) => l.toFixed(2)).join("/")}, ${machine.node}\n`);
  for (const r of results) {
    console.log(`## ${r.name}${r.error ? `  ERROR: ${r.error}` : ""}`);
    for (const [k, v] of Object.entries(r.metrics)) console.log(`  ${k.padEnd(48)} ${Number.isInteger(v) ? v : v.toFixed(3)}`);
    if (r.notes) console.log(`  note: ${r.notes}`);
  }
  mkdirSync("bench/results", { recursive: true });
  // A partial run (benches named on the command line) replaces only its own entries in the recorded results.
  const file = "bench/results/latest.json";
  let recorded = results;
  if (only.length > 0 && existsSync(file)) {
    const previous = (JSON.parse(readFileSync(file, "utf8")) as { results?: typeof results }).results ?? [];
    const fresh = new Set(results.map((r) => r.file));
    recorded = [...previous.filter((r) => !fresh.has(r.file)), ...results].sort((a, b) => a.file.localeCompare(b.file));
  }
  writeFileSync(file, JSON.stringify({ machine, results: recorded }, null, 2));
  console.log("\nwritten bench/results/latest.json");
  process.exit(results.some((r) => r.error) ? 1 : 0);
}

void main();
