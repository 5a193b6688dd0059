/**
 * The board's numbers at provincial scale: 150 units × 40 indicators × 12 monthly periods (72,000 figures).
 * Measures aggregation of every month (year-to-date sums, levels, statuses for province and units), then the
 * ranking of 10 clusters of 15 units from the year-end snapshot (completions, deadlines, completeness). Pure code
 * only: no charts or exports. Deterministic data (seeded PRNG).
 */
import type { Aggregation, Comparator, DeadlineDef, IndicatorDef, ValueKind } from "../src/domain/campaigns/campaign.js";
import { aggregateProgress } from "../src/domain/progress/aggregate.js";
import type { ProgressSnapshot } from "../src/domain/progress/aggregate.js";
import type { UnitFigure } from "../src/domain/progress/aggregate-figures.js";
import { rankClusters } from "../src/domain/ranking/rank-cluster.js";
import { completionsOf, countSubmittedSlots, expectedReportSlots, reportDeadlineOutcomes } from "../src/domain/ranking/ranking-inputs.js";
import { DEFAULT_SCORING_MODEL } from "../src/domain/ranking/scoring-model.js";
import type { UnitScoreInput } from "../src/domain/ranking/score-unit.js";

const UNITS = 150;
const INDICATORS = 40;
const MONTHS = 12;
const CLUSTERS = 10;
const YEAR = 2021;
const PROVINCE = "province";

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: { aggregation: Aggregation; valueKind: ValueKind; comparator: Comparator; target: number | null; measure: string }[] = [
  { aggregation: "sum", valueKind: "number", comparator: ">=", target: 12_000, measure: "tỷ đồng" },
  { aggregation: "average", valueKind: "percent", comparator: ">=", target: 90, measure: "%" },
  { aggregation: "sum", valueKind: "number", comparator: "decrease_vs_previous_year", target: null, measure: "vụ" },
  { aggregation: "latest", valueKind: "boolean", comparator: "maintain", target: 1, measure: "đạt/không đạt" },
  { aggregation: "province", valueKind: "percent", comparator: "=", target: 31.5, measure: "%" },
];

function indicators(): IndicatorDef[] {
  return Array.from({ length: INDICATORS }, (_, i) => {
    const k = KINDS[i % KINDS.length]!;
    return { code: `ind${i}`, name: `Chỉ tiêu ${i}`, aliases: [], group: "kinh_te", frequency: "monthly", ...k };
  });
}

function figures(defs: IndicatorDef[], year: number, rnd: () => number): UnitFigure[] {
  const out: UnitFigure[] = [];
  for (let u = 0; u < UNITS; u++) {
    for (const d of defs) {
      if (d.aggregation === "province" && u > 0) continue;
      const unitId = d.aggregation === "province" ? PROVINCE : `u${u}`;
      for (let m = 1; m <= MONTHS; m++) {
        if (rnd() < 0.05) continue; // a few missing reports
        const value = d.valueKind === "boolean" ? (rnd() < 0.95 ? 1 : 0) : d.valueKind === "percent" ? 80 + rnd() * 20 : rnd() * 10;
        const reportedAt = new Date(Date.UTC(year, m, 3 + Math.floor(rnd() * 6), 3));
        out.push({ unitId, indicatorCode: d.code, period: `${year}-M${String(m).padStart(2, "0")}`, value, basis: "period", reportedAt });
      }
    }
  }
  return out;
}

function deadlines(): DeadlineDef[] {
  return Array.from({ length: MONTHS }, (_, i) => {
    const m = i + 1;
    const next = new Date(Date.UTC(YEAR, m, 5));
    const due = `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, "0")}-05T17:00`;
    return { code: `m${m}`, kind: "monthly_report", title: `Tháng ${m}`, period: `${YEAR}-M${String(m).padStart(2, "0")}`, due, assumed: true };
  });
}

function scoreInputs(defs: IndicatorDef[], figs: UnitFigure[], snapshot: ProgressSnapshot): UnitScoreInput[] {
  const byUnit = new Map<string, UnitFigure[]>();
  for (const f of figs) (byUnit.get(f.unitId) ?? byUnit.set(f.unitId, []).get(f.unitId)!).push(f);
  const rowsByUnit = new Map<string, ProgressSnapshot["units"]>();
  for (const r of snapshot.units) (rowsByUnit.get(r.unitId) ?? rowsByUnit.set(r.unitId, []).get(r.unitId)!).push(r);
  const slots = expectedReportSlots(defs, YEAR, MONTHS);
  const dls = deadlines();
  const asOf = new Date(Date.UTC(YEAR + 1, 1, 1));
  return Array.from({ length: UNITS }, (_, u) => {
    const unitFigures = byUnit.get(`u${u}`) ?? [];
    return {
      unitId: `u${u}`,
      unitName: `UBND huyện ${u}`,
      completions: completionsOf(rowsByUnit.get(`u${u}`) ?? []),
      deadlines: reportDeadlineOutcomes({ deadlines: dls, unitFigures, asOf }),
      reportsExpected: slots.length,
      reportsSubmitted: countSubmittedSlots(slots, unitFigures),
      registrationSubmitted: u % 7 !== 0,
      pledgeSigned: u % 5 !== 0,
    };
  });
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function run(): Promise<{ name: string; metrics: Record<string, number>; notes?: string }> {
  const rnd = prng(2021);
  const defs = indicators();
  const figs = figures(defs, YEAR, rnd);
  const previous = figures(defs, YEAR - 1, rnd);
  const unitIds = Array.from({ length: UNITS }, (_, u) => `u${u}`);
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let last: ProgressSnapshot | undefined;
  let rows = 0;
  for (let m = 1; m <= MONTHS; m++) {
    const period = `${YEAR}-M${String(m).padStart(2, "0")}`;
    last = aggregateProgress({ indicators: defs, figures: figs, previousYearFigures: previous, period, unitIds, provinceUnitId: PROVINCE });
    rows += last.units.length + last.province.length;
  }
  const t1 = performance.now();
  const cpu1 = process.cpuUsage(cpu0);
  const inputs = scoreInputs(defs, figs, last!);
  const clusters = Array.from({ length: CLUSTERS }, (_, c) => ({
    clusterId: `c${c}`,
    name: `Cụm ${c + 1}`,
    unitIds: unitIds.filter((_, u) => u % CLUSTERS === c),
  }));
  const ranking = rankClusters(clusters, inputs, DEFAULT_SCORING_MODEL, [{ unitId: "u3", points: 2, reason: "Mô hình mới" }]);
  const t2 = performance.now();
  const heapAfter = process.memoryUsage().heapUsed;
  return {
    name: "board",
    metrics: {
      figures: figs.length + previous.length,
      aggregateAllMonthsMs: Math.round(t1 - t0),
      aggregatePerPeriodMs: Math.round(((t1 - t0) / MONTHS) * 10) / 10,
      // CPU time is less sensitive than wall time to other processes sharing the machine.
      aggregateAllMonthsCpuMs: Math.round((cpu1.user + cpu1.system) / 1000),
      progressRowsComputed: rows,
      rankingInputsAndRankMs: Math.round(t2 - t1),
      rankedUnits: ranking.reduce((n, c) => n + c.units.length, 0),
      heapUsedMb: mb(heapAfter),
      heapGrowthMb: mb(heapAfter - heapBefore),
    },
    notes: `${UNITS} units × ${INDICATORS} indicators × ${MONTHS} monthly periods; aggregation of every month, then ranking of ${CLUSTERS} clusters`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((result) => console.log(JSON.stringify(result, null, 2)));
}
