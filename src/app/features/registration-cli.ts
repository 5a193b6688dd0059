/**
 * @module `report registrations --campaign <code> [--format xlsx|csv] [--out <file>]`: the registrations and pledges
 * export the board files (the same workbook as the dashboard and the admin API), written to a file, with a one-line
 * summary of who has registered and signed.
 */
import { writeFile } from "node:fs/promises";
import { EXPORT_CONTENT_TYPES } from "../../reports/export-report";
import { exportRegistrationWorkbook } from "../../reports/registration-export";
import { systemClock } from "../../shared/clock";
import { createPrismaCampaignCatalog } from "../../storage/prisma-campaign-repository";
import { createPrismaOrgDirectory } from "../../storage/prisma-org-directory";
import type { CliCommand } from "../feature";
import { flag } from "../cli-flags";
import { exportInput, loadRegistrationBoard, registrationsJson } from "./registration-board";

const USAGE = "usage: report registrations --campaign <code> [--format xlsx|csv] [--out <file>]";

export const reportRegistrationsCommand: CliCommand = async ({ db, config, print }, args) => {
  const code = flag(args, "campaign");
  const format = flag(args, "format") ?? "xlsx";
  if (!code) throw new Error(USAGE);
  if (format !== "xlsx" && format !== "csv") throw new Error(`--format must be xlsx or csv. ${USAGE}`);
  const campaign = (await createPrismaCampaignCatalog(db)).byCode(code);
  if (!campaign) throw new Error(`unknown campaign ${code} (see: plan list)`);
  const board = await loadRegistrationBoard({ db, org: await createPrismaOrgDirectory(db), timeZone: config.timeZone }, campaign);
  const bytes = await exportRegistrationWorkbook(exportInput(board, systemClock.now(), config.timeZone), format);
  const out = flag(args, "out") ?? `dang-ky-thi-dua-${campaign.code}.${EXPORT_CONTENT_TYPES[format].extension}`;
  await writeFile(out, bytes);
  const { summary, pledges } = registrationsJson(board);
  const signed = pledges.map((p) => `${p.cluster.code} ${p.signatures.length}/${p.signatures.length + p.missing.length}`).join(", ");
  print(`${out}: registered ${summary.registered}/${summary.required}, awaiting the head ${summary.pending}, not registered ${summary.missing}; pledges signed: ${signed || "none opened"}`);
};
