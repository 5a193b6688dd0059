import { describe, expect, it } from "vitest";
import {
  canApprove, canReject, currentRegistration, deadlineInstant, formatReceiptNo, isPastDeadline, mustRegister, nextReceiptSeq,
  pendingRegistration, receiptPrefix, registrationDeadline, sameContent, type Registration,
} from "../../../src/domain/registration/registration";
import type { Officer } from "../../../src/domain/organisation/organisation";

const reg = (version: number, status: Registration["status"]): Registration => ({
  id: `r${version}`, campaignId: "c", unitId: "u1", version, status, titles: [], commitments: [], individuals: [],
  draftedBy: "o", decidedBy: null, receiptNo: null, reason: null, createdAt: new Date(0), submittedAt: null, supersededAt: null,
});

describe("registration rules", () => {
  it("numbers receipts per campaign year: DK-2021-0007", () => {
    expect(formatReceiptNo(receiptPrefix(2021), 7)).toBe("DK-2021-0007");
    expect(nextReceiptSeq("DK-2021-", [null, "DK-2021-0002", "DK-2021-0010", "DK-2020-0099"])).toBe(11);
    expect(nextReceiptSeq("DK-2021-", [])).toBe(1);
  });

  it("finds the version in force and the one waiting", () => {
    const h = [reg(1, "superseded"), reg(3, "pending"), reg(2, "submitted")];
    expect(currentRegistration(h)?.version).toBe(2);
    expect(pendingRegistration(h)?.version).toBe(3);
    expect(currentRegistration([reg(1, "rejected")])).toBeUndefined();
  });

  it("reads the deadline in the campaign's zone and is late only after it", () => {
    const d = registrationDeadline([{ code: "dk", kind: "registration", title: "", period: null, due: "2021-03-15T17:00", assumed: true }])!;
    const due = deadlineInstant(d, "Asia/Ho_Chi_Minh");
    expect(due.toISOString()).toBe("2021-03-15T10:00:00.000Z");
    expect(isPastDeadline(due, new Date("2021-03-15T10:00:00Z"))).toBe(false);
    expect(isPastDeadline(due, new Date("2021-03-15T10:00:01Z"))).toBe(true);
    expect(isPastDeadline(null, new Date("2030-01-01"))).toBe(false);
  });

  it("the head decides before the deadline, the board always; the board's unit does not register", () => {
    const head: Officer = { id: "h", unitId: "u1", name: "", role: "unit_head", locale: null };
    const board: Officer = { id: "b", unitId: "b", name: "", role: "board", locale: null };
    expect(canApprove(head, { unitId: "u1" }, false)).toBe(true);
    expect(canApprove(head, { unitId: "u1" }, true)).toBe(false);
    expect(canApprove(head, { unitId: "u2" }, false)).toBe(false);
    expect(canApprove(board, { unitId: "u1" }, true)).toBe(true);
    expect(canReject(head, { unitId: "u1" })).toBe(true);
    expect(mustRegister({ kind: "board" })).toBe(false);
    expect(mustRegister({ kind: "commune" }, { unitKinds: ["district"] })).toBe(false);
    expect(mustRegister({ kind: "district" })).toBe(true);
  });

  it("compares contents regardless of order and name case", () => {
    const a = { titles: ["x", "y"], commitments: [{ indicatorCode: "i", value: 1, measure: "%" }], individuals: [{ name: "Nguyễn An", titleId: "t" }] };
    expect(sameContent(a, { ...a, titles: ["y", "x"], individuals: [{ name: "nguyễn an", titleId: "t" }] })).toBe(true);
    expect(sameContent(a, { ...a, commitments: [{ indicatorCode: "i", value: 2, measure: "%" }] })).toBe(false);
  });
});
