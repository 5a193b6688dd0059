/**
 * @module The organisation CSV header and the zod schema of one row. One header serves three record types
 * (unit, cluster, officer); a column that does not apply to a record type must be left empty, which catches
 * rows shifted by a missing comma. Documented in prisma/seed/README.md.
 */
import { z } from "zod";
import { ROLES } from "../domain/organisation/organisation.js";
import { cleanText } from "../shared/text.js";

/** Every column the file may have, in the recommended order. Only record, code and name are required. */
export const ORG_CSV_COLUMNS = [
  "record",
  "code",
  "name",
  "kind",
  "parent_code",
  "cluster_codes",
  "leader_unit_code",
  "role",
  "unit_code",
  "phone",
  "sample",
  "note",
] as const;
export type OrgCsvColumn = (typeof ORG_CSV_COLUMNS)[number];
export const REQUIRED_ORG_CSV_COLUMNS: readonly OrgCsvColumn[] = ["record", "code", "name"];

const UNIT_KINDS = ["department", "district", "commune", "enterprise", "board", "other"] as const;
const CLUSTER_KINDS = ["cum", "khoi"] as const;

/** Codes are short ASCII; written in any case, stored upper-case ("h-rachgia" → "H-RACHGIA"). */
const code = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, "Expected a short ASCII code (A-Z, 0-9, - or _; at most 40)"));

const optionalCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.union([z.literal(""), z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, "Expected a short ASCII code")]))
  .transform((s) => (s === "" ? null : s));

/** "CUM-1; KHOI-TH" or "CUM-1|KHOI-TH" → ["CUM-1", "KHOI-TH"]. */
const codeList = z
  .string()
  .transform((s) => s.split(/[;|]/).map((x) => x.trim().toUpperCase()).filter((x) => x !== ""))
  .pipe(z.array(z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, "Expected codes separated by ; or |")))
  .transform((list) => [...new Set(list)]);

const name = z
  .string()
  .transform(cleanText)
  .pipe(z.string().min(1, "Must not be empty").max(200, "At most 200 characters"));

const empty = (what: string) => z.string().max(0, `Must be empty on ${what} rows`);

const TRUE = ["true", "yes", "1", "x", "có", "co"];
const FALSE = ["", "false", "no", "0", "không", "khong"];
const sample = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => TRUE.includes(s) || FALSE.includes(s), "Expected true/false (or yes/no, 1/0)")
  .transform((s) => TRUE.includes(s));

/** Vietnamese phone: 0xxxxxxxxx or +84xxxxxxxxx (spaces, dots, dashes allowed) → "0xxxxxxxxx"; empty → null. */
const phone = z
  .string()
  .transform((s) => s.replace(/[\s.\-()]/g, ""))
  .refine((s) => s === "" || /^(0|\+?84)\d{9}$/.test(s), "Expected a Vietnamese phone number (0xxxxxxxxx or +84xxxxxxxxx)")
  .transform((s) => (s === "" ? null : s.replace(/^\+?84/, "0")));

const common = { code, name, sample, note: z.string() };

const unitRow = z.object({
  record: z.literal("unit"),
  ...common,
  kind: z.enum(UNIT_KINDS, { errorMap: () => ({ message: `Expected one of ${UNIT_KINDS.join(", ")}` }) }),
  parent_code: optionalCode,
  cluster_codes: codeList,
  leader_unit_code: empty("unit"),
  role: empty("unit"),
  unit_code: empty("unit"),
  phone: empty("unit"),
});

const clusterRow = z.object({
  record: z.literal("cluster"),
  ...common,
  kind: z.enum(CLUSTER_KINDS, { errorMap: () => ({ message: "Expected cum (cụm: districts) or khoi (khối: sectors)" }) }),
  parent_code: empty("cluster"),
  cluster_codes: empty("cluster"),
  leader_unit_code: optionalCode,
  role: empty("cluster"),
  unit_code: empty("cluster"),
  phone: empty("cluster"),
});

const officerRow = z.object({
  record: z.literal("officer"),
  ...common,
  kind: empty("officer"),
  parent_code: empty("officer"),
  cluster_codes: codeList,
  leader_unit_code: empty("officer"),
  role: z.enum(ROLES as [string, ...string[]], { errorMap: () => ({ message: `Expected one of ${ROLES.join(", ")}` }) }),
  unit_code: code,
  phone,
});

/** One row, already split by header name; absent optional columns arrive as "". */
export const orgCsvRowSchema = z.discriminatedUnion("record", [unitRow, clusterRow, officerRow], {
  errorMap: (issue, ctx) =>
    issue.code === "invalid_union_discriminator" ? { message: "Expected record to be unit, cluster or officer" } : { message: ctx.defaultError },
});

export type OrgCsvRow = z.infer<typeof orgCsvRowSchema>;
export type OrgCsvUnitRow = z.infer<typeof unitRow>;
export type OrgCsvClusterRow = z.infer<typeof clusterRow>;
export type OrgCsvOfficerRow = z.infer<typeof officerRow>;
