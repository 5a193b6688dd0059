import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotHarness } from "../../helpers/bot-harness";
import { testDbKinds } from "../../helpers/test-db";
import { buildAdminApi } from "../../../src/app/admin-api";
import { createApp } from "../../../src/http/create-app";
import { createLogger } from "../../../src/shared/logger";
import { createPledgeService } from "../../../src/domain/registration/pledge-service";
import { createRegistrationService } from "../../../src/domain/registration/registration-service";
import { createPrismaPledgeRepository, createPrismaRegistrationRepository } from "../../../src/storage/prisma-registration-repository";
import { createRegistrationHarness } from "./registration-fixtures";

const TOKEN = "admin-token-registration-test";

describe.each(testDbKinds())("registration admin API and export on %s", (kind) => {
  let h: BotHarness;
  let server: Server;
  let base = "";
  const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });

  beforeAll(async () => {
    h = await createRegistrationHarness(kind);
    const { org, db, audit } = h.runtime;
    const campaign = h.runtime.campaigns.current()!;
    const officer = (unit: string, role: string) => org.listOfficers().find((o) => o.unitId === org.unitByCode(unit)!.id && o.role === role)!;
    const repo = createPrismaRegistrationRepository(db);
    const regs = createRegistrationService({ repo, audit });
    const ref = { id: campaign.id, year: 2021, deadlineAt: new Date("2021-03-15T10:00:00Z") };
    const titles = { regimeYear: 2003 as const, unitKind: "district" as const, planTitles: [] };
    const sent = await regs.send({
      campaign: ref, unit: org.unitByCode("H-RACHGIA")!, officer: officer("H-RACHGIA", "officer"), reason: null, titles, now: h.clock.now(),
      content: {
        titles: ["tap_the_lao_dong_xuat_sac", "co_thi_dua_cap_tinh"],
        commitments: [{ indicatorCode: "budget_revenue", value: 3200, measure: "tỷ đồng" }],
        individuals: [{ name: "Nguyễn Văn An", titleId: "lao_dong_tien_tien" }, { name: "Trần Thị Bình", titleId: "chien_si_thi_dua_co_so" }],
      },
    });
    expect(sent).toMatchObject({ ok: true, status: "pending" });
    if (sent.ok) await regs.approve({ campaign: ref, registrationId: sent.registration.id, officer: officer("H-RACHGIA", "unit_head"), now: h.clock.now() });
    // Hà Tiên's draft waits for its head; Sở Tư pháp has not registered.
    await regs.send({ campaign: ref, unit: org.unitByCode("H-HATIEN")!, officer: officer("H-HATIEN", "officer"), reason: null, titles, now: h.clock.now(), content: { titles: ["tap_the_lao_dong_tien_tien"], commitments: [], individuals: [] } });
    const pledges = createPledgeService({ repo: createPrismaPledgeRepository(db), audit });
    const cluster = org.clusterByCode("CUM-1")!;
    const opened = await pledges.open({ campaignId: campaign.id, cluster, officer: officer("H-RACHGIA", "cluster_leader"), commitments: ["Hoàn thành 100% chỉ tiêu được giao"], now: h.clock.now() });
    if (opened.ok) await pledges.sign({ pledgeId: opened.pledge.id, cluster, officer: officer("H-RACHGIA", "unit_head"), now: h.clock.now() });

    const app = createApp({ logger: createLogger({ level: "silent" }), adminToken: TOKEN, webhooks: [], adminApi: buildAdminApi(h.runtime), health: async () => ({ db: "ok", channels: {} }) });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await h.close();
  });

  it("lists unit and individual registrations with status, version, receipt and who/when", async () => {
    const res = await get("/campaigns/kg-2021/registrations");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body.summary).toEqual({ required: 3, registered: 1, pending: 1, missing: 2 });
    const rg = body.units.find((u: any) => u.unit.code === "H-RACHGIA");
    expect(rg).toMatchObject({ status: "submitted", version: 1, receiptNo: "DK-2021-0001", draftedBy: { name: "Lê Văn Cán" }, decidedBy: { name: "Phạm Thủ Trưởng" } });
    expect(rg.titles.map((t: any) => t.name)).toEqual(["Tập thể lao động xuất sắc", "Cờ thi đua của UBND tỉnh"]);
    expect(rg.commitments).toEqual([{ indicator: "budget_revenue", name: "Tổng thu ngân sách trên địa bàn", value: 3200, measure: "tỷ đồng" }]);
    expect(typeof rg.submittedAt).toBe("string");
    expect(body.units.find((u: any) => u.unit.code === "H-HATIEN")).toMatchObject({ status: "pending", version: 1, receiptNo: null });
    expect(body.individuals).toEqual([
      expect.objectContaining({ unit: "H-RACHGIA", name: "Nguyễn Văn An", title: { id: "lao_dong_tien_tien", name: "Lao động tiên tiến" }, status: "submitted", receiptNo: "DK-2021-0001" }),
      expect.objectContaining({ name: "Trần Thị Bình", title: { id: "chien_si_thi_dua_co_so", name: "Chiến sĩ thi đua cơ sở" } }),
    ]);
    expect(body.pledges[0]).toMatchObject({ cluster: { code: "CUM-1" }, status: "open", missing: ["H-HATIEN"] });
    expect(body.units.some((u: any) => u.unit.code === "BAN-TDKT")).toBe(false);
  });

  it("lists the units that have not registered yet", async () => {
    const body = (await (await get("/campaigns/kg-2021/registrations/missing")).json()) as Record<string, any>;
    expect(body.units.map((u: any) => [u.code, u.status])).toEqual([["H-HATIEN", "pending"], ["S-TUPHAP", "none"]]);
    expect(body.pastDeadline).toBe(false);
    expect((await get("/campaigns/nope/registrations/missing")).status).toBe(404);
    expect((await fetch(`${base}/campaigns/kg-2021/registrations`)).status).toBe(401);
  });

  it("exports an XLSX a provincial office would file: units, then pledges, individuals and targets, Vietnamese intact", async () => {
    const res = await get("/campaigns/kg-2021/registrations/export?format=xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("dang-ky-thi-dua-kg-2021.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Đăng ký", "Giao ước", "Cá nhân", "Chỉ tiêu"]);
    const text = (name: string) => {
      const out: string[] = [];
      wb.getWorksheet(name)!.eachRow((row) => row.eachCell((c) => out.push(String(c.value instanceof Date ? c.value.toISOString() : c.value))));
      return out;
    };
    const units = text("Đăng ký");
    expect(units).toContain("UBND TỈNH KIÊN GIANG");
    expect(units).toContain("TỔNG HỢP ĐĂNG KÝ THI ĐUA VÀ KÝ KẾT GIAO ƯỚC THI ĐUA NĂM 2021");
    expect(units).toContain("Đơn vị");
    expect(units).toContain("Cụm thi đua số 1 (mẫu)");
    expect(units).toContain("UBND thành phố Rạch Giá");
    expect(units).toContain("Tập thể lao động xuất sắc; Cờ thi đua của UBND tỉnh");
    expect(units).toContain("DK-2021-0001");
    expect(units).toContain("Phiên bản 1 chờ thủ trưởng duyệt");
    expect(units).toContain("Sở Tư pháp");
    const pledges = text("Giao ước");
    expect(pledges).toContain("Cụm thi đua số 1 (mẫu) – đã ký 1/2");
    expect(pledges).toContain("Phạm Thủ Trưởng");
    expect(pledges).toContain("Chưa ký");
    expect(text("Cá nhân")).toEqual(expect.arrayContaining(["Nguyễn Văn An", "Lao động tiên tiến", "Trần Thị Bình", "Chiến sĩ thi đua cơ sở"]));
    expect(text("Chỉ tiêu")).toEqual(expect.arrayContaining(["Tổng thu ngân sách trên địa bàn", "tỷ đồng", "3200", "11560"]));
  });

  it("exports CSV with a BOM and the same Vietnamese text", async () => {
    const res = await get("/campaigns/kg-2021/registrations/export?format=csv");
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(csv).toContain("UBND thành phố Rạch Giá");
    expect(csv).toContain("TỔNG HỢP KÝ KẾT GIAO ƯỚC THI ĐUA CỤM, KHỐI NĂM 2021");
    expect(csv.match(/\uFEFF/g)).toHaveLength(1);
    expect((await get("/campaigns/kg-2021/registrations/export?format=pdf")).status).toBe(400);
  });

  it("a signature after the pledge deadline (31/03 17:00) is accepted and shown as late in the API and the export", async () => {
    const { org, db, audit } = h.runtime;
    const campaign = h.runtime.campaigns.current()!;
    const cluster = org.clusterByCode("CUM-1")!;
    const head = org.listOfficers().find((o) => o.unitId === org.unitByCode("H-HATIEN")!.id && o.role === "unit_head")!;
    const pledgeRepo = createPrismaPledgeRepository(db);
    const pledge = (await pledgeRepo.find(campaign.id, cluster.id))!;
    const signed = await createPledgeService({ repo: pledgeRepo, audit }).sign({ pledgeId: pledge.id, cluster, officer: head, now: new Date("2021-04-02T09:00:00+07:00") });
    expect(signed).toMatchObject({ ok: true, complete: true });
    const body = (await (await get("/campaigns/kg-2021/registrations")).json()) as Record<string, any>;
    const late = Object.fromEntries(body.pledges[0].signatures.map((s: any) => [s.unit, s.late]));
    expect(late).toEqual({ "H-RACHGIA": false, "H-HATIEN": true });
    const csv = await (await get("/campaigns/kg-2021/registrations/export?format=csv")).text();
    expect(csv).toContain("Đã ký (trễ hạn)");
    expect(csv.match(/Đã ký \(trễ hạn\)/g)).toHaveLength(1);
  });
});
