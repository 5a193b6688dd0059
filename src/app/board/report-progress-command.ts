/**
 * @module `report progress --campaign <code> --period <P> [--by indicator|unit] [--format text|csv|xlsx]
 * [--out <file>]`: the progress report from the command line. `text` prints an aligned table; csv goes to stdout
 * unless `--out` is given; xlsx needs a file (default name in the working directory).
 */
import { writeFile } from "node:fs/promises";
import { createTranslator } from "../../i18n/i18n";
import { BoardError } from "../../domain/board/board-error";
import { progressByIndicatorTable, progressByUnitTable } from "../../reports/progress-tables";
import { systemClock } from "../../shared/clock";
import { createPrismaCampaignCatalog } from "../../storage/prisma-campaign-repository";
import { createPrismaOrgDirectory } from "../../storage/prisma-org-directory";
import { createPrismaAuditLog } from "../../storage/prisma-audit-log";
import type { CliCommand } from "../feature";
import { flag } from "../cli-flags";
import { boardAppFor } from "./board-app";
import { reportContext, reportUnits } from "./board-reports";
import { renderTextTable } from "./text-table";

const USAGE = "usage: report progress --campaign <code> --period <P> [--by indicator|unit] [--format text|csv|xlsx] [--out <file>]";


/** Reads and checks the flags; throws with the usage line on a bad value. */
export function readReportFlags(args: string[]) {
  const campaign = flag(args, "campaign");
  const period = flag(args, "period");
  const format = flag(args, "format") ?? "text";
  const by = flag(args, "by") ?? "indicator";
  if (!campaign || !period) throw new Error(USAGE);
  if (!["text", "csv", "xlsx"].includes(format)) throw new Error(`--format must be text, csv or xlsx. ${USAGE}`);
  if (by !== "indicator" && by !== "unit") throw new Error(`--by must be indicator or unit. ${USAGE}`);
  return { campaign, period, format: format as "text" | "csv" | "xlsx", by: by as "indicator" | "unit", out: flag(args, "out") };
}

/** The CLI command (registered by the board feature). */
export const reportProgressCommand: CliCommand = async ({ db, config, print }, args) => {
  const f = readReportFlags(args);
  const campaigns = await createPrismaCampaignCatalog(db);
  const campaign = campaigns.byCode(f.campaign);
  if (!campaign) throw new Error(`unknown campaign ${f.campaign} (see: plan list)`);
  const org = await createPrismaOrgDirectory(db);
  const board = boardAppFor({ db, org, campaigns, audit: createPrismaAuditLog(db), timeZone: config.timeZone });
  const at = systemClock.now();
  try {
    if (f.format === "text") {
      const view = await board.service.progress(campaign, { period: f.period, at });
      const t = createTranslator("vi");
      const ctx = reportContext(campaign, at, t, config.timeZone);
      const table = f.by === "indicator"
        ? progressByIndicatorTable({ rows: view.snapshot.province, indicators: campaign.indicators, period: view.period, ctx })
        : progressByUnitTable({ rows: view.snapshot.units, indicators: campaign.indicators, units: reportUnits(view.units, org.listClusters()), period: view.period, ctx });
      const text = renderTextTable(table);
      if (f.out) await writeFile(f.out, `${text}\n`);
      else print(text);
      return;
    }
    const file = await board.exportProgress(campaign, { period: f.period, at, by: f.by, format: f.format });
    if (f.format === "csv" && !f.out) return print(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, "").trimEnd());
    const out = f.out ?? file.filename;
    await writeFile(out, file.bytes);
    print(`written ${out} (${file.bytes.byteLength} bytes)`);
  } catch (err) {
    if (err instanceof BoardError) throw new Error(err.message);
    throw err;
  }
};
