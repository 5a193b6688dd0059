/**
 * @module Builds the "bonus" answer for a title or form: amounts for the asked decision dates (or the stated
 * base salary), per recipient, with the rounding rule and the citations of coefficient and base salary.
 */
import { computeBonus, rulesFor, type BonusComputation } from "./bonus-calculator.js";
import type { BonusAnswer, CriteriaAnswer } from "./criteria-answer.js";
import type { KbEntry, Recipient } from "./criteria-kb.js";
import type { ComposeContext } from "./compose-entry-answer.js";
import { followUps, periodToken } from "./compose-entry-answer.js";
import { entryName, regimeLabel, unique } from "./compose-sections.js";
import type { QuestionCues } from "./question-cues.js";
import { localIsoDate, regimeWarnings } from "./regime.js";

/** Recipients to compute: a title's own kind; for forms, those named in the question (else all). */
function recipientsFor(entry: KbEntry, cues: Pick<QuestionCues, "recipients">): Recipient[] | undefined {
  if (entry.kind === "individual") return ["individual"];
  if (entry.kind === "collective" || entry.kind === "household") return undefined;
  return cues.recipients.length > 0 ? cues.recipients : undefined;
}

function amountsKey(c: BonusComputation): string {
  return c.lines.map((l) => `${l.recipient}:${l.variant}:${l.raw}`).join("|");
}

/** Builds the bonus answer; `cues` supplies recipients, issuer variant and a stated base salary. */
export function composeBonusAnswer(ctx: ComposeContext, entry: KbEntry, cues: Pick<QuestionCues, "recipients" | "variant" | "baseSalary">): CriteriaAnswer {
  const { kb, locale, choice } = ctx;
  const recipients = recipientsFor(entry, cues);
  const variant = entry.id === "giay_khen" ? cues.variant : undefined;
  const computation = computeBonus(kb, {
    titleId: entry.id,
    from: choice.window.from,
    to: choice.window.to,
    recipients,
    variant,
    baseSalary: cues.baseSalary,
    regime: cues.baseSalary !== undefined ? choice.regime : undefined,
  });
  const today = localIsoDate(ctx.now);
  let todayComputation: BonusAnswer["today"];
  if (choice.source === "campaign" && cues.baseSalary === undefined && (today < choice.window.from || today > choice.window.to)) {
    const t = computeBonus(kb, { titleId: entry.id, from: today, to: today, recipients, variant });
    if (t.lines.length > 0 && amountsKey(t) !== amountsKey(computation)) todayComputation = { ...t, date: today };
  }
  const bonus: BonusAnswer = {
    ...computation,
    titleName: entryName(entry, locale),
    window: choice.window,
    noRule: rulesFor(kb, entry.id).length === 0,
    notes: unique(rulesFor(kb, entry.id, recipients, variant).flatMap((r) => (r.note ? [r.note[locale]] : []))),
    today: todayComputation,
  };
  const lines = [...computation.lines, ...(todayComputation?.lines ?? [])];
  const citations = unique([
    ...lines.map((l) => l.coefficientCite),
    ...lines.filter((l) => l.salaryBasis).map((l) => l.salaryBasis),
    ...computation.roundingCites,
  ]);
  const regimes = unique(lines.map((l) => l.regime));
  const warnings = unique(regimes.flatMap((r) => regimeWarnings(kb, r, choice.window.to)).map((w) => w.text[locale]));
  return {
    kind: "bonus",
    locale,
    kbVersion: kb.version,
    aspect: "bonus",
    entryId: entry.id,
    entryName: entryName(entry, locale),
    entryKind: entry.kind,
    regime: choice.regime,
    regimeLabel: regimeLabel(kb, choice.regime, locale),
    regimeSource: choice.source,
    window: choice.window,
    sections: [],
    citations,
    unverified: [],
    warnings,
    bonus,
    suggestions: [],
    actions: followUps(kb, entry, "bonus", locale, periodToken(choice)),
    confidence: ctx.confidence,
    asksEligibility: ctx.asksEligibility,
  };
}
