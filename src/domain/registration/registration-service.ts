/**
 * @module Use cases of đăng ký thi đua: send a draft (to the unit head, or straight in for a head or the board),
 * approve, reject. Enforces the rules (deadline, reason for changes, valid titles, who decides) and writes the
 * audit log; the conversation layer only talks. Time is a parameter.
 */
import type { Officer, Unit } from "../organisation/organisation";
import {
  canApprove, canDraftFor, canReject, currentRegistration, isPastDeadline, isSelfApproving, mustRegister, receiptPrefix,
  sameContent, type Registration, type RegistrationContent,
} from "./registration";
import type { AuditSink, RegistrationRepository } from "./registration-repository";
import { checkTitle, type TitleContext, type TitleProblem } from "./title-catalog";

/** The campaign as the use cases need it. */
export interface CampaignRef {
  id: string;
  year: number;
  /** When registration closes; null when the plan sets no date. */
  deadlineAt: Date | null;
}

/**
 * Why a use case refused; each maps to `registration.error.<code>`:
 * late – past the registration deadline and the actor is not the board; reason_required – a change after
 * submission (or a rejection) without a reason; no_titles – nothing registered; no_change – a change identical to
 * the version in force; forbidden – the actor may not act for this unit; not_pending – the version was already
 * decided or replaced; not_found – no such version; not_applicable – the unit does not register (the board).
 */
export type RegistrationErrorCode =
  | "late" | "reason_required" | "no_titles" | "no_change" | "forbidden" | "not_pending" | "not_found" | "not_applicable"
  | TitleProblem;

export type SendOutcome =
  | { ok: true; status: "pending"; registration: Registration }
  | { ok: true; status: "submitted"; registration: Registration; superseded: Registration | null; late: boolean }
  | { ok: false; code: RegistrationErrorCode; registration?: Registration; titleId?: string };

export type RejectOutcome = { ok: true; registration: Registration } | { ok: false; code: RegistrationErrorCode; registration?: Registration };

export const MIN_REASON_LENGTH = 3;

const actor = (o: Officer) => `officer:${o.id}`;
const snapshot = (r: Registration) => ({ version: r.version, status: r.status, receiptNo: r.receiptNo, titles: r.titles, commitments: r.commitments, individuals: r.individuals });

/** The first title of the content that is not valid for the unit, regime and plan. */
export function invalidTitle(content: RegistrationContent, ctx: TitleContext): { problem: TitleProblem; titleId: string } | null {
  for (const id of content.titles) {
    const c = checkTitle(id, "collective", ctx);
    if (!c.ok) return { problem: c.problem, titleId: id };
  }
  for (const p of content.individuals) {
    const c = checkTitle(p.titleId, "individual", ctx);
    if (!c.ok) return { problem: c.problem, titleId: p.titleId };
  }
  return null;
}

export function createRegistrationService(deps: { repo: RegistrationRepository; audit: AuditSink }) {
  const { repo, audit } = deps;

  async function accept(campaign: CampaignRef, reg: Registration, officer: Officer, now: Date): Promise<SendOutcome> {
    const res = await repo.submit({ id: reg.id, decidedBy: officer.id, at: now, receiptPrefix: receiptPrefix(campaign.year) });
    if (!res) return { ok: false, code: "not_pending" };
    const late = isPastDeadline(campaign.deadlineAt, now);
    const action = late ? "registration.late_accepted" : res.superseded ? "registration.changed" : "registration.submitted";
    await audit.append({
      actor: actor(officer), action, entity: "Registration", entityId: res.registration.id,
      before: res.superseded ? snapshot(res.superseded) : undefined, after: snapshot(res.registration), reason: res.registration.reason ?? undefined,
    });
    return { ok: true, status: "submitted", registration: res.registration, superseded: res.superseded, late };
  }

  return {
    /**
     * Sends a draft: stored as a pending version for the unit head, or accepted at once when the sender is the
     * unit head or the board. A unit with a registration in force needs a reason to change it.
     */
    async send(p: { campaign: CampaignRef; unit: Unit; officer: Officer; content: RegistrationContent; reason: string | null; titles: TitleContext; now: Date }): Promise<SendOutcome> {
      const { campaign, unit, officer, content, now } = p;
      if (!canDraftFor(officer, unit.id)) return { ok: false, code: "forbidden" };
      if (!mustRegister(unit)) return { ok: false, code: "not_applicable" };
      if (isPastDeadline(campaign.deadlineAt, now) && officer.role !== "board") return { ok: false, code: "late" };
      if (content.titles.length === 0) return { ok: false, code: "no_titles" };
      const bad = invalidTitle(content, p.titles);
      if (bad) return { ok: false, code: bad.problem, titleId: bad.titleId };
      const current = currentRegistration(await repo.listUnitHistory(campaign.id, unit.id));
      const reason = p.reason?.trim() || null;
      if (current && (!reason || reason.length < MIN_REASON_LENGTH)) return { ok: false, code: "reason_required", registration: current };
      if (current && sameContent(current, content)) return { ok: false, code: "no_change", registration: current };
      const pending = await repo.createPending({ campaignId: campaign.id, unitId: unit.id, content, draftedBy: officer.id, reason }, now);
      await audit.append({ actor: actor(officer), action: "registration.drafted", entity: "Registration", entityId: pending.id, after: snapshot(pending), reason: reason ?? undefined });
      if (isSelfApproving(officer, unit.id)) return accept(campaign, pending, officer, now);
      return { ok: true, status: "pending", registration: pending };
    },

    /** The unit head (before the deadline) or the board approves a pending version; a receipt is issued. */
    async approve(p: { campaign: CampaignRef; registrationId: string; officer: Officer; now: Date }): Promise<SendOutcome> {
      const reg = await repo.findById(p.registrationId);
      if (!reg || reg.campaignId !== p.campaign.id) return { ok: false, code: "not_found" };
      if (reg.status !== "pending") return { ok: false, code: "not_pending", registration: reg };
      const past = isPastDeadline(p.campaign.deadlineAt, p.now);
      if (!canApprove(p.officer, reg, past)) return { ok: false, code: past && canReject(p.officer, reg) ? "late" : "forbidden", registration: reg };
      return accept(p.campaign, reg, p.officer, p.now);
    },

    /** The unit head or the board rejects a pending version, with a reason the drafter will read. */
    async reject(p: { campaignId: string; registrationId: string; officer: Officer; reason: string; now: Date }): Promise<RejectOutcome> {
      const reg = await repo.findById(p.registrationId);
      if (!reg || reg.campaignId !== p.campaignId) return { ok: false, code: "not_found" };
      if (reg.status !== "pending") return { ok: false, code: "not_pending", registration: reg };
      if (!canReject(p.officer, reg)) return { ok: false, code: "forbidden", registration: reg };
      const reason = p.reason.trim();
      if (reason.length < MIN_REASON_LENGTH) return { ok: false, code: "reason_required", registration: reg };
      const done = await repo.reject({ id: reg.id, decidedBy: p.officer.id, reason, at: p.now });
      if (!done) return { ok: false, code: "not_pending", registration: reg };
      await audit.append({ actor: actor(p.officer), action: "registration.rejected", entity: "Registration", entityId: reg.id, before: snapshot(reg), after: snapshot(done), reason });
      return { ok: true, registration: done };
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
