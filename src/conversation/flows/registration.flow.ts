/**
 * @module /dangky (đăng ký thi đua): where the unit stands (not registered, waiting for the head, registered) and
 * the way forward from there: a new draft, a change with a reason, or the head's decision. The board registers or
 * changes on a unit's behalf with `/dangky <mã đơn vị>`, also after the deadline. Routes the "dk:" buttons and the
 * texts typed during the dialogue to the steps in registration-draft.ts and registration-review.ts.
 */
import type { CommandHandler } from "../dispatcher";
import type { Flow, TurnContext } from "../turn";
import type { Unit } from "../../domain/organisation/organisation";
import {
  canApprove, canDraftFor, currentRegistration, emptyContent, isPastDeadline, latestRegistration, mustRegister, pendingRegistration,
} from "../../domain/registration/registration";
import { MIN_REASON_LENGTH } from "../../domain/registration/registration-service";
import { foldText } from "../../shared/text";
import type { ActiveCampaign } from "../services";
import * as draft from "./registration-draft";
import { errorText, formatWhen, summaryText } from "./registration-render";
import { createRegistrationReview } from "./registration-review";
import { btn, contentOf, draftScope, isNextWord, REG_FLOW, scopeFor, setStep, type DraftData, type RegistrationFlowDeps, type RegScope } from "./registration-scope";

export function createRegistrationFlow(deps: RegistrationFlowDeps): { flow: Flow; command: CommandHandler } {
  const review = createRegistrationReview(deps);

  /** The board's summary of the campaign's registrations (no unit named). */
  async function boardOverview(ctx: TurnContext, campaign: ActiveCampaign): Promise<void> {
    const rows = await deps.repo.listCampaign(campaign.id);
    const required = ctx.services.org.listUnits().filter((u) => mustRegister(u));
    const registered = new Set(rows.filter((r) => r.status === "submitted").map((r) => r.unitId));
    const pending = new Set(rows.filter((r) => r.status === "pending").map((r) => r.unitId));
    const example = required.find((u) => !registered.has(u.id))?.code ?? required[0]?.code ?? "";
    ctx.reply(ctx.t("registration.board.overview", { year: campaign.year, registered: required.filter((u) => registered.has(u.id)).length, required: required.length, pending: pending.size, example }));
  }

  function findUnit(ctx: TurnContext, arg: string): Unit | undefined {
    const { org } = ctx.services;
    const byCode = org.unitByCode(arg.trim().toUpperCase());
    if (byCode) return byCode;
    const q = foldText(arg);
    const hits = org.listUnits().filter((u) => foldText(u.name).includes(q));
    return hits.length === 1 ? hits[0] : undefined;
  }

  /** A fresh draft, prefilled from the newest version (e.g. the one the head rejected). */
  async function beginDraft(ctx: TurnContext, s: RegScope, base: DraftData): Promise<void> {
    ctx.reply(ctx.t("registration.intro", { unit: s.unit.name, year: s.campaign.year, due: s.dueText || "—" }));
    draft.showTitles(ctx, s, base);
  }

  async function start(ctx: TurnContext, args: string): Promise<void> {
    const campaign = ctx.services.campaigns.current();
    const officer = ctx.officer;
    if (!campaign || !officer) return void ctx.reply(ctx.t("core.no_campaign"));
    // Groups deliver commands and buttons only, and a draft is the unit's business: it is written in private.
    if (ctx.msg.address.isGroup) return void ctx.reply(ctx.t("registration.private_only"));
    let unit: Unit | null | undefined = ctx.unit;
    if (officer.role === "board") {
      if (!args.trim()) return boardOverview(ctx, campaign);
      unit = findUnit(ctx, args);
      if (!unit) return void ctx.reply(ctx.t("registration.unknown_unit", { code: args.trim() }));
    }
    if (!unit) return void ctx.reply(ctx.t("core.forbidden"));
    const s = await scopeFor(ctx, deps, campaign, unit);
    if (!mustRegister(unit)) return void ctx.reply(errorText(s.rc, "not_applicable"));
    const history = await deps.repo.listUnitHistory(campaign.id, unit.id);
    const pending = pendingRegistration(history);
    const current = currentRegistration(history);
    const past = isPastDeadline(s.ref.deadlineAt, ctx.now);
    ctx.setSession(null);
    if (pending && canApprove(officer, pending, past)) return review.showReview(ctx, s, pending);
    if (past && officer.role !== "board") return void ctx.reply(errorText(s.rc, "late", { due: s.dueText }));
    const base: DraftData = { campaignId: campaign.id, unitId: unit.id, ...contentOf(latestRegistration(history) ?? emptyContent()), reason: null, isChange: Boolean(current) };
    if (pending) {
      const when = formatWhen(pending.createdAt, s.rc.timeZone);
      return void ctx.reply({
        text: ctx.t("registration.pending_exists", { unit: unit.name, version: pending.version, when }),
        buttons: [[btn(ctx.t("registration.button.redo"), `${REG_FLOW}:redo:${unit.id}`), btn(ctx.t("registration.button.close"), `${REG_FLOW}:x`)]],
      });
    }
    if (current) {
      const head = ctx.t("registration.duplicate", { unit: unit.name, year: campaign.year, receipt: current.receiptNo ?? "", when: formatWhen(current.submittedAt ?? current.createdAt, s.rc.timeZone) });
      const body = summaryText(s.rc, current, { unit: unit.name, year: campaign.year });
      return void ctx.reply({ text: `${head}\n\n${body}`, buttons: [[btn(ctx.t("registration.button.change"), `${REG_FLOW}:chg:${unit.id}`), btn(ctx.t("registration.button.close"), `${REG_FLOW}:x`)]] });
    }
    return beginDraft(ctx, s, { ...base, isChange: false });
  }

  /** "Thay đổi đăng ký" / "Soạn lại": a new draft of a unit, asking for the reason first when a version is in force. */
  async function restart(ctx: TurnContext, unitId: string, from: "current" | "pending"): Promise<void> {
    const campaign = ctx.services.campaigns.current();
    const unit = ctx.services.org.unitById(unitId);
    if (!campaign || !unit || !ctx.officer || !canDraftFor(ctx.officer, unit.id)) return void ctx.reply(ctx.t("registration.expired"));
    const s = await scopeFor(ctx, deps, campaign, unit);
    if (isPastDeadline(s.ref.deadlineAt, ctx.now) && ctx.officer.role !== "board") return void ctx.reply(errorText(s.rc, "late", { due: s.dueText }));
    const history = await deps.repo.listUnitHistory(campaign.id, unit.id);
    const current = currentRegistration(history);
    const source = from === "pending" ? (pendingRegistration(history) ?? current) : current;
    const d: DraftData = { campaignId: campaign.id, unitId: unit.id, ...contentOf(source ?? emptyContent()), reason: source?.status === "pending" ? source.reason : null, isChange: Boolean(current) };
    if (d.isChange && !d.reason) {
      setStep(ctx, "change_reason", d);
      return void ctx.reply(ctx.t("registration.ask_change_reason", { receipt: current?.receiptNo ?? "" }));
    }
    return beginDraft(ctx, s, d);
  }

  async function onDraftCallback(ctx: TurnContext, action: string, arg: string): Promise<void> {
    const ds = await draftScope(ctx, deps);
    if (!ds) return void ctx.reply(ctx.t("registration.expired"));
    const { scope: s, draft: d } = ds;
    const steps: Record<string, () => void | Promise<void>> = {
      t: () => draft.toggleTitle(ctx, s, d, arg),
      tn: () => draft.leaveTitles(ctx, s, d),
      c: () => draft.askValue(ctx, s, d, arg),
      cn: () => draft.showIndividuals(ctx, s, d),
      in: () => draft.showSummary(ctx, s, d),
      ic: () => draft.showIndividuals(ctx, s, { ...d, individuals: [] }),
      edit: () => draft.showEditMenu(ctx, s, d),
      e: () => (arg === "t" ? draft.showTitles : arg === "c" ? draft.showCommitments : arg === "i" ? draft.showIndividuals : draft.showSummary)(ctx, s, d),
      send: () => review.send(ctx, s, d),
    };
    const run = steps[action];
    if (!run) return void ctx.reply(ctx.t("registration.expired"));
    await run();
  }

  const flow: Flow = {
    name: REG_FLOW,
    async onCallback(ctx, data) {
      const [, action = "", arg = ""] = data.split(":");
      if (action === "ok") return review.approve(ctx, arg);
      if (action === "no") return review.startReject(ctx, arg);
      if (action === "chg") return restart(ctx, arg, "current");
      if (action === "redo") return restart(ctx, arg, "pending");
      if (action === "x") {
        ctx.setSession(null);
        return void ctx.reply(ctx.t("registration.cancelled"));
      }
      return onDraftCallback(ctx, action, arg);
    },
    async onText(ctx, text) {
      const ds = await draftScope(ctx, deps);
      if (!ds) {
        ctx.setSession(null);
        return false;
      }
      const { scope: s, draft: d } = ds;
      switch (ctx.session.step) {
        case "titles": return draft.typedTitle(ctx, s, d, text);
        case "commit_pick":
          if (isNextWord(text)) return draft.showIndividuals(ctx, s, d);
          ctx.reply(ctx.t("registration.hint.pick_indicator"));
          return draft.showCommitments(ctx, s, d);
        case "commit_value": return draft.typedValue(ctx, s, d, text);
        case "individuals": return draft.typedIndividuals(ctx, s, d, text);
        case "change_reason":
          if (text.trim().length < MIN_REASON_LENGTH) return void ctx.reply(ctx.t("registration.review.reason_too_short"));
          return beginDraft(ctx, s, { ...d, reason: text.trim(), isChange: true });
        case "reject_reason": return review.typedRejectReason(ctx, d, text);
        default:
          ctx.reply(ctx.t("registration.hint.use_buttons"));
          return draft.showSummary(ctx, s, d);
      }
    },
  };

  return { flow, command: start };
}
