/** @module Organisation: đơn vị (units), cụm/khối thi đua (clusters/blocks), cán bộ (officers) and their chat accounts. */
import type { UnitKind } from "../campaigns/campaign";

export type Role = "officer" | "unit_head" | "cluster_leader" | "board";
export const ROLES: readonly Role[] = ["officer", "unit_head", "cluster_leader", "board"];

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  isSample: boolean;
}

export interface Cluster {
  id: string;
  code: string;
  name: string;
  /** cum = geographic cluster (districts), khoi = sector block (departments, enterprises). */
  kind: "cum" | "khoi";
  leaderUnitId: string | null;
  memberUnitIds: string[];
}

export interface Officer {
  id: string;
  unitId: string;
  name: string;
  role: Role;
  locale: "vi" | "en" | null;
}

export interface ChannelAccount {
  id: string;
  platform: string;
  externalId: string;
  chatId: string;
  officerId: string | null;
  locale: "vi" | "en" | null;
  lastInteractionAt: Date | null;
  unreachableAt: Date | null;
}

/** Read access to the organisation, cached in memory by storage (reference data changes rarely). */
export interface OrgDirectory {
  unitById(id: string): Unit | undefined;
  unitByCode(code: string): Unit | undefined;
  officerById(id: string): Officer | undefined;
  listUnits(): Unit[];
  listOfficers(): Officer[];
  listClusters(): Cluster[];
  clustersOfUnit(unitId: string): Cluster[];
  clusterByCode(code: string): Cluster | undefined;
  /** Reloads after an import or a change. */
  refresh(): Promise<void>;
}

/** What an officer may do; the single place role rules live. */
export function canReportFor(officer: Officer, unitId: string): boolean {
  return officer.role === "board" || officer.unitId === unitId;
}

export function isBoard(officer: Officer | null | undefined): boolean {
  return officer?.role === "board";
}
