/**
 * @module (c) Registrations (đăng ký thi đua) and pledges (ký kết giao ước) as a table, one row per unit.
 */
import { localDay, reportFrame } from "./report-table";
import type { ReportColumn, ReportContext, ReportRow, ReportTable } from "./report-table";

/** One unit's registration and pledge state, as the caller reads it from storage. */
export interface RegistrationRow {
  unitId: string;
  unitName: string;
  /** Cluster/block name; rows are printed in sections by cluster when given (sort them by cluster first). */
  clusterName?: string;
  /** When the registration was submitted; null = not registered. */
  registeredAt: Date | null;
  /** Titles registered for (danh hiệu đăng ký), e.g. "Cờ thi đua của UBND tỉnh". */
  titles: readonly string[];
  /** Receipt number sent back to the unit. */
  receiptNo?: string | null;
  /** When the unit head signed the cluster's pledge; null = not signed. */
  pledgeSignedAt: Date | null;
  signedBy?: string | null;
  note?: string | null;
}

function columns(ctx: ReportContext): ReportColumn[] {
  const h = (k: string) => ctx.t(`board.export.col.${k}`);
  return [
    { header: h("no"), format: "integer", width: 6, align: "center" },
    { header: h("unit"), format: "text", width: 34 },
    { header: h("registrationStatus"), format: "text", width: 15 },
    { header: h("registeredAt"), format: "date", width: 13, align: "center" },
    { header: h("titles"), format: "text", width: 34 },
    { header: h("receiptNo"), format: "text", width: 13, align: "center" },
    { header: h("pledgeSignedAt"), format: "date", width: 13, align: "center" },
    { header: h("signedBy"), format: "text", width: 22 },
    { header: h("note"), format: "text", width: 24 },
  ];
}

/** (c) Registrations and pledges of a campaign year. */
export function registrationTable(p: { rows: readonly RegistrationRow[]; year: number; ctx: ReportContext }): ReportTable {
  const { ctx } = p;
  const rows: ReportRow[] = [];
  let cluster: string | undefined;
  p.rows.forEach((r, i) => {
    if (r.clusterName && r.clusterName !== cluster) {
      cluster = r.clusterName;
      rows.push({ kind: "section", cells: [r.clusterName] });
    }
    rows.push({
      cells: [
        i + 1,
        r.unitName,
        ctx.t(r.registeredAt ? "board.export.registered" : "board.export.notRegistered"),
        r.registeredAt ? localDay(r.registeredAt, ctx.timeZone) : null,
        r.titles.join("; "),
        r.receiptNo ?? null,
        r.pledgeSignedAt ? localDay(r.pledgeSignedAt, ctx.timeZone) : null,
        r.signedBy ?? null,
        r.note ?? null,
      ],
    });
  });
  return {
    sheetName: String(p.year),
    ...reportFrame(ctx, ctx.t("board.export.registrationTitle", { year: p.year }), null),
    columns: columns(ctx),
    rows,
  };
}
