/**
 * @module Prisma implementation of the board's data port (domain/board/board-data.ts): figures, first report
 * times, registrations in force, pledge signatures, manual adjustments, linked officers and the pack's scoring
 * model, plus a cheap version stamp that changes whenever any of them does.
 *
 * It lives in app/ rather than storage/ only because it was written alongside the board feature; it follows the
 * storage rules (Prisma stops here, domain types out, JSON columns parsed with zod).
 */
import { z } from "zod";
import type { BoardData, BoardSource, RegistrationState, StoredAdjustment } from "../../domain/board/board-data";
import type { UnitFigure } from "../../domain/progress/aggregate-figures";
import { DEFAULT_SCORING_MODEL, resolveScoringModel, type ScoringModel } from "../../domain/ranking/scoring-model";
import type { Db } from "../../storage/prisma-client";

const titlesSchema = z.array(z.string());
const commitmentsSchema = z.array(z.object({ indicatorCode: z.string(), value: z.number() }).passthrough());
const scoringSchema = z
  .object({
    scoring: z
      .object({
        weights: z.record(z.number()).optional(),
        completionCap: z.number().optional(),
        latePenaltyPerDay: z.number().optional(),
        graceHours: z.number().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

function parseJson<T>(schema: z.ZodType<T>, json: string | null | undefined, fallback: T): T {
  try {
    const r = schema.safeParse(JSON.parse(json ?? "null"));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

/** The pack's scoring model; a pack without one (or an invalid one) ranks with the default model. */
export function scoringOfPack(packJson: string | null | undefined): ScoringModel {
  const s = parseJson(scoringSchema, packJson, {}).scoring;
  if (!s) return DEFAULT_SCORING_MODEL;
  try {
    return resolveScoringModel({ weights: s.weights, completionCap: s.completionCap, latePenaltyPerDay: s.latePenaltyPerDay, graceHours: s.graceHours });
  } catch {
    return DEFAULT_SCORING_MODEL;
  }
}

async function loadFigures(db: Db, campaignId: string): Promise<UnitFigure[]> {
  const [indicators, rows] = await Promise.all([
    db.indicator.findMany({ where: { campaignId }, select: { id: true, code: true } }),
    db.progressReport.findMany({
      where: { campaignId, supersededById: null },
      select: { unitId: true, indicatorId: true, period: true, value: true, basis: true, createdAt: true },
    }),
  ]);
  const codeOf = new Map(indicators.map((i) => [i.id, i.code]));
  return rows.flatMap((r) => {
    const code = codeOf.get(r.indicatorId);
    if (!code) return [];
    return [{ unitId: r.unitId, indicatorCode: code, period: r.period, value: r.value, basis: r.basis === "cumulative" ? "cumulative" : "period", reportedAt: r.createdAt } satisfies UnitFigure];
  });
}

async function loadRegistrations(db: Db, campaignId: string): Promise<RegistrationState[]> {
  const rows = await db.registration.findMany({ where: { campaignId, status: "submitted" }, orderBy: { version: "desc" } });
  const seen = new Set<string>();
  const out: RegistrationState[] = [];
  for (const r of rows) {
    if (seen.has(r.unitId)) continue;
    seen.add(r.unitId);
    out.push({
      unitId: r.unitId,
      submittedAt: r.submittedAt ?? r.createdAt,
      titles: parseJson(titlesSchema, r.titlesJson, []),
      receiptNo: r.receiptNo,
      commitments: parseJson(commitmentsSchema, r.commitmentsJson, []).map((c) => ({ indicatorCode: c.indicatorCode, value: c.value })),
    });
  }
  return out;
}

function toAdjustment(r: { id: string; unitId: string; points: number; reason: string; officerId: string; createdAt: Date }): StoredAdjustment {
  return { id: r.id, unitId: r.unitId, points: r.points, reason: r.reason, by: r.officerId, createdAt: r.createdAt };
}

/** Creates the board's data source over a Prisma client. */
export function createPrismaBoardSource(db: Db): BoardSource {
  return {
    async version(campaignId) {
      const [reports, regs, sigs, adjustments, linked, campaign] = await Promise.all([
        db.progressReport.aggregate({ where: { campaignId }, _count: { _all: true }, _max: { createdAt: true } }),
        db.registration.aggregate({ where: { campaignId }, _count: { _all: true }, _max: { createdAt: true, submittedAt: true, supersededAt: true } }),
        db.pledgeSignature.aggregate({ where: { pledge: { campaignId } }, _count: { _all: true }, _max: { signedAt: true } }),
        db.rankingAdjustment.aggregate({ where: { campaignId }, _count: { _all: true }, _max: { createdAt: true } }),
        db.channelAccount.count({ where: { officerId: { not: null } } }),
        db.campaign.findUnique({ where: { id: campaignId }, select: { packHash: true } }),
      ]);
      const t = (d: Date | null | undefined) => d?.getTime() ?? 0;
      return [
        reports._count._all, t(reports._max.createdAt),
        regs._count._all, t(regs._max.createdAt), t(regs._max.submittedAt), t(regs._max.supersededAt),
        sigs._count._all, t(sigs._max.signedAt),
        adjustments._count._all, t(adjustments._max.createdAt),
        linked, campaign?.packHash ?? "",
      ].join(":");
    },
    async load(campaignId): Promise<BoardData> {
      const [figures, firsts, registrations, pledges, adjustments, linked, campaign] = await Promise.all([
        loadFigures(db, campaignId),
        db.progressReport.groupBy({ by: ["unitId", "period"], where: { campaignId }, _min: { createdAt: true } }),
        loadRegistrations(db, campaignId),
        db.pledge.findMany({ where: { campaignId }, include: { signatures: true } }),
        db.rankingAdjustment.findMany({ where: { campaignId }, orderBy: { createdAt: "asc" } }),
        db.channelAccount.findMany({ where: { officerId: { not: null } }, select: { officerId: true }, distinct: ["officerId"] }),
        db.campaign.findUnique({ where: { id: campaignId }, select: { packJson: true } }),
      ]);
      return {
        figures,
        firstReports: firsts.flatMap((f) => (f._min.createdAt ? [{ unitId: f.unitId, period: f.period, at: f._min.createdAt }] : [])),
        registrations,
        pledges: pledges.map((p) => ({ clusterId: p.clusterId, signatures: p.signatures.map((s) => ({ unitId: s.unitId, officerId: s.officerId, signedAt: s.signedAt })) })),
        adjustments: adjustments.map(toAdjustment),
        linkedOfficerIds: linked.flatMap((a) => (a.officerId ? [a.officerId] : [])),
        scoring: scoringOfPack(campaign?.packJson),
      };
    },
    async addAdjustment(a, at) {
      const row = await db.rankingAdjustment.create({ data: { campaignId: a.campaignId, unitId: a.unitId, points: a.points, reason: a.reason, officerId: a.by, createdAt: at } });
      return toAdjustment(row);
    },
  };
}
