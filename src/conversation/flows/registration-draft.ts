/**
 * @module The drafting steps of /dangky: 1) collective titles (buttons, or a typed name), 2) commitments on the
 * unit's indicators (pick one, type the value in its measure), 3) individuals ("Họ tên – danh hiệu" lines), then the
 * summary with send / edit / cancel. Each step re-shows itself after an error, so the officer never gets stuck.
 */
import type { Button } from "../channel-port";
import { isSelfApproving } from "../../domain/registration/registration";
import { readCommitment } from "../../domain/registration/read-commitment";
import { readIndividuals, type IndividualLineError } from "../../domain/registration/read-individuals";
import { readTitle, titleOptions } from "../../domain/registration/title-catalog";
import { foldText } from "../../shared/text";
import type { TurnContext } from "../turn";
import { errorText, exampleValue, formatValue, indicatorName, summaryText, titleName } from "./registration-render";
import { btn, cancelRow, contentOf, isNextWord, REG_FLOW, setStep, type DraftData, type RegScope } from "./registration-scope";

const F = REG_FLOW;

/** Step 1: the collective titles valid for the unit's kind and the campaign's regime, ticked when chosen. */
export function showTitles(ctx: TurnContext, s: RegScope, d: DraftData): void {
  setStep(ctx, "titles", d);
  const options = titleOptions("collective", s.titles);
  const chosen = d.titles.map((id) => titleName(s.rc, id));
  const rows: Button[][] = options.map((o) => [btn(`${d.titles.includes(o.id) ? "✅" : "▫️"} ${titleName(s.rc, o.id)}`, `${F}:t:${o.id}`)]);
  rows.push([btn(ctx.t("registration.button.next"), `${F}:tn`), ...cancelRow(ctx)]);
  const text = ctx.t("registration.step.titles", { unit: s.unit.name, year: s.campaign.year, chosen: chosen.length ? chosen.join("; ") : ctx.t("registration.summary.none") });
  ctx.reply({ text, buttons: rows });
}

/** A title button: ticks or unticks it (only titles offered to this unit are accepted). */
export function toggleTitle(ctx: TurnContext, s: RegScope, d: DraftData, id: string): void {
  if (!titleOptions("collective", s.titles).some((o) => o.id === id)) {
    ctx.reply(errorText(s.rc, "unknown_title"));
    return showTitles(ctx, s, d);
  }
  const titles = d.titles.includes(id) ? d.titles.filter((x) => x !== id) : [...d.titles, id];
  showTitles(ctx, s, { ...d, titles });
}

/** A typed title ("TTLĐXS", "cờ thi đua tỉnh"): chosen when valid, else the precise reason it is not. */
export function typedTitle(ctx: TurnContext, s: RegScope, d: DraftData, text: string): void {
  if (isNextWord(text)) return leaveTitles(ctx, s, d);
  const check = readTitle(text, "collective", s.titles, s.spellings);
  if (!check.ok) {
    ctx.reply(errorText(s.rc, check.problem, { titleId: check.id, unitKind: s.unit.kind, regimeYear: s.campaign.regimeYear, candidates: check.candidates }));
    return showTitles(ctx, s, d);
  }
  showTitles(ctx, s, { ...d, titles: d.titles.includes(check.id) ? d.titles : [...d.titles, check.id] });
}

/** "Next" on step 1: at least one title is needed. */
export function leaveTitles(ctx: TurnContext, s: RegScope, d: DraftData): void {
  if (d.titles.length === 0) {
    ctx.reply(errorText(s.rc, "no_titles"));
    return showTitles(ctx, s, d);
  }
  showCommitments(ctx, s, d);
}

/** Step 2: the unit's indicators; those with a commitment show its value. */
export function showCommitments(ctx: TurnContext, s: RegScope, d: DraftData): void {
  setStep(ctx, "commit_pick", { ...d, pick: undefined });
  const rows: Button[][] = s.indicators.map((ind) => {
    const c = d.commitments.find((x) => x.indicatorCode === ind.code);
    const label = c ? `✅ ${indicatorName(ind, ctx.locale)}: ${formatValue(s.rc, c.value, ind)}` : `${indicatorName(ind, ctx.locale)} (${ind.measure})`;
    return [btn(label, `${F}:c:${ind.code}`)];
  });
  rows.push([btn(ctx.t("registration.button.next"), `${F}:cn`), ...cancelRow(ctx)]);
  ctx.reply({ text: ctx.t("registration.step.commitments", { unit: s.unit.name, n: d.commitments.length }), buttons: rows });
}

/** An indicator picked: asks for the value, with no buttons on offer so a typed "12" is read as a value. */
export function askValue(ctx: TurnContext, s: RegScope, d: DraftData, code: string): void {
  const ind = s.indicators.find((i) => i.code === code);
  if (!ind) return showCommitments(ctx, s, d);
  setStep(ctx, "commit_value", { ...d, pick: code });
  const target = ind.target !== null ? ctx.t("registration.step.value_target", { target: formatValue(s.rc, ind.target, ind) }) : "";
  ctx.reply(ctx.t("registration.step.value", { indicator: indicatorName(ind, ctx.locale), measure: ind.measure, target, example: exampleValue(s.rc, ind) }));
}

const REMOVE_WORDS = new Set(["bo", "xoa", "khong", "remove", "delete", "none"]);

/** The value typed for the picked indicator: ≥ 0, in its measure; "bỏ" removes the commitment. */
export function typedValue(ctx: TurnContext, s: RegScope, d: DraftData, text: string): void {
  const ind = s.indicators.find((i) => i.code === d.pick);
  if (!ind) return showCommitments(ctx, s, d);
  const others = d.commitments.filter((c) => c.indicatorCode !== ind.code);
  if (REMOVE_WORDS.has(foldText(text))) return showCommitments(ctx, s, { ...d, commitments: others });
  const read = readCommitment(text, ind);
  if (!read.ok) {
    const params = { indicator: indicatorName(ind, ctx.locale), measure: ind.measure, typed: read.typedMeasure ?? "", max: ind.maxValue ?? 1 };
    return void ctx.reply(ctx.t(`registration.error.${read.problem}`, params));
  }
  showCommitments(ctx, s, { ...d, commitments: [...others, { indicatorCode: ind.code, value: read.value, measure: ind.measure }] });
}

/** Step 3: individuals, typed as lines (after a list was read, a short reminder instead of the whole explanation). */
export function showIndividuals(ctx: TurnContext, s: RegScope, d: DraftData, short = false): void {
  setStep(ctx, "individuals", d);
  const names = titleOptions("individual", s.titles).map((o) => titleName(s.rc, o.id)).join("; ");
  const rows: Button[][] = [[btn(ctx.t(d.individuals.length ? "registration.button.next" : "registration.button.no_individuals"), `${F}:in`)]];
  if (d.individuals.length) rows.push([btn(ctx.t("registration.button.clear_individuals"), `${F}:ic`)]);
  rows.push(cancelRow(ctx));
  const text = short ? ctx.t("registration.step.individuals_more", { n: d.individuals.length }) : ctx.t("registration.step.individuals", { titles: names, n: d.individuals.length });
  ctx.reply({ text, buttons: rows });
}

function lineError(s: RegScope, e: IndividualLineError): string {
  const why = errorText(s.rc, e.problem, { titleId: e.titleId, regimeYear: s.campaign.regimeYear, candidates: e.candidates });
  return s.rc.t("registration.individuals.line_error", { line: e.line, text: e.text, error: why });
}

/** Lines typed on step 3: valid ones are added, each bad line is reported. */
export function typedIndividuals(ctx: TurnContext, s: RegScope, d: DraftData, text: string): void {
  if (isNextWord(text)) return showSummary(ctx, s, d);
  const read = readIndividuals(text, d.individuals, s.titles, s.spellings);
  const next = { ...d, individuals: [...d.individuals, ...read.added] };
  const lines = [ctx.t("registration.individuals.added", { added: read.added.length, total: next.individuals.length })];
  if (read.errors.length) lines.push(ctx.t("registration.individuals.errors"), ...read.errors.map((e) => lineError(s, e)));
  ctx.reply(lines.join("\n"));
  showIndividuals(ctx, s, next, true);
}

/** The summary, with the action the sender's role allows: send to the head, or confirm directly. */
export function showSummary(ctx: TurnContext, s: RegScope, d: DraftData): void {
  setStep(ctx, "summary", d);
  const self = ctx.officer ? isSelfApproving(ctx.officer, s.unit.id) : false;
  const sendLabel = ctx.officer?.role === "board" ? "registration.button.record" : self ? "registration.button.confirm_send" : "registration.button.send";
  const text = summaryText(s.rc, contentOf(d), { unit: s.unit.name, year: s.campaign.year, reason: d.reason });
  const hint = ctx.t(self ? "registration.summary.hint_self" : "registration.summary.hint_officer");
  ctx.reply({ text: `${text}\n\n${hint}`, buttons: [[btn(ctx.t(sendLabel), `${F}:send`)], [btn(ctx.t("registration.button.edit"), `${F}:edit`), ...cancelRow(ctx)]] });
}

/** "Sửa": which part to change. */
export function showEditMenu(ctx: TurnContext, _s: RegScope, d: DraftData): void {
  setStep(ctx, "edit", d);
  ctx.reply({
    text: ctx.t("registration.step.edit"),
    buttons: [
      [btn(ctx.t("registration.button.edit_titles"), `${F}:e:t`)],
      [btn(ctx.t("registration.button.edit_commitments"), `${F}:e:c`)],
      [btn(ctx.t("registration.button.edit_individuals"), `${F}:e:i`)],
      [btn(ctx.t("registration.button.back_summary"), `${F}:e:s`), ...cancelRow(ctx)],
    ],
  });
}
