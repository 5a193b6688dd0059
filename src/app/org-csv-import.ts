/** @module Organisation CSV → the importer's input (codes resolved by the importer inside one transaction). */
import { parseOrgCsv } from "../organisation/org-csv";
import type { OrgImport } from "../storage/prisma-org-import";

/** Parses the CSV (every bad line reported at once, nothing returned on any error) into the importer's shape. */
export function parseOrgCsvForImport(text: string, sourceName: string): OrgImport {
  const org = parseOrgCsv(text, sourceName);
  return {
    units: org.units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, parentCode: u.parentCode, isSample: u.isSample })),
    clusters: org.clusters.map((c) => ({ code: c.code, name: c.name, kind: c.kind, leaderUnitCode: c.leaderUnitCode, memberUnitCodes: c.memberUnitCodes, isSample: c.isSample })),
    officers: org.officers.map((o) => ({ code: o.code, unitCode: o.unitCode, name: o.name, role: o.role, phone: o.phone })),
  };
}
