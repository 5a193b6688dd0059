/** `report registrations` (operator CLI): the board's workbook written to a file, a summary line, clear errors. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportRegistrationsCommand } from "../../../src/app/features/registration-cli";
import { cliRunner } from "../../helpers/cli-runner";
import { createRegistrationService } from "../../../src/domain/registration/registration-service";
import { createPrismaRegistrationRepository } from "../../../src/storage/prisma-registration-repository";
import type { BotHarness } from "../../helpers/bot-harness";
import { createRegistrationHarness } from "./registration-fixtures";

describe("report registrations", () => {
  let h: BotHarness;
  let dir: string;
  let run: (...args: string[]) => Promise<string>;

  beforeAll(async () => {
    h = await createRegistrationHarness("sqlite");
    dir = mkdtempSync(path.join(tmpdir(), "thidua-registrations-"));
    run = cliRunner(h, reportRegistrationsCommand);
    const { org, db, audit } = h.runtime;
    const officer = org.listOfficers().find((o) => o.unitId === org.unitByCode("H-HATIEN")!.id && o.role === "officer")!;
    await createRegistrationService({ repo: createPrismaRegistrationRepository(db), audit }).send({
      campaign: { id: h.runtime.campaigns.current()!.id, year: 2021, deadlineAt: null }, unit: org.unitByCode("H-HATIEN")!, officer, reason: null,
      titles: { regimeYear: 2003, unitKind: "district", planTitles: [] }, now: h.clock.now(),
      content: { titles: ["tap_the_lao_dong_tien_tien"], commitments: [], individuals: [{ name: "Lê Thị Cúc", titleId: "lao_dong_tien_tien" }] },
    });
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await h?.close();
  });

  it("writes the workbook and prints who has registered and signed", async () => {
    const file = path.join(dir, "dk.xlsx");
    const line = await run("--campaign", "kg-2021", "--out", file);
    expect(line).toBe(`${file}: registered 0/3, awaiting the head 1, not registered 3; pledges signed: none opened`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Đăng ký", "Giao ước", "Cá nhân", "Chỉ tiêu"]);
    const csvFile = path.join(dir, "dk.csv");
    await run("--campaign", "kg-2021", "--format", "csv", "--out", csvFile);
    expect(readFileSync(csvFile, "utf8")).toContain("UBND thành phố Hà Tiên");
  });

  it("explains bad flags and unknown campaigns", async () => {
    await expect(run()).rejects.toThrow(/usage: report registrations/);
    await expect(run("--campaign", "kg-2021", "--format", "pdf")).rejects.toThrow(/--format must be xlsx or csv/);
    await expect(run("--campaign", "nope")).rejects.toThrow(/unknown campaign nope/);
  });
});
