/**
 * @module Award-criteria look-up in chat: `/tieuchuan <question>`, free questions (also for accounts not yet linked),
 * follow-up buttons (bonus, dossier, deadline, related titles) and, for "đơn vị tôi đủ điều kiện … chưa?", an
 * advisory pre-check against the unit's own recorded figures and registration.
 */
import type { CriteriaAnswer } from "../../domain/criteria/criteria-answer";
import { checkEligibility, type EligibilityFacts } from "../../domain/criteria/eligibility";
import type { createCriteriaService } from "../../domain/criteria/criteria-service";
import { parseMessage } from "../../domain/progress/parse/parse-message";
import type { CommandHandler } from "../dispatcher";
import type { Flow, TurnContext } from "../turn";
import { criteriaChoices, renderCriteriaAnswer, renderEligibility } from "./criteria-render";

export interface CriteriaFlowDeps {
  service: ReturnType<typeof createCriteriaService>;
  /** What the store knows about a unit, for the eligibility pre-check. */
  unitFacts: (campaignId: string, unitId: string) => Promise<EligibilityFacts>;
  maxTextLength: (channel: string) => number;
}

export function createCriteriaFlow(deps: CriteriaFlowDeps) {
  const context = (ctx: TurnContext) => ({ campaignYear: ctx.services.campaigns.current()?.year ?? Number(ctx.now.toISOString().slice(0, 4)), now: ctx.now, locale: ctx.locale });

  async function send(ctx: TurnContext, answer: CriteriaAnswer): Promise<void> {
    const msg = renderCriteriaAnswer(answer, ctx.t, { supportsButtons: ctx.supportsButtons, maxLength: deps.maxTextLength(ctx.msg.address.channel) });
    ctx.reply(msg);
    // Without buttons the renderer numbers the choices in the text; remember them so "2" works.
    if (!ctx.supportsButtons) ctx.setSession({ ...ctx.session, choices: criteriaChoices(answer, ctx.t).map((c) => c.data) });
    if (answer.asksEligibility && answer.entryId && answer.regime && ctx.officer) {
      const c = ctx.services.campaigns.current();
      if (!c) return;
      const facts = await deps.unitFacts(c.id, ctx.officer.unitId);
      const result = checkEligibility(answer.entryId, facts, answer.regime);
      if (result.verdict !== "unsupported") ctx.reply(renderEligibility(result, ctx.t));
    }
  }

  const command: CommandHandler = async (ctx, args) => {
    if (!args.trim()) return void ctx.reply(ctx.t("criteria.usage"));
    await send(ctx, deps.service.answer(args, context(ctx)));
  };

  const flow: Flow = {
    name: "crit",
    async onCallback(ctx, data) {
      await send(ctx, deps.service.answerCallback(data, context(ctx)));
    },
  };

  /** Free text: answered when the message reads as a criteria question (or, for unlinked users, anything with a confident match). */
  const freeText = async (ctx: TurnContext, text: string): Promise<boolean> => {
    const c = ctx.services.campaigns.current();
    const intent = c ? parseMessage(text, { indicators: c.indicators, campaignYear: c.year, now: ctx.now, timeZone: ctx.services.timeZone }).intent : "criteria";
    if (intent !== "criteria" && intent !== "unknown") return false;
    const answer = deps.service.answer(text, context(ctx));
    if (intent === "unknown" && answer.kind === "not_found") return false;
    await send(ctx, answer);
    return true;
  };

  return { flow, command, freeText };
}
