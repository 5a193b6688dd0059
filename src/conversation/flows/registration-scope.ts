/**
 * @module What every step of the registration conversation works with: its dependencies, the draft kept in the
 * dialogue state, and the scope of one turn (campaign, unit, applicable titles and indicators, rendering).
 */
import type { Button } from "../channel-port";
import type { IndicatorDef } from "../../domain/campaigns/campaign";
import type { Unit } from "../../domain/organisation/organisation";
import { deadlineInstant, registrationDeadline, type RegistrationContent } from "../../domain/registration/registration";
import type { PlanTitleSource, RegistrationRepository } from "../../domain/registration/registration-repository";
import type { CampaignRef, RegistrationService } from "../../domain/registration/registration-service";
import type { TitleContext } from "../../domain/registration/title-catalog";
import { foldText } from "../../shared/text";
import type { ActiveCampaign } from "../services";
import type { TurnContext } from "../turn";
import type { Notifier } from "./registration-notify";
import { formatWhen, titleSpellings, type RenderCtx } from "./registration-render";

/** Name of the flow; callback data starts with "dk:". */
export const REG_FLOW = "dk";

export interface RegistrationFlowDeps {
  registrations: RegistrationService;
  repo: RegistrationRepository;
  planTitles: PlanTitleSource;
  notifier: Notifier;
}

/** Steps of the dialogue kept in the session. */
export type RegStep = "titles" | "commit_pick" | "commit_value" | "individuals" | "summary" | "edit" | "change_reason" | "reject_reason";

/** The draft as kept in the dialogue state between messages. */
export interface DraftData extends RegistrationContent {
  campaignId: string;
  unitId: string;
  /** Reason for a change after submission (null for a first registration). */
  reason: string | null;
  /** Whether a version is in force (a reason is then required). */
  isChange: boolean;
  /** Indicator whose value is being typed. */
  pick?: string;
  /** Pending version being rejected (reject_reason step). */
  regId?: string;
}

/** Everything one turn needs about the campaign and the unit. */
export interface RegScope {
  campaign: ActiveCampaign;
  ref: CampaignRef;
  unit: Unit;
  titles: TitleContext;
  spellings: Record<string, string[]>;
  indicators: IndicatorDef[];
  rc: RenderCtx;
  dueText: string;
}

export async function scopeFor(ctx: TurnContext, deps: RegistrationFlowDeps, campaign: ActiveCampaign, unit: Unit): Promise<RegScope> {
  const planTitles = await deps.planTitles.planTitles(campaign.id);
  const tz = ctx.services.timeZone;
  const deadline = registrationDeadline(campaign.deadlines);
  const deadlineAt = deadline ? deadlineInstant(deadline, tz) : null;
  const indicators = campaign.indicators.filter((i) => !i.unitKinds || i.unitKinds.includes(unit.kind));
  return {
    campaign,
    ref: { id: campaign.id, year: campaign.year, deadlineAt },
    unit,
    titles: { regimeYear: campaign.regimeYear, unitKind: unit.kind, planTitles },
    spellings: titleSpellings(planTitles),
    indicators,
    rc: { t: ctx.t, locale: ctx.locale, timeZone: tz, planTitles, indicators: campaign.indicators },
    dueText: deadlineAt ? formatWhen(deadlineAt, tz) : "",
  };
}

/** The scope of the draft in the session, or null when the session holds none (expired, other flow). */
export async function draftScope(ctx: TurnContext, deps: RegistrationFlowDeps): Promise<{ scope: RegScope; draft: DraftData } | null> {
  const draft = ctx.session.flow === REG_FLOW ? (ctx.session.data as DraftData | undefined) : undefined;
  if (!draft?.campaignId || !draft.unitId) return null;
  const campaign = ctx.services.campaigns.list().find((c) => c.id === draft.campaignId);
  const unit = ctx.services.org.unitById(draft.unitId);
  if (!campaign || !unit) return null;
  return { scope: await scopeFor(ctx, deps, campaign, unit), draft: { ...draft, titles: draft.titles ?? [], commitments: draft.commitments ?? [], individuals: draft.individuals ?? [] } };
}

/** Saves the step and draft; the dialogue state never keeps older numbered choices (a typed "12" stays a value). */
export function setStep(ctx: TurnContext, step: RegStep, data: DraftData): void {
  ctx.setSession({ flow: REG_FLOW, step, data: data as unknown as Record<string, unknown> });
}

/** Only the registered content of a draft or a stored version. */
export function contentOf(d: RegistrationContent): RegistrationContent {
  return { titles: [...d.titles], commitments: d.commitments.map((c) => ({ ...c })), individuals: d.individuals.map((i) => ({ ...i })) };
}

const NEXT_WORDS = new Set(["xong", "tiep", "tiep tuc", "next", "done", "continue", "ok"]);

/** "xong", "tiếp tục", "done": the officer moves on without pressing the button. */
export function isNextWord(text: string): boolean {
  return NEXT_WORDS.has(foldText(text).replace(/[.!]+$/, ""));
}

export const btn = (label: string, data: string): Button => ({ label, data });

/** The cancel button every step carries. */
export function cancelRow(ctx: TurnContext): Button[] {
  return [btn(ctx.t("registration.button.cancel"), `${REG_FLOW}:x`)];
}
