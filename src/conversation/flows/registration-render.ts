/**
 * @module Text of the registration conversation: title and indicator names in the reader's language, values in
 * their measure, dates in the campaign's zone, and the summary of a registration (drafter, head and board all
 * read the same summary).
 */
import { formatNumber, type Locale, type Translate } from "../../i18n/i18n";
import type { IndicatorDef } from "../../domain/campaigns/campaign";
import { localPartsOf } from "../../domain/calendar/zoned-time";
import type { RegistrationContent } from "../../domain/registration/registration";
import type { RegistrationErrorCode } from "../../domain/registration/registration-service";
import { TITLE_RULES, type PlanTitle } from "../../domain/registration/title-catalog";
import { createTranslator } from "../../i18n/i18n";

/** What rendering needs besides the content. */
export interface RenderCtx {
  t: Translate;
  locale: Locale;
  timeZone: string;
  planTitles: readonly PlanTitle[];
  indicators: readonly IndicatorDef[];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "15/03/2021 17:00" in the zone. */
export function formatWhen(d: Date, timeZone: string): string {
  const p = localPartsOf(d, timeZone);
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A title's name for the reader: the plan's wording, else the catalog's. */
export function titleName(rc: Pick<RenderCtx, "t" | "locale" | "planTitles">, id: string): string {
  const plan = rc.planTitles.find((p) => p.id === id);
  if (plan) return rc.locale === "en" && plan.nameEn ? plan.nameEn : plan.name;
  const key = `registration.titles.${id}`;
  const name = rc.t(key);
  return name === key ? id : name;
}

/** Names of every known title in both languages, used to read what officers type. */
export function titleSpellings(planTitles: readonly PlanTitle[]): Record<string, string[]> {
  const vi = createTranslator("vi");
  const en = createTranslator("en");
  const out: Record<string, string[]> = {};
  for (const id of new Set([...TITLE_RULES.map((r) => r.id), ...planTitles.map((p) => p.id)])) {
    out[id] = [vi(`registration.titles.${id}`), en(`registration.titles.${id}`)].filter((s) => !s.startsWith("registration."));
  }
  return out;
}

export function indicatorName(ind: Pick<IndicatorDef, "name" | "nameEn">, locale: Locale): string {
  return locale === "en" && ind.nameEn ? ind.nameEn : ind.name;
}

/** A value in its measure: "3.200 tỷ đồng", "95%", "đạt". */
export function formatValue(rc: Pick<RenderCtx, "t" | "locale">, value: number, ind: Pick<IndicatorDef, "measure" | "valueKind">): string {
  if (ind.valueKind === "boolean") return rc.t(value >= 1 ? "registration.value.yes" : "registration.value.no");
  const n = formatNumber(value, rc.locale);
  return ind.measure === "%" ? `${n}%` : `${n} ${ind.measure}`;
}

/** An example commitment in the indicator's measure, for the prompt ("95%", "1.200 tỷ đồng", "đạt"). */
export function exampleValue(rc: Pick<RenderCtx, "t" | "locale">, ind: Pick<IndicatorDef, "measure" | "valueKind">): string {
  return formatValue(rc, ind.valueKind === "percent" ? 95 : ind.valueKind === "boolean" ? 1 : 1200, ind);
}

const MAX_NAMES = 25;

/** "• Lao động tiên tiến (3): A, B, C" lines, by title in catalog order. */
function individualLines(rc: RenderCtx, content: RegistrationContent): string[] {
  const byTitle = new Map<string, string[]>();
  for (const p of content.individuals) byTitle.set(p.titleId, [...(byTitle.get(p.titleId) ?? []), p.name]);
  return [...byTitle.entries()].map(([id, names]) => {
    const shown = names.slice(0, MAX_NAMES).join(", ");
    const more = names.length > MAX_NAMES ? rc.t("registration.summary.more", { n: names.length - MAX_NAMES }) : "";
    return `• ${titleName(rc, id)} (${names.length}): ${shown}${more}`;
  });
}

/** The full summary of a registration's content. */
export function summaryText(rc: RenderCtx, content: RegistrationContent, head: { unit: string; year: number; reason?: string | null }): string {
  const { t } = rc;
  const none = t("registration.summary.none");
  const titles = content.titles.map((id) => `• ${titleName(rc, id)}`);
  const commitments = content.commitments.map((c) => {
    const ind = rc.indicators.find((i) => i.code === c.indicatorCode);
    return ind ? `• ${indicatorName(ind, rc.locale)}: ${formatValue(rc, c.value, ind)}` : `• ${c.indicatorCode}: ${c.value} ${c.measure}`;
  });
  const people = individualLines(rc, content);
  const parts = [
    t("registration.summary.title", { unit: head.unit, year: head.year }),
    `${t("registration.summary.titles")}\n${titles.length ? titles.join("\n") : none}`,
    `${t("registration.summary.commitments")}\n${commitments.length ? commitments.join("\n") : none}`,
    `${t("registration.summary.individuals", { n: content.individuals.length })}\n${people.length ? people.join("\n") : none}`,
  ];
  if (head.reason) parts.push(t("registration.summary.reason", { reason: head.reason }));
  return parts.join("\n\n");
}

/** The message of a refusal, with its details filled in. */
export function errorText(rc: Pick<RenderCtx, "t" | "locale" | "planTitles">, code: RegistrationErrorCode | string, p: { titleId?: string; unitKind?: string; regimeYear?: number; candidates?: string[]; due?: string } = {}): string {
  const { t } = rc;
  return t(`registration.error.${code}`, {
    title: p.titleId ? titleName(rc, p.titleId) : "",
    kind: p.unitKind ? t(`registration.unit_kind.${p.unitKind}`) : "",
    regime: p.regimeYear ? t(`registration.regime.${p.regimeYear}`) : "",
    candidates: (p.candidates ?? []).map((id) => titleName(rc, id)).join("; "),
    due: p.due ?? "",
  });
}
