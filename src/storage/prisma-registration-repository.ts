/**
 * @module Prisma implementation of the registration ports: versioned Registration rows (JSON columns parsed with
 * zod), receipt numbers issued under a lock on the campaign row (so two approvals never share a number), pledges
 * with their signatures, and the award titles kept in the campaign's stored plan pack.
 *
 * Why a row lock and not SERIALIZABLE: with the pg driver adapter a serialization failure raised at COMMIT leaves
 * the pooled connection checked out (seen with Prisma 6.19), so retries would leak connections.
 */
import { z } from "zod";
import type { Pledge, PledgeStatus } from "../domain/registration/pledge";
import { formatReceiptNo, nextReceiptSeq, type Registration, type RegistrationStatus } from "../domain/registration/registration";
import type { PlanTitleSource, PledgeRepository, RegistrationRepository } from "../domain/registration/registration-repository";
import type { PlanTitle } from "../domain/registration/title-catalog";
import type { Db } from "./prisma-client";

type Row = NonNullable<Awaited<ReturnType<Db["registration"]["findUnique"]>>>;
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const titlesSchema = z.array(z.string());
const commitmentsSchema = z.array(z.object({ indicatorCode: z.string(), value: z.number(), measure: z.string() }));
const individualsSchema = z.array(z.object({ name: z.string(), titleId: z.string() }));
const linesSchema = z.array(z.string());
const planTitlesSchema = z.object({
  awards: z.object({
    titles: z.array(z.object({
      id: z.string(), name: z.string(), nameEn: z.string().nullish(), category: z.enum(["title", "form"]),
      recipients: z.array(z.enum(["individual", "collective", "household"])), abbreviations: z.array(z.string()).optional(),
    })),
  }).optional(),
});

function parseJson<T>(schema: z.ZodType<T>, json: string, fallback: T): T {
  try {
    const r = schema.safeParse(JSON.parse(json));
    return r.success ? r.data : fallback;
  } catch {
    return fallback;
  }
}

function toRegistration(r: Row): Registration {
  return {
    id: r.id, campaignId: r.campaignId, unitId: r.unitId, version: r.version, status: r.status as RegistrationStatus,
    titles: parseJson(titlesSchema, r.titlesJson, []),
    commitments: parseJson(commitmentsSchema, r.commitmentsJson, []),
    individuals: parseJson(individualsSchema, r.individualsJson, []),
    draftedBy: r.draftedBy, decidedBy: r.decidedBy, receiptNo: r.receiptNo, reason: r.reason,
    createdAt: r.createdAt, submittedAt: r.submittedAt, supersededAt: r.supersededAt,
  };
}

/**
 * A serialization failure (PostgreSQL SERIALIZABLE, 40001) or a unique clash of a concurrent insert: retry. Prisma
 * reports the first as P2034, or, inside an interactive transaction over a driver adapter, as the adapter's own
 * error whose cause is `{ kind: "TransactionWriteConflict" }`.
 */
function isRetryable(err: unknown): boolean {
  const e = err as { code?: string; cause?: { kind?: string } } | null;
  return e?.code === "P2034" || e?.code === "P2002" || e?.cause?.kind === "TransactionWriteConflict";
}

async function withRetry<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts - 1 || !isRetryable(err)) throw err;
    }
  }
}

export function createPrismaRegistrationRepository(db: Db): RegistrationRepository {
  async function submitIn(tx: Tx, p: { id: string; decidedBy: string; at: Date; receiptPrefix: string }) {
    const first = await tx.registration.findUnique({ where: { id: p.id }, select: { campaignId: true } });
    if (!first) return null;
    // Writing the campaign row takes its lock: concurrent approvals of the campaign queue here, and each then reads
    // the receipts committed before it (READ COMMITTED on PostgreSQL; SQLite serialises writers anyway).
    await tx.campaign.update({ where: { id: first.campaignId }, data: { updatedAt: p.at } });
    const reg = await tx.registration.findUnique({ where: { id: p.id } });
    if (!reg || reg.status !== "pending") return null;
    const issued = await tx.registration.findMany({ where: { campaignId: reg.campaignId, receiptNo: { startsWith: p.receiptPrefix } }, select: { receiptNo: true } });
    const receiptNo = formatReceiptNo(p.receiptPrefix, nextReceiptSeq(p.receiptPrefix, issued.map((i) => i.receiptNo)));
    const previous = await tx.registration.findFirst({ where: { campaignId: reg.campaignId, unitId: reg.unitId, status: "submitted" }, orderBy: { version: "desc" } });
    const superseded = previous
      ? await tx.registration.update({ where: { id: previous.id }, data: { status: "superseded", supersededAt: p.at } })
      : null;
    const done = await tx.registration.update({ where: { id: reg.id }, data: { status: "submitted", decidedBy: p.decidedBy, receiptNo, submittedAt: p.at } });
    return { registration: toRegistration(done), superseded: superseded ? toRegistration(superseded) : null };
  }

  return {
    async listUnitHistory(campaignId, unitId) {
      const rows = await db.registration.findMany({ where: { campaignId, unitId }, orderBy: { version: "desc" } });
      return rows.map(toRegistration);
    },
    async listCampaign(campaignId) {
      const rows = await db.registration.findMany({ where: { campaignId }, orderBy: [{ createdAt: "asc" }, { version: "asc" }] });
      return rows.map(toRegistration);
    },
    async findById(id) {
      const row = await db.registration.findUnique({ where: { id } });
      return row ? toRegistration(row) : null;
    },
    createPending(r, at) {
      // Under the campaign row's lock (as for receipts) a concurrent draft sees this one: one pending version per
      // unit, distinct version numbers. The retry covers a clash on the unique (campaign, unit, version) key anyway.
      return withRetry(() =>
        db.$transaction(async (tx) => {
          await tx.campaign.update({ where: { id: r.campaignId }, data: { updatedAt: at } });
          await tx.registration.updateMany({ where: { campaignId: r.campaignId, unitId: r.unitId, status: "pending" }, data: { status: "withdrawn", supersededAt: at } });
          const last = await tx.registration.findFirst({ where: { campaignId: r.campaignId, unitId: r.unitId }, orderBy: { version: "desc" }, select: { version: true } });
          const row = await tx.registration.create({
            data: {
              campaignId: r.campaignId, unitId: r.unitId, version: (last?.version ?? 0) + 1, status: "pending",
              titlesJson: JSON.stringify(r.content.titles), commitmentsJson: JSON.stringify(r.content.commitments),
              individualsJson: JSON.stringify(r.content.individuals), draftedBy: r.draftedBy, reason: r.reason, createdAt: at,
            },
          });
          return toRegistration(row);
        }),
      );
    },
    submit(p) {
      return withRetry(() => db.$transaction((tx) => submitIn(tx, p)));
    },
    async reject(p) {
      const res = await db.registration.updateMany({ where: { id: p.id, status: "pending" }, data: { status: "rejected", decidedBy: p.decidedBy, reason: p.reason, supersededAt: p.at } });
      if (res.count === 0) return null;
      const row = await db.registration.findUnique({ where: { id: p.id } });
      return row ? toRegistration(row) : null;
    },
  };
}

type PledgeRow = NonNullable<Awaited<ReturnType<Db["pledge"]["findUnique"]>>> & {
  signatures: { unitId: string; officerId: string; signedAt: Date }[];
};

function toPledge(r: PledgeRow): Pledge {
  return {
    id: r.id, campaignId: r.campaignId, clusterId: r.clusterId, commitments: parseJson(linesSchema, r.commitmentsJson, []),
    openedBy: r.openedBy, status: r.status === "complete" ? "complete" : "open", createdAt: r.createdAt,
    signatures: [...r.signatures].sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime()).map((s) => ({ unitId: s.unitId, officerId: s.officerId, signedAt: s.signedAt })),
  };
}

export function createPrismaPledgeRepository(db: Db): PledgeRepository {
  const include = { signatures: true } as const;
  return {
    async find(campaignId, clusterId) {
      const row = await db.pledge.findUnique({ where: { campaignId_clusterId: { campaignId, clusterId } }, include });
      return row ? toPledge(row) : null;
    },
    async findById(id) {
      const row = await db.pledge.findUnique({ where: { id }, include });
      return row ? toPledge(row) : null;
    },
    async listCampaign(campaignId) {
      const rows = await db.pledge.findMany({ where: { campaignId }, include, orderBy: { createdAt: "asc" } });
      return rows.map(toPledge);
    },
    async open(p) {
      try {
        const row = await db.pledge.create({
          data: { campaignId: p.campaignId, clusterId: p.clusterId, commitmentsJson: JSON.stringify(p.commitments), openedBy: p.openedBy, status: "open", createdAt: p.at },
          include,
        });
        return toPledge(row);
      } catch (err) {
        if ((err as { code?: string } | null)?.code === "P2002") return null;
        throw err;
      }
    },
    async sign(p) {
      try {
        await db.pledgeSignature.create({ data: { pledgeId: p.pledgeId, unitId: p.unitId, officerId: p.officerId, signedAt: p.at } });
        return "signed";
      } catch (err) {
        if ((err as { code?: string } | null)?.code === "P2002") return "already_signed";
        throw err;
      }
    },
    async setStatus(id: string, status: PledgeStatus) {
      await db.pledge.update({ where: { id }, data: { status } });
    },
  };
}

/** Award titles from the campaign's stored plan pack, parsed once per pack version. */
export function createPrismaPlanTitleSource(db: Db): PlanTitleSource {
  const cache = new Map<string, { hash: string; titles: PlanTitle[] }>();
  return {
    async planTitles(campaignId) {
      const head = await db.campaign.findUnique({ where: { id: campaignId }, select: { packHash: true } });
      if (!head) return [];
      const hit = cache.get(campaignId);
      if (hit && hit.hash === head.packHash) return hit.titles;
      const row = await db.campaign.findUnique({ where: { id: campaignId }, select: { packJson: true } });
      const titles = parseJson(planTitlesSchema, row?.packJson ?? "{}", {}).awards?.titles ?? [];
      cache.set(campaignId, { hash: head.packHash, titles });
      return titles;
    },
  };
}
