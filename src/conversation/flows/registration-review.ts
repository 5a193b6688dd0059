/**
 * @module Sending a registration and deciding it: the drafter sends, the unit head gets the summary with
 * Duyệt / Từ chối (a rejection needs a reason), a receipt number goes to both, the unit's cluster groups get a
 * one-line notice. After the deadline a head's approval is refused and the board is asked instead.
 */
import type { Officer } from "../../domain/organisation/organisation";
import { canReject, type Registration } from "../../domain/registration/registration";
import type { SendOutcome } from "../../domain/registration/registration-service";
import type { TurnContext } from "../turn";
import { boardOfficers, type MessageBuilder } from "./registration-notify";
import { errorText, formatWhen, summaryText } from "./registration-render";
import { showTitles } from "./registration-draft";
import { btn, contentOf, REG_FLOW, scopeFor, setStep, type DraftData, type RegistrationFlowDeps, type RegScope } from "./registration-scope";

type Submitted = Extract<SendOutcome, { status: "submitted" }>;

const nameOf = (ctx: TurnContext, id: string | null) => (id ? (ctx.services.org.officerById(id)?.name ?? "") : "");

export function createRegistrationReview(deps: RegistrationFlowDeps) {
  const { notifier } = deps;

  /** The summary of a pending version with the decision buttons (head: Duyệt; board: Nhận đăng ký). */
  function reviewMessage(ctx: TurnContext, s: RegScope, reg: Registration, forBoard: boolean): MessageBuilder {
    return (t, locale) => {
      const params = { drafter: nameOf(ctx, reg.draftedBy), unit: s.unit.name, year: s.campaign.year, version: reg.version, due: s.dueText };
      const head = t(forBoard ? "registration.review.late_board" : "registration.review.request", params);
      const body = summaryText({ ...s.rc, t, locale }, contentOf(reg), { unit: s.unit.name, year: s.campaign.year, reason: reg.reason });
      const ok = t(forBoard ? "registration.button.accept" : "registration.button.approve");
      return { text: `${head}\n\n${body}`, buttons: [[btn(ok, `${REG_FLOW}:ok:${reg.id}`), btn(t("registration.button.reject"), `${REG_FLOW}:no:${reg.id}`)]] };
    };
  }

  /** Shows a pending version to someone who may decide it (a head opening /dangky, or the board). */
  function showReview(ctx: TurnContext, s: RegScope, reg: Registration): void {
    ctx.reply(reviewMessage(ctx, s, reg, ctx.officer?.role === "board")(ctx.t, ctx.locale));
  }

  async function scopeOfRegistration(ctx: TurnContext, reg: Registration): Promise<RegScope | null> {
    const campaign = ctx.services.campaigns.list().find((c) => c.id === reg.campaignId);
    const unit = ctx.services.org.unitById(reg.unitId);
    return campaign && unit ? scopeFor(ctx, deps, campaign, unit) : null;
  }

  /** Receipt to the actor and the drafter (and the unit's officers when the board decided), notice to the groups. */
  async function announce(ctx: TurnContext, s: RegScope, out: Submitted): Promise<void> {
    const reg = out.registration;
    const actor = ctx.officer as Officer;
    const params = { unit: s.unit.name, year: s.campaign.year, receipt: reg.receiptNo ?? "", version: reg.version, by: actor.name, when: formatWhen(reg.submittedAt ?? ctx.now, s.rc.timeZone), old: out.superseded?.receiptNo ?? "" };
    const kind = out.superseded ? "changed" : "submitted";
    ctx.reply(ctx.t(`registration.receipt.actor_${kind}`, params));
    const o = { key: `dk:receipt:${reg.id}`, kind: "registration_receipt", now: ctx.now, campaignId: s.campaign.id };
    const build: MessageBuilder = (t) => ({ text: t(`registration.receipt.drafter_${kind}`, params) });
    if (reg.draftedBy !== actor.id) await notifier.toOfficer(reg.draftedBy, build, o);
    if (actor.role === "board") await notifier.toUnitOfficers(s.unit.id, ["unit_head", "officer", "cluster_leader"], build, o, [reg.draftedBy, actor.id]);
    const clusters = ctx.services.org.clustersOfUnit(s.unit.id).map((c) => c.id);
    await notifier.toClusterGroups(clusters, (t) => ({ text: t(`registration.group.${kind}`, params) }), { ...o, key: `dk:group:${reg.id}`, kind: "registration_notice" });
  }

  /** Asks the unit's heads to decide a pending version; returns the heads reached. */
  async function askHeads(ctx: TurnContext, s: RegScope, reg: Registration): Promise<Officer[]> {
    const o = { key: `dk:review:${reg.id}`, kind: "registration_review", now: ctx.now, campaignId: s.campaign.id };
    return notifier.toUnitOfficers(s.unit.id, ["unit_head"], reviewMessage(ctx, s, reg, false), o, [ctx.officer?.id ?? ""]);
  }

  /** The refusal of a use case, as a message (and, for title problems, back to the titles step). */
  function refuse(ctx: TurnContext, s: RegScope, out: Extract<SendOutcome, { ok: false }>, d?: DraftData): void {
    ctx.reply(errorText(s.rc, out.code, { titleId: out.titleId, unitKind: s.unit.kind, regimeYear: s.campaign.regimeYear, due: s.dueText }));
    if (d && (out.code === "no_titles" || out.code.startsWith("title_") || out.code === "unknown_title")) showTitles(ctx, s, d);
    else if (d && out.code === "reason_required") setStep(ctx, "change_reason", { ...d, isChange: true });
    else if (out.code !== "no_change") ctx.setSession(null);
  }

  return {
    showReview,

    /** "Gửi": stores the draft; a focal officer's goes to the head, a head's or the board's is final at once. */
    async send(ctx: TurnContext, s: RegScope, d: DraftData): Promise<void> {
      const out = await deps.registrations.send({ campaign: s.ref, unit: s.unit, officer: ctx.officer as Officer, content: contentOf(d), reason: d.reason, titles: s.titles, now: ctx.now });
      if (!out.ok) return refuse(ctx, s, out, d);
      ctx.setSession(null);
      if (out.status === "submitted") return announce(ctx, s, out);
      const heads = await askHeads(ctx, s, out.registration);
      const key = heads.length ? "registration.sent.to_heads" : "registration.sent.no_head";
      ctx.reply(ctx.t(key, { heads: heads.map((h) => h.name).join(", "), version: out.registration.version }));
    },

    /** "Duyệt" / "Nhận đăng ký". */
    async approve(ctx: TurnContext, regId: string): Promise<void> {
      const reg = await deps.repo.findById(regId);
      const s = reg ? await scopeOfRegistration(ctx, reg) : null;
      if (!reg || !s) return void ctx.reply(ctx.t("registration.expired"));
      const out = await deps.registrations.approve({ campaign: s.ref, registrationId: reg.id, officer: ctx.officer as Officer, now: ctx.now });
      if (out.ok && out.status === "submitted") return announce(ctx, s, out);
      if (out.ok) return;
      if (out.code === "not_pending") return void ctx.reply(ctx.t("registration.review.already", { status: ctx.t(`registration.status.${out.registration?.status ?? "pending"}`), version: reg.version }));
      if (out.code !== "late") return void ctx.reply(errorText(s.rc, out.code, { due: s.dueText }));
      ctx.reply(ctx.t("registration.review.late_head", { due: s.dueText }));
      for (const b of boardOfficers(ctx.services)) {
        await notifier.toOfficer(b.id, reviewMessage(ctx, s, reg, true), { key: `dk:late:${reg.id}`, kind: "registration_late", now: ctx.now, campaignId: s.campaign.id });
      }
    },

    /** "Từ chối": asks for the reason (no buttons on offer while it is typed). */
    async startReject(ctx: TurnContext, regId: string): Promise<void> {
      const reg = await deps.repo.findById(regId);
      if (!reg || !ctx.officer) return void ctx.reply(ctx.t("registration.expired"));
      if (reg.status !== "pending") return void ctx.reply(ctx.t("registration.review.already", { status: ctx.t(`registration.status.${reg.status}`), version: reg.version }));
      if (!canReject(ctx.officer, reg)) return void ctx.reply(ctx.t("core.forbidden"));
      setStep(ctx, "reject_reason", { campaignId: reg.campaignId, unitId: reg.unitId, regId: reg.id, titles: [], commitments: [], individuals: [], reason: null, isChange: false });
      ctx.reply(ctx.t("registration.review.ask_reason", { version: reg.version }));
    },

    /** The rejection reason typed by the head: the drafter is told why. */
    async typedRejectReason(ctx: TurnContext, d: DraftData, text: string): Promise<void> {
      const out = await deps.registrations.reject({ campaignId: d.campaignId, registrationId: d.regId ?? "", officer: ctx.officer as Officer, reason: text, now: ctx.now });
      if (!out.ok && out.code === "reason_required") return void ctx.reply(ctx.t("registration.review.reason_too_short"));
      ctx.setSession(null);
      if (!out.ok) return void ctx.reply(ctx.t("registration.expired"));
      const reg = out.registration;
      const unit = ctx.services.org.unitById(reg.unitId)?.name ?? "";
      const params = { unit, version: reg.version, by: ctx.officer?.name ?? "", reason: reg.reason ?? "", drafter: nameOf(ctx, reg.draftedBy) };
      ctx.reply(ctx.t("registration.review.rejected_actor", params));
      await notifier.toOfficer(reg.draftedBy, (t) => ({ text: t("registration.review.rejected_drafter", params) }), { key: `dk:rejected:${reg.id}`, kind: "registration_rejected", now: ctx.now, campaignId: reg.campaignId });
    },
  };
}

export type RegistrationReview = ReturnType<typeof createRegistrationReview>;
