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
import { countSubmittedSlots, expectedReportSlots, reportDeadlineOutcomes } from "../ranking/ranking-inputs";
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

function latest(figures: readonly UnitFigure[]): Date | null {
  let at: Date | null = null;
  for (const f of figures) if (f.reportedAt && (!at || f.reportedAt > at)) at = f.reportedAt;
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
  const mine = (def: IndicatorDef, unit: Unit) => reportingUnitsFor(def, [unit]).length > 0;
  return input.units
    .filter((u) => u.kind !== "board")
    .map((unit): UnitStanding => {
      const indicators = campaign.indicators.filter((d) => mine(d, unit));
      const slots = expectedReportSlots(indicators, span.year, span.endMonth);
      const owedMonths = new Set(slots.flatMap((s) => parsePeriodCode(s.period)?.endMonth ?? []));
      const unitFigures = figures.get(unit.id) ?? [];
      const firstFigures: UnitFigure[] = (firsts.get(unit.id) ?? []).map((f) => ({ unitId: f.unitId, indicatorCode: "", period: f.period, value: 0, basis: "period", reportedAt: f.at }));
      const deadlines = reportDeadlineOutcomes({
        deadlines: deadlinesFor(campaign.deadlines, span.year, span.endMonth, owedMonths),
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
        reportsSent: countSubmittedSlots(slots, unitFigures),
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
