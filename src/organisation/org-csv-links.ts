/**
 * @module Checks between rows of an organisation CSV: unique codes, references that exist, no parent cycles,
 * cluster leaders that are members, officer roles that fit their unit. Each problem names the line that is wrong.
 */
import type { OrgCsvClusterRow, OrgCsvOfficerRow, OrgCsvUnitRow } from "./org-csv-schema.js";
import type { OrgCsvIssue } from "./org-types.js";

export interface Located<T> {
  line: number;
  row: T;
}

export interface ParsedRows {
  units: Located<OrgCsvUnitRow>[];
  clusters: Located<OrgCsvClusterRow>[];
  officers: Located<OrgCsvOfficerRow>[];
  /**
   * Codes of rows rejected by the row schema. References to them are not reported again as unknown (the row's own
   * error already explains it), so that every genuine problem is still listed in one pass.
   */
  rejectedCodes: Set<string>;
}

/** An unknown-reference issue, unless the referenced row exists but was rejected. */
function missing(rows: ParsedRows, out: OrgCsvIssue[], line: number, column: string, what: string, ref: string): void {
  if (!rows.rejectedCodes.has(ref)) out.push({ line, column, code: "unknown_reference", message: `No ${what} with code ${ref}` });
}

/** Units by code; with duplicate codes the first row wins (the later one is reported as the duplicate). */
function unitsByCode(rows: ParsedRows): Map<string, OrgCsvUnitRow> {
  const map = new Map<string, OrgCsvUnitRow>();
  for (const { row } of rows.units) if (!map.has(row.code)) map.set(row.code, row);
  return map;
}

function checkUniqueCodes(rows: ParsedRows, out: OrgCsvIssue[]): void {
  const firstLine = new Map<string, number>();
  const all = [...rows.units, ...rows.clusters, ...rows.officers].sort((a, b) => a.line - b.line);
  for (const { line, row } of all) {
    const seen = firstLine.get(row.code);
    if (seen !== undefined) {
      out.push({ line, column: "code", code: "duplicate_code", message: `Code ${row.code} is already used on line ${seen}` });
    } else {
      firstLine.set(row.code, line);
    }
  }
}

function checkUnits(rows: ParsedRows, out: OrgCsvIssue[]): void {
  const units = unitsByCode(rows);
  const clusters = new Set(rows.clusters.map((c) => c.row.code));
  for (const { line, row } of rows.units) {
    if (row.parent_code !== null && !units.has(row.parent_code)) {
      missing(rows, out, line, "parent_code", "unit", row.parent_code);
    }
    for (const c of row.cluster_codes) {
      if (!clusters.has(c)) missing(rows, out, line, "cluster_codes", "cluster", c);
    }
    // Walk up the parent chain; coming back to the start means a cycle.
    const visited = new Set<string>([row.code]);
    let parent = row.parent_code;
    while (parent !== null) {
      if (visited.has(parent)) {
        out.push({ line, column: "parent_code", code: "cycle", message: `Parent chain of ${row.code} loops back through ${parent}` });
        break;
      }
      visited.add(parent);
      parent = units.get(parent)?.parent_code ?? null;
    }
  }
}

function checkClusters(rows: ParsedRows, out: OrgCsvIssue[]): void {
  const units = unitsByCode(rows);
  for (const { line, row } of rows.clusters) {
    const members = rows.units.filter((u) => u.row.cluster_codes.includes(row.code));
    // With rejected rows around, a missing member may just be a rejected one: stay quiet then.
    if (members.length === 0 && rows.rejectedCodes.size === 0) {
      out.push({ line, column: null, code: "empty_cluster", message: `Cluster ${row.code} has no member units (list it in their cluster_codes)` });
    }
    const leader = row.leader_unit_code;
    if (leader === null) continue;
    const unit = units.get(leader);
    if (unit === undefined) {
      missing(rows, out, line, "leader_unit_code", "unit", leader);
    } else if (!unit.cluster_codes.includes(row.code)) {
      out.push({ line, column: "leader_unit_code", code: "leader_not_member", message: `Leader ${leader} is not a member of ${row.code}` });
    }
  }
}

function checkOfficers(rows: ParsedRows, out: OrgCsvIssue[]): void {
  const units = unitsByCode(rows);
  const leaderOf = new Map(rows.clusters.map((c) => [c.row.code, c.row.leader_unit_code]));
  for (const { line, row } of rows.officers) {
    const unit = units.get(row.unit_code);
    if (unit === undefined) {
      missing(rows, out, line, "unit_code", "unit", row.unit_code);
      continue;
    }
    if (row.role === "board" && unit.kind !== "board") {
      out.push({ line, column: "role", code: "role_mismatch", message: `Role board needs a unit of kind board; ${unit.code} is ${unit.kind}` });
    }
    if (row.role !== "cluster_leader" && row.cluster_codes.length > 0) {
      out.push({ line, column: "cluster_codes", code: "role_mismatch", message: "Only cluster_leader officers list cluster_codes" });
    }
    if (row.role !== "cluster_leader") continue;
    const led = [...leaderOf].filter(([, l]) => l === unit.code).map(([c]) => c);
    if (led.length === 0 && rows.rejectedCodes.size === 0) {
      out.push({ line, column: "role", code: "role_mismatch", message: `Unit ${unit.code} leads no cluster (set leader_unit_code on a cluster row)` });
    }
    for (const c of row.cluster_codes) {
      if (!leaderOf.has(c)) missing(rows, out, line, "cluster_codes", "cluster", c);
      else if (leaderOf.get(c) !== unit.code) {
        out.push({ line, column: "cluster_codes", code: "role_mismatch", message: `Unit ${unit.code} does not lead cluster ${c}` });
      }
    }
  }
}

/** Every cross-row problem, in line order. */
export function checkOrgLinks(rows: ParsedRows): OrgCsvIssue[] {
  const out: OrgCsvIssue[] = [];
  checkUniqueCodes(rows, out);
  checkUnits(rows, out);
  checkClusters(rows, out);
  checkOfficers(rows, out);
  return out.sort((a, b) => a.line - b.line);
}
