/**
 * @module What an organisation CSV becomes: plain records of đơn vị (units), cụm/khối thi đua (clusters/blocks)
 * and cán bộ (officers), keyed by their codes, ready to be written in one transaction by the importer.
 */
import type { UnitKind } from "../domain/campaigns/campaign.js";
import type { Role } from "../domain/organisation/organisation.js";

/** A unit row. `line` is where it is written in the CSV (for messages). */
export interface OrgUnitRecord {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  clusterCodes: string[];
  isSample: boolean;
  line: number;
}

/** A cụm (kind "cum", geographic: districts) or khối (kind "khoi", sector: departments, enterprises). */
export interface OrgClusterRecord {
  code: string;
  name: string;
  kind: "cum" | "khoi";
  leaderUnitCode: string | null;
  /** Units whose cluster_codes list this cluster, in file order. */
  memberUnitCodes: string[];
  isSample: boolean;
  line: number;
}

/** An officer row. `clusterCodes` = the clusters a cluster_leader leads (empty for other roles). */
export interface OrgOfficerRecord {
  code: string;
  name: string;
  role: Role;
  unitCode: string;
  /** Normalised to 10 digits starting with 0, or null. */
  phone: string | null;
  clusterCodes: string[];
  isSample: boolean;
  line: number;
}

/** The whole file. Units are ordered parents first, so they can be inserted in order. */
export interface OrgData {
  units: OrgUnitRecord[];
  clusters: OrgClusterRecord[];
  officers: OrgOfficerRecord[];
  /** true when every row is marked sample. */
  isSample: boolean;
}

/** Why a line was rejected; stable codes so the CLI can translate them (locales: orgCsv.issue.<code>). */
export const ORG_CSV_ISSUE_CODES = [
  "csv_syntax",
  "header",
  "field_count",
  "invalid_field",
  "duplicate_code",
  "unknown_reference",
  "leader_not_member",
  "role_mismatch",
  "cycle",
  "empty_cluster",
  "no_rows",
] as const;
export type OrgCsvIssueCode = (typeof ORG_CSV_ISSUE_CODES)[number];

/** One rejected line: its number, the column when one is at fault, and the reason. */
export interface OrgCsvIssue {
  line: number;
  column: string | null;
  code: OrgCsvIssueCode;
  message: string;
}
