/**
 * @module The board's queries over the store (one use case each): progress, checklists and cluster rankings of a
 * period, and manual adjustments. Time is a parameter (`at`). Results are cached by the store's data version, so
 * the dashboard, the API, the exports and the chat read the very same numbers and repeated views cost one cheap
 * version query.
 */
import type { Cluster, OrgDirectory, Unit } from "../organisation/organisation";
import type { ProgressSnapshot } from "../progress/aggregate";
import { localDateTimeOf } from "../calendar/zoned-time";
import { parsePeriodCode, toLocalDate } from "../progress/period";
import type { LocalDate } from "../progress/period";
import type { ClusterRanking } from "../ranking/rank-cluster";
import type { ScoringModel } from "../ranking/scoring-model";
import type { BoardCampaign, BoardData, BoardSource, StoredAdjustment } from "./board-data";
import { BoardError } from "./board-error";
import { defaultBoardPeriod } from "./board-period";
import { buildProgressView } from "./progress-view";
import { buildRankingView } from "./ranking-view";
import { unitStandings } from "./unit-standing";
import type { UnitStanding } from "./unit-standing";

/** What the board service needs. */
export interface BoardServiceDeps {
  source: BoardSource;
  org: Pick<OrgDirectory, "listUnits" | "listClusters" | "listOfficers" | "unitByCode" | "clusterByCode">;
  timeZone: string;
  audit: { append(e: { actor: string; action: string; entity: string; entityId: string; after?: unknown; reason?: string }): Promise<void> };
  /** Views kept in memory (default 48). */
  cacheEntries?: number;
}

/** Fields every view carries: which period, as of when, from which data version. */
export interface ViewMeta {
  campaign: BoardCampaign;
  period: string;
  at: Date;
  today: LocalDate;
  version: string;
}

/** Province and unit progress of a period. */
export interface ProgressView extends ViewMeta {
  snapshot: ProgressSnapshot;
  /** Active units, the board included (it reports province-level figures). */
  units: Unit[];
}

/** Every reporting unit's checklist of a period. */
export interface StandingsView extends ViewMeta {
  standings: UnitStanding[];
  data: BoardData;
}

/** Cluster rankings of a period. */
export interface RankingView extends ViewMeta {
  rankings: ClusterRanking[];
  model: ScoringModel;
}

/** Options of a view: the period (default: defaultBoardPeriod) and the instant it is judged at. */
export interface ViewOptions {
  period?: string;
  at: Date;
}

function lru<T>(max: number) {
  const map = new Map<string, Promise<T>>();
  return (key: string, compute: () => Promise<T>): Promise<T> => {
    const hit = map.get(key);
    if (hit) {
      map.delete(key);
      map.set(key, hit);
      return hit;
    }
    const value = compute();
    map.set(key, value);
    value.catch(() => map.delete(key));
    while (map.size > max) map.delete(map.keys().next().value as string);
    return value;
  };
}

/**
 * Checklists and rankings depend on the instant only through which deadlines are already due, so they are cached by
 * that set rather than by the minute.
 */
function dueKey(campaign: BoardCampaign, at: Date, timeZone: string): string {
  const local = localDateTimeOf(at, timeZone);
  return campaign.deadlines.filter((d) => d.due <= local).length.toString(36);
}

/** Creates the board service (see the module header). */
export function createBoardService(deps: BoardServiceDeps) {
  const size = deps.cacheEntries ?? 48;
  const dataCache = lru<BoardData>(8);
  const progressCache = lru<ProgressView>(size);
  const standingsCache = lru<StandingsView>(size);
  const rankingCache = lru<RankingView>(size);

  /** The org is cached in memory and reloaded after imports: its sizes stand for its version. */
  function orgStamp(): string {
    return `${deps.org.listUnits().length}.${deps.org.listClusters().length}.${deps.org.listOfficers().length}`;
  }

  /** Calls made while one version query is in flight share it (a page asks for several views at once). */
  const inFlight = new Map<string, Promise<string>>();
  function versionOf(campaignId: string): Promise<string> {
    let v = inFlight.get(campaignId);
    if (!v) {
      v = deps.source.version(campaignId).finally(() => inFlight.delete(campaignId));
      inFlight.set(campaignId, v);
    }
    return v;
  }

  async function meta(campaign: BoardCampaign, o: ViewOptions): Promise<ViewMeta> {
    const today = toLocalDate(o.at, deps.timeZone) ?? { year: campaign.year, month: 12, day: 31 };
    const period = resolvePeriod(campaign, o.period, today);
    const version = `${await versionOf(campaign.id)}|${orgStamp()}`;
    return { campaign, period, at: o.at, today, version };
  }

  function resolvePeriod(campaign: BoardCampaign, period: string | undefined, today: LocalDate): string {
    if (!period) return defaultBoardPeriod({ year: campaign.year, deadlines: campaign.deadlines, today });
    const span = parsePeriodCode(period);
    if (!span) throw new BoardError("unknown_period", `not a period code: ${period} (e.g. ${campaign.year}-Q1, ${campaign.year}-H1, ${campaign.year}-9M, ${campaign.year}-Y)`);
    if (span.year !== campaign.year) throw new BoardError("wrong_year", `period ${period} is not in the campaign year ${campaign.year}`);
    return period;
  }

  function data(m: ViewMeta): Promise<BoardData> {
    return dataCache(`${m.campaign.id}|${m.version}`, () => deps.source.load(m.campaign.id));
  }

  async function progress(campaign: BoardCampaign, o: ViewOptions): Promise<ProgressView> {
    const m = await meta(campaign, o);
    const day = `${m.today.year}-${m.today.month}-${m.today.day}`;
    const view = await progressCache(`${campaign.id}|${m.version}|${m.period}|${day}`, async () => {
      const d = await data(m);
      const units = deps.org.listUnits();
      return { ...m, units, snapshot: buildProgressView({ campaign, units, data: d, period: m.period, today: m.today }) };
    });
    return { ...view, at: o.at };
  }

  async function standings(campaign: BoardCampaign, o: ViewOptions): Promise<StandingsView> {
    const m = await meta(campaign, o);
    const view = await standingsCache(`${campaign.id}|${m.version}|${m.period}|${dueKey(campaign, o.at, deps.timeZone)}`, async () => {
      const d = await data(m);
      const list = unitStandings({
        campaign, units: deps.org.listUnits(), clusters: deps.org.listClusters(), officers: deps.org.listOfficers(),
        data: d, period: m.period, at: o.at, timeZone: deps.timeZone,
      });
      return { ...m, standings: list, data: d };
    });
    return { ...view, at: o.at };
  }

  function clustersFor(group: string | undefined): Cluster[] {
    if (!group) return deps.org.listClusters();
    const c = deps.org.clusterByCode(group);
    if (!c) throw new BoardError("unknown_cluster", `no cluster/block ${group}`);
    return [c];
  }

  async function ranking(campaign: BoardCampaign, o: ViewOptions & { group?: string }): Promise<RankingView> {
    const clusters = clustersFor(o.group);
    const m = await meta(campaign, o);
    const view = await rankingCache(`${campaign.id}|${m.version}|${m.period}|${dueKey(campaign, o.at, deps.timeZone)}|${o.group ?? "*"}`, async () => {
      const [p, s] = await Promise.all([progress(campaign, o), standings(campaign, o)]);
      const rankings = buildRankingView({ clusters, units: p.units, snapshot: p.snapshot, standings: s.standings, data: s.data });
      return { ...m, rankings, model: s.data.scoring };
    });
    return { ...view, at: o.at };
  }

  async function addAdjustment(campaign: BoardCampaign, a: { unitCode: string; points: number; reason: string; by: string }, at: Date): Promise<StoredAdjustment> {
    const unit = deps.org.unitByCode(a.unitCode);
    if (!unit || unit.kind === "board") throw new BoardError("unknown_unit", `no unit ${a.unitCode}`);
    const reason = a.reason.trim();
    if (reason === "") throw new BoardError("reason_required", "an adjustment needs a reason");
    if (!Number.isFinite(a.points) || a.points === 0 || Math.abs(a.points) > 100) throw new BoardError("invalid_points", "points must be a non-zero number between -100 and 100");
    const stored = await deps.source.addAdjustment({ campaignId: campaign.id, unitId: unit.id, points: a.points, reason, by: a.by }, at);
    inFlight.delete(campaign.id);
    await deps.audit.append({
      actor: a.by === "admin" ? "admin" : `officer:${a.by}`,
      action: "ranking.adjusted",
      entity: "RankingAdjustment",
      entityId: stored.id,
      after: { campaign: campaign.code, unit: unit.code, points: a.points },
      reason,
    });
    return stored;
  }

  return {
    /** The period a view shows (default when none is named); throws BoardError on a bad code or year. */
    resolvePeriod: (campaign: BoardCampaign, period: string | undefined, at: Date) =>
      resolvePeriod(campaign, period, toLocalDate(at, deps.timeZone) ?? { year: campaign.year, month: 12, day: 31 }),
    progress,
    standings,
    ranking,
    addAdjustment,
  };
}

/** The board service's interface (consumers: admin API, dashboard, chat, CLI). */
export type BoardService = ReturnType<typeof createBoardService>;
