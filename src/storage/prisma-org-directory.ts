/** @module In-memory cache of units, clusters and officers over Prisma (reference data for every message). */
import type { UnitKind } from "../domain/campaigns/campaign";
import type { Cluster, Officer, OrgDirectory, Role, Unit } from "../domain/organisation/organisation";
import type { Db } from "./prisma-client";

export async function createPrismaOrgDirectory(db: Db): Promise<OrgDirectory> {
  let units = new Map<string, Unit>();
  let unitsByCode = new Map<string, Unit>();
  let officers = new Map<string, Officer>();
  let clusters: Cluster[] = [];

  async function refresh(): Promise<void> {
    const [u, o, c] = await Promise.all([
      db.unit.findMany({ where: { active: true }, orderBy: { code: "asc" } }),
      db.officer.findMany({ where: { active: true } }),
      db.cluster.findMany({ include: { members: true }, orderBy: { code: "asc" } }),
    ]);
    units = new Map(
      u.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, kind: r.kind as UnitKind, parentId: r.parentId, isSample: r.isSample }]),
    );
    unitsByCode = new Map([...units.values()].map((x) => [x.code, x]));
    officers = new Map(
      o.map((r) => [r.id, { id: r.id, unitId: r.unitId, name: r.name, role: r.role as Role, locale: (r.locale as "vi" | "en" | null) ?? null }]),
    );
    clusters = c.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind === "khoi" ? "khoi" : "cum",
      leaderUnitId: r.leaderUnitId,
      memberUnitIds: r.members.map((m) => m.unitId),
    }));
  }
  await refresh();

  return {
    unitById: (id) => units.get(id),
    unitByCode: (code) => unitsByCode.get(code),
    officerById: (id) => officers.get(id),
    listUnits: () => [...units.values()],
    listOfficers: () => [...officers.values()],
    listClusters: () => clusters,
    clustersOfUnit: (unitId) => clusters.filter((c) => c.memberUnitIds.includes(unitId)),
    clusterByCode: (code) => clusters.find((c) => c.code === code),
    refresh,
  };
}
