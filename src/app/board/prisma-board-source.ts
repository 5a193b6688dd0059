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
import { DEFAULT_SCORING_MODEL, resolveScoringModel, type ScoringModel } from "../../domain/ranking/scoring-model";
import type { Db } from "../../storage/prisma-client";
import { createPrismaFigureCache } from "./prisma-figure-cache";

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
  const figures = createPrismaFigureCache(db, async (campaignId) => {
    const rows = await db.indicator.findMany({ where: { campaignId }, select: { id: true, code: true } });
    return new Map(rows.map((i) => [i.id, i.code]));
  });
  return {
    /**
     * One query (each round trip costs more than the counting): figures are append-only and corrections insert a
     * row, so their count moves on every change; registrations change status in place, hence their timestamps.
     */
    async version(campaignId) {
      const [v] = await db.$queryRaw<Record<string, unknown>[]>`SELECT
        (SELECT COUNT(*) FROM "ProgressReport" WHERE "campaignId" = ${campaignId}) AS reports,
        (SELECT COUNT(*) FROM "Registration" WHERE "campaignId" = ${campaignId}) AS registrations,
        (SELECT CAST(MAX("submittedAt") AS TEXT) FROM "Registration" WHERE "campaignId" = ${campaignId}) AS submitted,
        (SELECT CAST(MAX("supersededAt") AS TEXT) FROM "Registration" WHERE "campaignId" = ${campaignId}) AS superseded,
        (SELECT COUNT(*) FROM "PledgeSignature" s JOIN "Pledge" p ON p."id" = s."pledgeId" WHERE p."campaignId" = ${campaignId}) AS signatures,
        (SELECT COUNT(*) FROM "RankingAdjustment" WHERE "campaignId" = ${campaignId}) AS adjustments,
        (SELECT COUNT(*) FROM "ChannelAccount" WHERE "officerId" IS NOT NULL) AS linked,
        (SELECT "packHash" FROM "Campaign" WHERE "id" = ${campaignId}) AS pack`;
      return Object.values(v ?? {}).map((x) => String(x ?? "")).join(":");
    },
    async load(campaignId): Promise<BoardData> {
      const [loaded, registrations, pledges, adjustments, linked, campaign] = await Promise.all([
        figures.load(campaignId),
        loadRegistrations(db, campaignId),
        db.pledge.findMany({ where: { campaignId }, include: { signatures: true } }),
        db.rankingAdjustment.findMany({ where: { campaignId }, orderBy: { createdAt: "asc" } }),
        db.channelAccount.findMany({ where: { officerId: { not: null } }, select: { officerId: true }, distinct: ["officerId"] }),
        db.campaign.findUnique({ where: { id: campaignId }, select: { packJson: true } }),
      ]);
      return {
        figures: loaded.figures,
        firstReports: loaded.firstReports,
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
