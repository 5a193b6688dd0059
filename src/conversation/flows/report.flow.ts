/**
 * @module Conversational reporting: free text or `/baocao` → the parser's reading → ask back when unclear → read-back
 * → confirmation → stored with provenance. Nothing is stored before "Xác nhận"; the draft lives in the persisted
 * session, so a restart between read-back and confirmation loses nothing, and the source message id makes a second
 * confirmation store nothing twice.
 */
import type { IndicatorDef } from "../../domain/campaigns/campaign";
import { canReportFor } from "../../domain/organisation/organisation";
import { checkPlausibility, parseMessage, type MessageReading } from "../../domain/progress/parse/parse-message";
import { currentPeriod, formatPeriod, lastFinishedPeriod, toLocalDate } from "../../domain/progress/period";
import type { ProgressRepository } from "../../domain/progress/progress-repository";
import type { CommandHandler } from "../dispatcher";
import type { ActiveCampaign } from "../services";
import type { Flow, TurnContext } from "../turn";
import { previousOf, renderReadBack, type ReportDraft } from "./report-draft";
import { findUnitMention } from "./report-units";

export const REPORT_FLOW = "rep";

interface Pending {
  text: string;
  unitId?: string;
  indicatorCode?: string;
  period?: string;
  correction?: boolean;
  reason?: string;
}

export interface ReportingDeps {
  progress: ProgressRepository;
}

export function createReporting(deps: ReportingDeps) {
  const parse = (ctx: TurnContext, c: ActiveCampaign, text: string, only?: string): MessageReading =>
    parseMessage(text, { indicators: only ? c.indicators.filter((i) => i.code === only) : c.indicators, campaignYear: c.year, now: ctx.now, timeZone: ctx.services.timeZone });

  const indicatorOf = (c: ActiveCampaign, code: string): IndicatorDef | undefined => c.indicators.find((i) => i.code === code);

  /** Resolves the unit: the officer's own; a board officer must name one; naming another unit is refused. */
  function resolveUnit(ctx: TurnContext, text: string, pending?: Pending): string | "ask" | "refused" {
    if (pending?.unitId) return pending.unitId;
    const officer = ctx.officer!;
    const named = findUnitMention(text, ctx.services.org.listUnits().filter((u) => u.kind !== "board"));
    if (officer.role === "board") return named ? named.id : "ask";
    if (named && !canReportFor(officer, named.id)) return "refused";
    return officer.unitId;
  }

  async function startFromText(ctx: TurnContext, text: string, pending: Pending = { text }): Promise<boolean> {
    const c = ctx.services.campaigns.current();
    if (!c) return void ctx.reply(ctx.t("core.no_campaign")), true;
    const reading = parse(ctx, c, text, pending.indicatorCode);
    if (!pending.indicatorCode && reading.intent !== "report" && reading.intent !== "correction") return false;
    const unit = resolveUnit(ctx, text, pending);
    if (unit === "refused") return void ctx.reply(ctx.t("report.refused_other_unit")), true;
    const correction = pending.correction || reading.intent === "correction";
    const next: Pending = { ...pending, correction, reason: pending.reason ?? reading.reason };
    if (unit === "ask") {
      ctx.setSession({ flow: REPORT_FLOW, step: "unit", data: { pending: next } });
      return void ctx.reply(ctx.t("report.ask.unit")), true;
    }
    next.unitId = unit;
    return handleReading(ctx, c, reading, next);
  }

  async function handleReading(ctx: TurnContext, c: ActiveCampaign, r: MessageReading, p: Pending): Promise<boolean> {
    const code = r.indicator?.code ?? p.indicatorCode;
    if (r.ambiguity && ["several_indicators", "unclear_indicator", "unknown_indicator"].includes(r.ambiguity.reason) && !p.indicatorCode) {
      const choices = (r.ambiguity.choices ?? r.candidates.map((x) => x.code)).filter((x) => indicatorOf(c, x)).slice(0, 6);
      if (choices.length === 0) return void ctx.reply(ctx.t("report.ask.unknown_indicator")), true;
      ctx.setSession({ flow: REPORT_FLOW, step: "indicator", data: { pending: { ...p, period: p.period ?? r.period ?? undefined } } });
      ctx.reply({ text: ctx.t(`report.ask.${r.ambiguity.reason}`), buttons: choices.map((x) => [{ label: indicatorOf(c, x)!.name.slice(0, 60), data: `rep:ind:${x}` }]) });
      return true;
    }
    if (!code) return void ctx.reply(ctx.t("report.ask.unknown_indicator")), true;
    const ind = indicatorOf(c, code)!;
    const period = p.period && r.periodSource !== "explicit" ? p.period : (r.period ?? p.period);
    if (r.ambiguity || r.value === null || !period) {
      const reason = r.ambiguity?.reason ?? "missing_value";
      ctx.setSession({ flow: REPORT_FLOW, step: "value", data: { pending: { ...p, indicatorCode: code, period: period ?? undefined } } });
      ctx.reply(ctx.t(`report.ask.${reason}`, { indicator: ind.name, measure: ind.measure, period: period ? formatPeriod(period, ctx.locale) : "" }));
      return true;
    }
    return readBack(ctx, c, ind, { ...p, indicatorCode: code, period }, r.value, r.basis ?? "period");
  }

  async function readBack(ctx: TurnContext, c: ActiveCampaign, ind: IndicatorDef, p: Pending, value: number, basis: "period" | "cumulative"): Promise<boolean> {
    const unit = ctx.services.org.unitById(p.unitId!)!;
    const current = await deps.progress.current(c.id, { unitId: unit.id, indicatorCode: ind.code });
    const existing = current.find((x) => x.period === p.period);
    if (existing && !p.reason) {
      ctx.setSession({ flow: REPORT_FLOW, step: "reason", data: { pending: p, value, basis } });
      return void ctx.reply(ctx.t("report.ask.reason", { value: String(existing.value), period: formatPeriod(p.period!, ctx.locale) })), true;
    }
    const warnings = checkPlausibility({ indicator: ind, value, period: p.period!, basis, previous: current.filter((x) => x.id !== existing?.id).map((x) => ({ period: x.period, value: x.value, basis: x.basis })) });
    const draft: ReportDraft = {
      campaignId: c.id, unitId: unit.id, unitName: unit.name, indicatorCode: ind.code, period: p.period!, value, basis,
      rawText: p.text.slice(0, 2000), channel: ctx.msg.address.channel, sourceMessageId: ctx.msg.messageId ?? ctx.msg.updateId,
      replaces: existing ? { id: existing.id, value: existing.value } : undefined, reason: p.reason, warnings,
    };
    ctx.setSession({ flow: REPORT_FLOW, step: "confirm", data: { draft } });
    ctx.reply(renderReadBack(draft, ind, existing ? null : previousOf(current, draft.period), ctx.t, ctx.locale));
    return true;
  }

  async function confirm(ctx: TurnContext): Promise<void> {
    const draft = ctx.session.data?.draft as ReportDraft | undefined;
    if (!draft) return void ctx.reply(ctx.t("core.expired_button"));
    if (!canReportFor(ctx.officer!, draft.unitId)) return void ctx.reply(ctx.t("report.refused_other_unit"));
    const res = await deps.progress.submit(
      { campaignId: draft.campaignId, unitId: draft.unitId, indicatorCode: draft.indicatorCode, period: draft.period, value: draft.value, basis: draft.basis, rawText: draft.rawText, channel: draft.channel, sourceMessageId: draft.sourceMessageId, reportedById: ctx.officer!.id },
      draft.reason,
    );
    if (!res.duplicate) {
      await ctx.services.audit.append({ actor: `officer:${ctx.officer!.id}`, action: res.superseded ? "report.corrected" : "report.submitted", entity: "ProgressReport", entityId: res.report.id, before: res.superseded ? { value: res.superseded.value, id: res.superseded.id } : undefined, after: { value: draft.value, period: draft.period, indicator: draft.indicatorCode, unit: draft.unitId }, reason: draft.reason });
    }
    ctx.setSession(null);
    const text = ctx.t(res.superseded ? "report.saved_correction" : "report.saved", { ref: res.report.id.slice(-8).toUpperCase(), period: formatPeriod(draft.period, ctx.locale) });
    ctx.reply({ text, editMessageId: ctx.msg.callbackMessageId });
  }

  const flow: Flow = {
    name: REPORT_FLOW,
    async onCallback(ctx, data) {
      if (!ctx.officer) return void ctx.reply(ctx.t("core.not_linked"));
      const c = ctx.services.campaigns.current();
      const pending = ctx.session.data?.pending as Pending | undefined;
      if (data === "rep:ok") return confirm(ctx);
      if (data === "rep:cancel") return ctx.setSession(null), void ctx.reply({ text: ctx.t("core.cancelled"), editMessageId: ctx.msg.callbackMessageId });
      if (data === "rep:edit") {
        const draft = ctx.session.data?.draft as ReportDraft | undefined;
        if (!draft) return void ctx.reply(ctx.t("core.expired_button"));
        ctx.setSession({ flow: REPORT_FLOW, step: "value", data: { pending: { text: draft.rawText, unitId: draft.unitId, indicatorCode: draft.indicatorCode, period: draft.period, reason: draft.reason } } });
        return void ctx.reply(ctx.t("report.ask.new_value"));
      }
      if (!c) return void ctx.reply(ctx.t("core.no_campaign"));
      if (data.startsWith("rep:ind:") && pending) {
        const code = data.slice(8);
        if (!indicatorOf(c, code)) return void ctx.reply(ctx.t("core.expired_button"));
        return void (await handleReading(ctx, c, parse(ctx, c, pending.text, code), { ...pending, indicatorCode: code }));
      }
      return guided.onCallback(ctx, c, data);
    },
    async onText(ctx, text) {
      const c = ctx.services.campaigns.current();
      const pending = ctx.session.data?.pending as Pending | undefined;
      if (!c || !ctx.officer) return false;
      const step = ctx.session.step;
      if (step === "unit" && pending) {
        const unit = findUnitMention(text, ctx.services.org.listUnits());
        if (!unit) return void ctx.reply(ctx.t("report.ask.unit")), true;
        return startFromText(ctx, pending.text, { ...pending, unitId: unit.id });
      }
      if (step === "reason" && pending) {
        const value = ctx.session.data?.value as number;
        const basis = ctx.session.data?.basis as "period" | "cumulative";
        if (text.trim().length < 3) return void ctx.reply(ctx.t("report.ask.reason_short")), true;
        return readBack(ctx, c, indicatorOf(c, pending.indicatorCode!)!, { ...pending, reason: text.trim().slice(0, 300) }, value, basis);
      }
      if (step === "value" && pending?.indicatorCode) {
        // A complete report of another indicator starts over rather than being forced into the pending one.
        const full = parse(ctx, c, text);
        if (full.indicator && full.indicator.code !== pending.indicatorCode && (full.intent === "report" || full.intent === "correction")) return startFromText(ctx, text);
        const r = parse(ctx, c, text, pending.indicatorCode);
        if (r.intent === "report" || r.intent === "correction" || r.value !== null) return handleReading(ctx, c, r, { ...pending, text: `${pending.text}\n${text}` });
        // A bare number ("3.200") reads best in the context of the indicator's name.
        const ind = indicatorOf(c, pending.indicatorCode)!;
        return handleReading(ctx, c, parse(ctx, c, `${ind.name} ${text}`, pending.indicatorCode), { ...pending, text: `${pending.text}\n${text}` });
      }
      if (step === "confirm") {
        // A new figure while one waits: start over with the new text (the old draft is dropped, nothing was stored).
        return startFromText(ctx, text);
      }
      return false;
    },
  };

  const guided = createGuided(indicatorOf);

  const freeText = async (ctx: TurnContext, text: string): Promise<boolean> => {
    if (!ctx.officer) return false;
    return startFromText(ctx, text);
  };

  const baocao: CommandHandler = async (ctx, args) => {
    if (args.trim()) return void (await startFromText(ctx, args) || ctx.reply(ctx.t("report.not_a_report")));
    const c = ctx.services.campaigns.current();
    if (!c) return void ctx.reply(ctx.t("core.no_campaign"));
    guided.start(ctx, c);
  };

  /** Guided mode: group → indicator → period → value (the same parser checks the value). */
  function createGuided(find: typeof indicatorOf) {
    return {
      start(ctx: TurnContext, c: ActiveCampaign) {
        const groups = [...new Set(c.indicators.map((i) => i.group))];
        ctx.setSession({ flow: REPORT_FLOW, step: "guided_group", data: {} });
        ctx.reply({ text: ctx.t("report.guided.pick_group"), buttons: groups.map((g) => [{ label: ctx.t(`report.groups.${g}`), data: `rep:g:${g}` }]) });
      },
      async onCallback(ctx: TurnContext, c: ActiveCampaign, data: string) {
        if (data.startsWith("rep:g:")) {
          const list = c.indicators.filter((i) => i.group === data.slice(6));
          return void ctx.reply({ text: ctx.t("report.guided.pick_indicator"), buttons: list.map((i) => [{ label: i.name.slice(0, 60), data: `rep:i:${i.code}` }]) });
        }
        if (data.startsWith("rep:i:")) {
          const ind = find(c, data.slice(6));
          if (!ind) return void ctx.reply(ctx.t("core.expired_button"));
          const today = toLocalDate(ctx.now, ctx.services.timeZone)!;
          const options = [...new Set([lastFinishedPeriod(ind.frequency, today), currentPeriod(ind.frequency, today), `${c.year}-Y`])].filter((p) => p.startsWith(String(c.year)));
          return void ctx.reply({ text: ctx.t("report.guided.pick_period", { indicator: ind.name }), buttons: options.map((p) => [{ label: formatPeriod(p, ctx.locale), data: `rep:p:${ind.code}:${p}` }]) });
        }
        if (data.startsWith("rep:p:")) {
          const [, , code, period] = data.split(":");
          const ind = find(c, code ?? "");
          if (!ind || !period) return void ctx.reply(ctx.t("core.expired_button"));
          const unitId = ctx.officer!.role === "board" ? undefined : ctx.officer!.unitId;
          ctx.setSession({ flow: REPORT_FLOW, step: unitId ? "value" : "unit", data: { pending: { text: `${ind.name} ${formatPeriod(period, "vi")}`, indicatorCode: ind.code, period, unitId } } });
          return void ctx.reply(unitId ? ctx.t("report.guided.enter_value", { indicator: ind.name, measure: ind.measure, period: formatPeriod(period, ctx.locale) }) : ctx.t("report.ask.unit"));
        }
        ctx.reply(ctx.t("core.expired_button"));
      },
    };
  }

  return { flow, freeText, baocao };
}
