/**
 * @module Where each unit stands on the board's checklist for a period (pure): reports owed and sent, report
 * deadlines met or missed, registration, pledge, and whether its officers use the bot. The ranking scores the same
 * facts, so the dashboard's "chưa báo cáo" list and the scoring sheet never disagree.
 */
import type { DeadlineDef, IndicatorDef } from "../campaigns/campaign";
import type { Cluster, Officer, Unit } from "../organisation/organisation";
import type { UnitFigure } from "../progress/aggregate-figures";
import { parsePeriodCode } from "../progress/period";
import type { DeadlineOutcome } from "../ranking/score-unit";
import { expectedReportSlots, reportDeadlineOutcomes } from "../ranking/ranking-inputs";
import type { ReportSlot } from "../ranking/ranking-inputs";
import type { BoardCampaign, BoardData } from "./board-data";
import { reportingUnitsFor } from "./progress-view";

/** One unit's checklist. */
export interface UnitStanding {
  unitId: string;
  /** Reports (indicator × period) owed through the period's end, and how many were sent. */
  reportsOwed: number;
  reportsSent: number;
  /** Report deadlines of the period already due at `at`, with when the unit first sent figures for each. */
  deadlines: DeadlineOutcome[];
  /** Codes of due deadlines the unit has sent nothing for. */
  missedDeadlines: string[];
  lastReportAt: Date | null;
  registeredAt: Date | null;
  /** Per cluster of the unit: whether it signed that cluster's pledge. */
  pledgeByCluster: Record<string, boolean>;
  officers: number;
  linkedOfficers: number;
}

/** Inputs of {@link unitStandings}. */
export interface StandingInput {
  campaign: BoardCampaign;
  units: readonly Unit[];
  clusters: readonly Cluster[];
  officers: readonly Officer[];
  data: Pick<BoardData, "figures" | "firstReports" | "registrations" | "pledges" | "linkedOfficerIds">;
  period: string;
  at: Date;
  timeZone: string;
}

/**
 * Deadlines that count for a unit: report deadlines of the period's year up to its end, asking for a period in
 * which the unit owes figures by its indicators' frequencies (a monthly deadline does not count against a unit
 * whose indicators are all quarterly).
 */
function deadlinesFor(deadlines: readonly DeadlineDef[], year: number, endMonth: number, owedMonths: ReadonlySet<number>): DeadlineDef[] {
  return deadlines.filter((d) => {
    const span = d.period ? parsePeriodCode(d.period) : null;
    return span !== null && span.year === year && span.endMonth <= endMonth && owedMonths.has(span.endMonth);
  });
}

function byUnit<T extends { unitId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.unitId);
    if (list) list.push(r);
    else out.set(r.unitId, [r]);
  }
  return out;
}

/** Period codes repeat across tens of thousands of figures: each is parsed once per call. */
function spanCache(): (code: string) => { year: number; endMonth: number } | null {
  const cache = new Map<string, { year: number; endMonth: number } | null>();
  return (code) => {
    let span = cache.get(code);
    if (span === undefined) cache.set(code, (span = parsePeriodCode(code)));
    return span;
  };
}

/**
 * Slots a unit's figures cover, by the rule of ranking-inputs' countSubmittedSlots (a figure of the indicator ending
 * in the slot's last month, any basis), with parsed periods shared across units and months kept as bit masks.
 */
function countSent(slots: readonly ReportSlot[], figures: readonly UnitFigure[], year: number, spanOf: ReturnType<typeof spanCache>): number {
  const months = new Map<string, number>();
  for (const f of figures) {
    const span = spanOf(f.period);
    if (span && span.year === year) months.set(f.indicatorCode, (months.get(f.indicatorCode) ?? 0) | (1 << span.endMonth));
  }
  let n = 0;
  for (const slot of slots) {
    const span = spanOf(slot.period);
    if (span && span.year === year && ((months.get(slot.indicatorCode) ?? 0) & (1 << span.endMonth)) !== 0) n++;
  }
  return n;
}

function latest(figures: readonly UnitFigure[]): Date | null {
  let at: Date | null = null;
  for (const f of figures) if (f.reportedAt && (!at || f.reportedAt.getTime() > at.getTime())) at = f.reportedAt;
  return at;
}

/** The checklist of every unit expected to report (the board excluded), in `units` order. */
export function unitStandings(input: StandingInput): UnitStanding[] {
  const span = parsePeriodCode(input.period);
  if (!span) return [];
  const { campaign } = input;
  const figures = byUnit(input.data.figures.filter((f) => f.period.startsWith(`${span.year}-`)));
  const firsts = byUnit(input.data.firstReports);
  const registered = new Map(input.data.registrations.map((r) => [r.unitId, r.submittedAt]));
  const pledges = new Map(input.data.pledges.map((p) => [p.clusterId, new Set(p.signatures.map((s) => s.unitId))]));
  const linked = new Set(input.data.linkedOfficerIds);
  const officers = byUnit(input.officers);
  const spanOf = spanCache();
  const mine = (def: IndicatorDef, unit: Unit) => reportingUnitsFor(def, [unit]).length > 0;
  // What a unit owes depends only on its kind: computed once per kind, not once per unit.
  const owedByKind = new Map<string, { slots: ReportSlot[]; owedMonths: Set<number>; deadlines: DeadlineDef[] }>();
  const owedOf = (unit: Unit) => {
    let owed = owedByKind.get(unit.kind);
    if (!owed) {
      const slots = expectedReportSlots(campaign.indicators.filter((d) => mine(d, unit)), span.year, span.endMonth);
      const owedMonths = new Set(slots.flatMap((s) => spanOf(s.period)?.endMonth ?? []));
      owedByKind.set(unit.kind, (owed = { slots, owedMonths, deadlines: deadlinesFor(campaign.deadlines, span.year, span.endMonth, owedMonths) }));
    }
    return owed;
  };
  return input.units
    .filter((u) => u.kind !== "board")
    .map((unit): UnitStanding => {
      const { slots, deadlines: due } = owedOf(unit);
      const unitFigures = figures.get(unit.id) ?? [];
      const firstFigures: UnitFigure[] = (firsts.get(unit.id) ?? []).map((f) => ({ unitId: f.unitId, indicatorCode: "", period: f.period, value: 0, basis: "period", reportedAt: f.at }));
      const deadlines = reportDeadlineOutcomes({
        deadlines: due,
        unitFigures: firstFigures,
        asOf: input.at,
        timeZone: input.timeZone,
        unitKind: unit.kind,
      });
      const unitOfficers = officers.get(unit.id) ?? [];
      const clusters = input.clusters.filter((c) => c.memberUnitIds.includes(unit.id));
      return {
        unitId: unit.id,
        reportsOwed: slots.length,
        reportsSent: countSent(slots, unitFigures, span.year, spanOf),
        deadlines,
        missedDeadlines: deadlines.filter((d) => d.submittedAt === null).map((d) => d.deadlineCode),
        lastReportAt: latest(unitFigures),
        registeredAt: registered.get(unit.id) ?? null,
        pledgeByCluster: Object.fromEntries(clusters.map((c) => [c.id, pledges.get(c.id)?.has(unit.id) ?? false])),
        officers: unitOfficers.length,
        linkedOfficers: unitOfficers.filter((o) => linked.has(o.id)).length,
      };
    });
}
