/** @module Prisma implementation of the progress-figure store (append-only, corrections supersede). */
import type { NewReport, ProgressRepository, ReportFilter, StoredReport } from "../domain/progress/progress-repository";
import type { Db } from "./prisma-client";

type Row = NonNullable<Awaited<ReturnType<Db["progressReport"]["findUnique"]>>> & { indicator: { code: string } };

function toReport(r: Row): StoredReport {
  return {
    id: r.id, campaignId: r.campaignId, unitId: r.unitId, indicatorCode: r.indicator.code, period: r.period, value: r.value,
    basis: r.basis === "cumulative" ? "cumulative" : "period", rawText: r.rawText, channel: r.channel, sourceMessageId: r.sourceMessageId,
    reportedById: r.reportedById, correctionReason: r.correctionReason, supersedesId: r.supersedesId, supersededById: r.supersededById, createdAt: r.createdAt,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

export function createPrismaProgressRepository(db: Db, indicatorIdOf: (campaignId: string, code: string) => string | undefined): ProgressRepository {
  const where = (campaignId: string, f: ReportFilter = {}) => ({
    campaignId,
    ...(f.unitId ? { unitId: f.unitId } : {}),
    ...(f.period ? { period: f.period } : {}),
    ...(f.indicatorCode ? { indicator: { code: f.indicatorCode } } : {}),
  });
  const include = { indicator: { select: { code: true } } } as const;

  async function findDuplicate(r: NewReport, indicatorId: string) {
    if (!r.sourceMessageId) return null;
    return db.progressReport.findFirst({ where: { channel: r.channel, sourceMessageId: r.sourceMessageId, indicatorId, period: r.period }, include });
  }

  return {
    async submit(r, correctionReason) {
      const indicatorId = indicatorIdOf(r.campaignId, r.indicatorCode);
      if (!indicatorId) throw new Error(`unknown indicator ${r.indicatorCode}`);
      const dup = await findDuplicate(r, indicatorId);
      if (dup) return { report: toReport(dup), duplicate: true, superseded: null };
      try {
        return await db.$transaction(async (tx) => {
          const previous = await tx.progressReport.findFirst({
            where: { campaignId: r.campaignId, unitId: r.unitId, indicatorId, period: r.period, supersededById: null },
            include, orderBy: { createdAt: "desc" },
          });
          const created = await tx.progressReport.create({
            data: {
              campaignId: r.campaignId, unitId: r.unitId, indicatorId, period: r.period, value: r.value, basis: r.basis, rawText: r.rawText,
              channel: r.channel, sourceMessageId: r.sourceMessageId, reportedById: r.reportedById,
              correctionReason: previous ? (correctionReason ?? null) : null, supersedesId: previous?.id ?? null,
            },
            include,
          });
          if (previous) {
            // Optimistic: only a still-current row may be superseded; a concurrent correction makes this fail and roll back.
            const res = await tx.progressReport.updateMany({ where: { id: previous.id, supersededById: null }, data: { supersededById: created.id } });
            if (res.count !== 1) throw new Error("concurrent correction");
          }
          return { report: toReport(created), duplicate: false, superseded: previous ? toReport({ ...previous, supersededById: created.id }) : null };
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          const again = await findDuplicate(r, indicatorId);
          if (again) return { report: toReport(again), duplicate: true, superseded: null };
        }
        throw err;
      }
    },
    async current(campaignId, filter) {
      const rows = await db.progressReport.findMany({ where: { ...where(campaignId, filter), supersededById: null }, include, orderBy: { createdAt: "desc" } });
      return rows.map(toReport);
    },
    async list(campaignId, filter, limit = 500) {
      const rows = await db.progressReport.findMany({ where: where(campaignId, filter), include, orderBy: { createdAt: "desc" }, take: Math.min(limit, 5000) });
      return rows.map(toReport);
    },
  };
}
