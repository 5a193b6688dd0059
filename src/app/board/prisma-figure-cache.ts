/**
 * @module The campaign's progress figures kept in memory and refreshed incrementally: a province-scale campaign
 * holds ~70,000 figures, and reloading all of them after every new report cost the first viewer seconds.
 *
 * Figures are append-only (a correction inserts a row that names the row it supersedes), so after a full load only
 * the newest rows need fetching: `count − known` of them, newest first. If the rows found do not account exactly
 * for the new count (a back-dated import, a deletion), the cache falls back to a full load, so it is never wrong.
 */
import type { FirstReport } from "../../domain/board/board-data";
import type { UnitFigure } from "../../domain/progress/aggregate-figures";
import type { Db } from "../../storage/prisma-client";

interface Row {
  id: string;
  unitId: string;
  indicatorId: string;
  period: string;
  value: number;
  basis: string;
  createdAt: Date | string;
  supersedesId: string | null;
  supersededById: string | null;
}

interface State {
  seen: Set<string>;
  current: Map<string, UnitFigure>;
  firsts: Map<string, FirstReport>;
}

/** Extra rows fetched beyond the count difference, for rows with equal timestamps. */
const DELTA_MARGIN = 50;

function toDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(v);
}

/** Creates the cache over a Prisma client; `indicatorCodes(campaignId)` maps indicator ids to codes. */
export function createPrismaFigureCache(db: Db, indicatorCodes: (campaignId: string) => Promise<Map<string, string>>) {
  const states = new Map<string, State>();

  async function count(campaignId: string): Promise<number> {
    const [r] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM "ProgressReport" WHERE "campaignId" = ${campaignId}`;
    return Number(r?.n ?? 0);
  }

  function apply(state: State, rows: readonly Row[], codes: Map<string, string>): number {
    let added = 0;
    for (const r of rows) {
      if (state.seen.has(r.id)) continue;
      state.seen.add(r.id);
      added++;
      const at = toDate(r.createdAt);
      const key = `${r.unitId}|${r.period}`;
      const first = state.firsts.get(key);
      if (!first || at < first.at) state.firsts.set(key, { unitId: r.unitId, period: r.period, at });
      if (r.supersedesId) state.current.delete(r.supersedesId);
      const code = codes.get(r.indicatorId);
      if (r.supersededById || !code) continue;
      state.current.set(r.id, { unitId: r.unitId, indicatorCode: code, period: r.period, value: Number(r.value), basis: r.basis === "cumulative" ? "cumulative" : "period", reportedAt: at });
    }
    return added;
  }

  async function fullLoad(campaignId: string): Promise<State> {
    const [codes, rows] = await Promise.all([
      indicatorCodes(campaignId),
      db.$queryRaw<Row[]>`SELECT "id","unitId","indicatorId","period","value","basis","createdAt","supersedesId","supersededById" FROM "ProgressReport" WHERE "campaignId" = ${campaignId}`,
    ]);
    const state: State = { seen: new Set(), current: new Map(), firsts: new Map() };
    // Any order works: superseded rows are skipped by their flag, and a successor removes what it supersedes.
    apply(state, rows, codes);
    return state;
  }

  /** Fetches what changed since the last call, or everything when that cannot be done exactly. */
  async function refresh(campaignId: string): Promise<State> {
    const known = states.get(campaignId);
    const total = await count(campaignId);
    if (known && total >= known.seen.size) {
      const missing = total - known.seen.size;
      if (missing === 0) return known;
      const [codes, rows] = await Promise.all([
        indicatorCodes(campaignId),
        db.$queryRaw<Row[]>`SELECT "id","unitId","indicatorId","period","value","basis","createdAt","supersedesId","supersededById" FROM "ProgressReport" WHERE "campaignId" = ${campaignId} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${missing + DELTA_MARGIN}`,
      ]);
      // Applied in place: if the rows do not add up, the state is replaced by a full load just below.
      if (apply(known, rows, codes) === missing) return known;
    }
    const state = await fullLoad(campaignId);
    states.set(campaignId, state);
    return state;
  }

  return {
    /** Current (non-superseded) figures and the first report time per unit and period code. */
    async load(campaignId: string): Promise<{ figures: UnitFigure[]; firstReports: FirstReport[] }> {
      const state = await refresh(campaignId);
      return { figures: [...state.current.values()], firstReports: [...state.firsts.values()] };
    },
  };
}
