/**
 * @module Organisation CSV → units, cụm/khối and officers. All or nothing: every bad line is reported at once
 * (line number, column, reason) and no data is returned while any line is bad, so the importer can write the
 * result in one transaction. Format: prisma/seed/README.md ("Organisation CSV").
 */
import { readFile } from "node:fs/promises";
import type { Role } from "../domain/organisation/organisation.js";
import { readCsv } from "./csv-reader.js";
import type { CsvRecord } from "./csv-reader.js";
import { checkOrgLinks } from "./org-csv-links.js";
import type { ParsedRows } from "./org-csv-links.js";
import { ORG_CSV_COLUMNS, REQUIRED_ORG_CSV_COLUMNS, orgCsvRowSchema } from "./org-csv-schema.js";
import type { OrgCsvColumn } from "./org-csv-schema.js";
import type { OrgCsvIssue, OrgData, OrgUnitRecord } from "./org-types.js";

/** Thrown when an organisation CSV has any bad line; `issues` lists them all, in line order. */
export class OrgCsvError extends Error {
  readonly code = "org_csv_invalid" as const;

  constructor(
    readonly sourceName: string,
    readonly issues: readonly OrgCsvIssue[],
  ) {
    const lines = issues.map((i) => `  - line ${i.line}${i.column ? ` [${i.column}]` : ""}: ${i.message}`);
    super([`Organisation file ${sourceName} has ${issues.length} problem(s); nothing was imported:`, ...lines].join("\n"));
    this.name = "OrgCsvError";
  }
}

function readHeader(record: CsvRecord | undefined, out: OrgCsvIssue[]): Array<OrgCsvColumn | null> {
  if (record === undefined) {
    out.push({ line: 1, column: null, code: "no_rows", message: "The file is empty (a header line is required)" });
    return [];
  }
  const known = new Set<string>(ORG_CSV_COLUMNS);
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const header = names.map((n, i) => {
    // Spreadsheets often add empty trailing header cells; such columns are ignored.
    if (n === "") return null;
    if (!known.has(n)) {
      out.push({ line: record.line, column: n, code: "header", message: `Unknown column "${n}" (allowed: ${ORG_CSV_COLUMNS.join(", ")})` });
      return null;
    }
    if (names.indexOf(n) !== i) out.push({ line: record.line, column: n, code: "header", message: `Column "${n}" appears twice` });
    return n as OrgCsvColumn;
  });
  for (const req of REQUIRED_ORG_CSV_COLUMNS) {
    if (!names.includes(req)) out.push({ line: record.line, column: req, code: "header", message: `Missing required column "${req}"` });
  }
  return header;
}

/** Header-named cells with absent columns as "", and case-insensitive enum columns lower-cased. */
function toCells(header: Array<OrgCsvColumn | null>, fields: string[]): Record<OrgCsvColumn, string> {
  const cells = Object.fromEntries(ORG_CSV_COLUMNS.map((c) => [c, ""])) as Record<OrgCsvColumn, string>;
  header.forEach((col, i) => {
    if (col !== null) cells[col] = fields[i] ?? "";
  });
  for (const col of ["record", "kind", "role"] as const) cells[col] = cells[col].trim().toLowerCase();
  return cells;
}

function parseRows(records: CsvRecord[], header: Array<OrgCsvColumn | null>, out: OrgCsvIssue[]): ParsedRows {
  const rows: ParsedRows = { units: [], clusters: [], officers: [], rejectedCodes: new Set() };
  for (const rec of records) {
    const rawCode = toCells(header, rec.fields).code.trim().toUpperCase();
    if (rec.fields.length > header.length) {
      out.push({ line: rec.line, column: null, code: "field_count", message: `${rec.fields.length} fields but the header has ${header.length} (a comma inside a name needs "quotes")` });
      rows.rejectedCodes.add(rawCode);
      continue;
    }
    const parsed = orgCsvRowSchema.safeParse(toCells(header, rec.fields));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = typeof issue.path[0] === "string" ? issue.path[0] : null;
        out.push({ line: rec.line, column, code: "invalid_field", message: column ? `${column}: ${issue.message}` : issue.message });
      }
      rows.rejectedCodes.add(rawCode);
      continue;
    }
    const row = parsed.data;
    if (row.record === "unit") rows.units.push({ line: rec.line, row });
    else if (row.record === "cluster") rows.clusters.push({ line: rec.line, row });
    else rows.officers.push({ line: rec.line, row });
  }
  return rows;
}

/** Parents before children (the input has no cycles by now), keeping file order otherwise. */
function parentsFirst(units: OrgUnitRecord[]): OrgUnitRecord[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const done = new Set<string>();
  const out: OrgUnitRecord[] = [];
  const visit = (u: OrgUnitRecord): void => {
    if (done.has(u.code)) return;
    done.add(u.code);
    const parent = u.parentCode !== null ? byCode.get(u.parentCode) : undefined;
    if (parent !== undefined) visit(parent);
    out.push(u);
  };
  units.forEach(visit);
  return out;
}

function toOrgData(rows: ParsedRows): OrgData {
  const units = rows.units.map(({ line, row }) => ({
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentCode: row.parent_code,
    clusterCodes: row.cluster_codes,
    isSample: row.sample,
    line,
  }));
  const clusters = rows.clusters.map(({ line, row }) => ({
    code: row.code,
    name: row.name,
    kind: row.kind,
    leaderUnitCode: row.leader_unit_code,
    memberUnitCodes: units.filter((u) => u.clusterCodes.includes(row.code)).map((u) => u.code),
    isSample: row.sample,
    line,
  }));
  const officers = rows.officers.map(({ line, row }) => ({
    code: row.code,
    name: row.name,
    role: row.role as Role,
    unitCode: row.unit_code,
    phone: row.phone,
    // A cluster leader who names no cluster leads every cluster their unit leads.
    clusterCodes:
      row.role === "cluster_leader" && row.cluster_codes.length === 0
        ? clusters.filter((c) => c.leaderUnitCode === row.unit_code).map((c) => c.code)
        : row.cluster_codes,
    isSample: row.sample,
    line,
  }));
  const all = [...units, ...clusters, ...officers];
  return { units: parentsFirst(units), clusters, officers, isSample: all.length > 0 && all.every((r) => r.isSample) };
}

/**
 * Parses an organisation CSV (header line first; see ORG_CSV_COLUMNS).
 * @throws OrgCsvError listing every bad line when any line is bad; nothing is returned then.
 */
export function parseOrgCsv(text: string, sourceName: string): OrgData {
  const issues: OrgCsvIssue[] = [];
  const { records, errors } = readCsv(text);
  for (const e of errors) issues.push({ line: e.line, column: null, code: "csv_syntax", message: e.message });
  const [headerRecord, ...dataRecords] = records;
  const header = readHeader(headerRecord, issues);
  if (headerRecord !== undefined && dataRecords.length === 0) {
    issues.push({ line: headerRecord.line, column: null, code: "no_rows", message: "No data rows after the header" });
  }
  if (issues.some((i) => i.code === "header" || i.code === "no_rows")) throw new OrgCsvError(sourceName, issues);
  const rows = parseRows(dataRecords, header, issues);
  issues.push(...checkOrgLinks(rows));
  if (issues.length > 0) throw new OrgCsvError(sourceName, [...issues].sort((a, b) => a.line - b.line));
  return toOrgData(rows);
}

/**
 * Reads and parses an organisation CSV file (UTF-8, with or without BOM).
 * @throws OrgCsvError when the file cannot be read or has bad lines.
 */
export async function loadOrgCsv(path: string): Promise<OrgData> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "unknown error";
    throw new OrgCsvError(path, [{ line: 0, column: null, code: "no_rows", message: `Cannot read the file (${code})` }]);
  }
  return parseOrgCsv(text, path);
}
