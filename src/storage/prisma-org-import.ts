/** @module Imports units, clusters/blocks and officers in ONE transaction: a bad file changes nothing. Idempotent. */
import type { Db } from "./prisma-client";

export interface OrgImport {
  units: { code: string; name: string; kind: string; parentCode: string | null; isSample: boolean }[];
  clusters: { code: string; name: string; kind: "cum" | "khoi"; leaderUnitCode: string | null; memberUnitCodes: string[]; isSample: boolean }[];
  officers: { code?: string | null; unitCode: string; name: string; role: string; phone: string | null }[];
}

export interface OrgImportResult {
  units: number;
  clusters: number;
  officers: number;
}

export async function importOrg(db: Db, org: OrgImport): Promise<OrgImportResult> {
  return db.$transaction(
    async (tx) => {
      const ids = new Map<string, string>();
      for (const u of org.units) {
        const row = await tx.unit.upsert({
          where: { code: u.code },
          create: { code: u.code, name: u.name, kind: u.kind, isSample: u.isSample },
          update: { name: u.name, kind: u.kind, isSample: u.isSample, active: true },
        });
        ids.set(u.code, row.id);
      }
      const idOf = async (code: string): Promise<string> => {
        const known = ids.get(code) ?? (await tx.unit.findUnique({ where: { code } }))?.id;
        if (!known) throw new Error(`unknown unit code ${code}`);
        return known;
      };
      for (const u of org.units) {
        if (u.parentCode) await tx.unit.update({ where: { code: u.code }, data: { parentId: await idOf(u.parentCode) } });
      }
      for (const c of org.clusters) {
        const leaderUnitId = c.leaderUnitCode ? await idOf(c.leaderUnitCode) : null;
        const row = await tx.cluster.upsert({
          where: { code: c.code },
          create: { code: c.code, name: c.name, kind: c.kind, leaderUnitId, isSample: c.isSample },
          update: { name: c.name, kind: c.kind, leaderUnitId, isSample: c.isSample },
        });
        await tx.clusterMember.deleteMany({ where: { clusterId: row.id } });
        for (const code of new Set(c.memberUnitCodes)) await tx.clusterMember.create({ data: { clusterId: row.id, unitId: await idOf(code) } });
      }
      for (const o of org.officers) {
        const unitId = await idOf(o.unitCode);
        // Officers are matched by their CSV code when they have one, else by unit + name.
        const existing = o.code
          ? await tx.officer.findUnique({ where: { code: o.code } })
          : await tx.officer.findFirst({ where: { unitId, name: o.name } });
        const data = { unitId, name: o.name, role: o.role, phone: o.phone, active: true };
        if (existing) await tx.officer.update({ where: { id: existing.id }, data });
        else await tx.officer.create({ data: { ...data, code: o.code ?? null } });
      }
      return { units: org.units.length, clusters: org.clusters.length, officers: org.officers.length };
    },
    { timeout: 60_000, maxWait: 20_000 },
  );
}
