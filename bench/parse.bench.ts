/**
 * Message parser latency: parse time per message (µs, p50/p90/p99/max) over the dev set and our extra phrasings,
 * repeated, after one warm-up pass, in wall-clock and CPU time. Also the cold first parse (index build for the
 * indicator list).
 * Target: p99 < 1 ms per message.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseMessage } from "../src/domain/progress/parse/parse-message.js";
import type { ParseContext } from "../src/domain/progress/parse/parse-message.js";
import { DEV_NOW, DEV_TZ, evalFile, loadIndicators, loadUtterances } from "../test/unit/progress/parse/reference-indicators.js";

const ROUNDS = 200;
const EXTRA = fileURLToPath(new URL("../test/unit/progress/extra-utterances.jsonl", import.meta.url));

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export async function run(): Promise<{ name: string; metrics: Record<string, number>; notes?: string }> {
  const ctx: ParseContext = { indicators: loadIndicators(), campaignYear: 2021, now: DEV_NOW, timeZone: DEV_TZ };
  const texts = [...loadUtterances(evalFile("report-utterances-dev.jsonl")), ...loadUtterances(path.resolve(EXTRA))].map((u) => u.text);
  const c0 = performance.now();
  parseMessage(texts[0] ?? "", ctx);
  const coldMs = performance.now() - c0;
  for (const t of texts) parseMessage(t, ctx);
  const samples: number[] = [];
  const cpu: number[] = [];
  let checksum = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of texts) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = parseMessage(t, ctx);
      samples.push((performance.now() - t0) * 1000);
      const c = process.cpuUsage(c0);
      cpu.push(c.user + c.system);
      checksum += r.value ?? 0;
    }
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  return {
    name: "parse: officer message → reading",
    metrics: {
      messages: texts.length,
      parses: samples.length,
      cold_first_parse_ms: Number(coldMs.toFixed(2)),
      p50_us: Number(quantile(samples, 0.5).toFixed(1)),
      p90_us: Number(quantile(samples, 0.9).toFixed(1)),
      p99_us: Number(quantile(samples, 0.99).toFixed(1)),
      max_us: Number((samples[samples.length - 1] ?? 0).toFixed(1)),
      mean_us: Number(mean.toFixed(1)),
      cpu_p50_us: quantile(cpu, 0.5),
      cpu_p99_us: quantile(cpu, 0.99),
    },
    notes:
      `target p99 < 1000 µs; ${ROUNDS} rounds over ${texts.length} messages (checksum ${Math.round(checksum)}). ` +
      "Wall-clock percentiles include preemption on a shared machine; cpu_* count only this process's CPU time.",
  };
}
