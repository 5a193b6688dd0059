import { beforeEach, describe, expect, it } from "vitest";
import type { Officer, Unit } from "../../../src/domain/organisation/organisation";
import { createRegistrationService } from "../../../src/domain/registration/registration-service";
import type { RegistrationContent } from "../../../src/domain/registration/registration";
import { createInMemoryRegistrationRepository, createRecordingAudit } from "./fake-registration-repository";

const unit: Unit = { id: "u1", code: "H-RACHGIA", name: "UBND thành phố Rạch Giá", kind: "district", parentId: null, isSample: true };
const off: Officer = { id: "o1", unitId: "u1", name: "Lê Văn Cán", role: "officer", locale: null };
const head: Officer = { id: "o2", unitId: "u1", name: "Phạm Thủ Trưởng", role: "unit_head", locale: null };
const otherHead: Officer = { id: "o3", unitId: "u2", name: "Đỗ Văn Hải", role: "unit_head", locale: null };
const board: Officer = { id: "o9", unitId: "b", name: "Trần Thị Ban", role: "board", locale: null };
const campaign = { id: "c1", year: 2021, deadlineAt: new Date("2021-03-15T10:00:00Z") };
const titles = { regimeYear: 2003 as const, unitKind: "district" as const, planTitles: [] };
const before = new Date("2021-03-01T02:00:00Z");
const after = new Date("2021-03-16T02:00:00Z");
const content: RegistrationContent = { titles: ["tap_the_lao_dong_xuat_sac"], commitments: [{ indicatorCode: "budget_revenue", value: 3200, measure: "tỷ đồng" }], individuals: [{ name: "Nguyễn Văn An", titleId: "lao_dong_tien_tien" }] };

describe("registration use cases", () => {
  let repo: ReturnType<typeof createInMemoryRegistrationRepository>;
  let audit: ReturnType<typeof createRecordingAudit>;
  let svc: ReturnType<typeof createRegistrationService>;
  beforeEach(() => {
    repo = createInMemoryRegistrationRepository();
    audit = createRecordingAudit();
    svc = createRegistrationService({ repo, audit });
  });
  const send = (officer: Officer, now = before, c = content, reason: string | null = null) => svc.send({ campaign, unit, officer, content: c, reason, titles, now });

  it("a focal officer's draft waits for the head; only the unit's head approves, with a receipt", async () => {
    const sent = await send(off);
    expect(sent).toMatchObject({ ok: true, status: "pending" });
    const id = sent.ok ? sent.registration.id : "";
    expect(await svc.approve({ campaign, registrationId: id, officer: off, now: before })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await svc.approve({ campaign, registrationId: id, officer: otherHead, now: before })).toMatchObject({ ok: false, code: "forbidden" });
    const ok = await svc.approve({ campaign, registrationId: id, officer: head, now: before });
    expect(ok).toMatchObject({ ok: true, status: "submitted", late: false, registration: { receiptNo: "DK-2021-0001", decidedBy: "o2" } });
    expect(await svc.approve({ campaign, registrationId: id, officer: head, now: before })).toMatchObject({ ok: false, code: "not_pending" });
    expect(audit.entries.map((e) => e.action)).toEqual(["registration.drafted", "registration.submitted"]);
  });

  it("a head's own draft is final at once", async () => {
    expect(await send(head)).toMatchObject({ ok: true, status: "submitted", registration: { receiptNo: "DK-2021-0001", draftedBy: "o2", decidedBy: "o2" } });
  });

  it("a change needs a reason and a real difference; the old version is superseded", async () => {
    await send(head);
    expect(await send(off, before, { ...content, titles: ["tap_the_lao_dong_tien_tien"] })).toMatchObject({ ok: false, code: "reason_required" });
    expect(await send(off, before, content, "bổ sung")).toMatchObject({ ok: false, code: "no_change" });
    const changed = await send(head, before, { ...content, titles: ["tap_the_lao_dong_tien_tien"] }, "Điều chỉnh theo nghị quyết");
    expect(changed).toMatchObject({ ok: true, status: "submitted", superseded: { version: 1, status: "superseded" }, registration: { version: 2, receiptNo: "DK-2021-0002" } });
    const last = audit.entries.at(-1)!;
    expect(last).toMatchObject({ action: "registration.changed", reason: "Điều chỉnh theo nghị quyết", before: { version: 1 }, after: { version: 2 } });
  });

  it("after the deadline officers and heads are refused; the board registers and accepts late", async () => {
    expect(await send(off, after)).toMatchObject({ ok: false, code: "late" });
    expect(await send(head, after)).toMatchObject({ ok: false, code: "late" });
    const pending = await send(off, before);
    const id = pending.ok ? pending.registration.id : "";
    expect(await svc.approve({ campaign, registrationId: id, officer: head, now: after })).toMatchObject({ ok: false, code: "late" });
    expect(await svc.approve({ campaign, registrationId: id, officer: board, now: after })).toMatchObject({ ok: true, late: true });
    expect(audit.entries.at(-1)?.action).toBe("registration.late_accepted");
  });

  it("rejection needs a reason the drafter will read", async () => {
    const sent = await send(off);
    const id = sent.ok ? sent.registration.id : "";
    expect(await svc.reject({ campaignId: "c1", registrationId: id, officer: head, reason: " ", now: before })).toMatchObject({ ok: false, code: "reason_required" });
    expect(await svc.reject({ campaignId: "c1", registrationId: id, officer: off, reason: "thiếu", now: before })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await svc.reject({ campaignId: "c1", registrationId: id, officer: head, reason: "Thiếu chỉ tiêu", now: before })).toMatchObject({ ok: true, registration: { status: "rejected", reason: "Thiếu chỉ tiêu" } });
  });

  it("refuses empty or invalid content, another unit's officer and the board's own unit", async () => {
    expect(await send(off, before, { ...content, titles: [] })).toMatchObject({ ok: false, code: "no_titles" });
    expect(await send(off, before, { ...content, titles: ["giay_khen"] })).toMatchObject({ ok: false, code: "title_not_for_unit_kind", titleId: "giay_khen" });
    expect(await send(off, before, { ...content, individuals: [{ name: "A B", titleId: "co_thi_dua_cap_tinh" }] })).toMatchObject({ ok: false, code: "title_not_individual" });
    expect(await send(otherHead)).toMatchObject({ ok: false, code: "forbidden" });
    const boardUnit: Unit = { ...unit, id: "b", kind: "board" };
    expect(await svc.send({ campaign, unit: boardUnit, officer: board, content, reason: null, titles, now: before })).toMatchObject({ ok: false, code: "not_applicable" });
    expect(repo.rows).toHaveLength(0);
  });
});
