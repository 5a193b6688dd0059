/**
 * @module Builds the "entry" answer: criteria of a title/form, or a topic (dossier, deadlines, registration,
 * salary history, bonus rules…), in the chosen regime, with citations, unverified notes and follow-ups.
 */
import { rulesFor } from "./bonus-calculator.js";
import type { AnswerSection, CoefficientRow, CriteriaAnswer, FollowUpAction, SalaryRow } from "./criteria-answer.js";
import type { CriteriaKb, CriteriaLocale, KbEntry, Recipient, RegimeId, SectionName } from "./criteria-kb.js";
import {
  entryName,
  entryShortName,
  gapNote,
  keyCriteria,
  regimeLabel,
  regimeShortLabel,
  resolveSection,
  sameCriteria,
  sectionCitations,
  toAnswerSection,
  unique,
} from "./compose-sections.js";
import type { CriteriaAspect } from "./question-cues.js";
import type { RegimeChoice } from "./regime.js";
import { currentRegime, localIsoDate, regimeWarnings } from "./regime.js";

export interface ComposeContext {
  kb: CriteriaKb;
  locale: CriteriaLocale;
  now: Date;
  choice: RegimeChoice;
  aspect: CriteriaAspect;
  asksEligibility: boolean;
  confidence: number;
  /** Other titles named in the question. */
  alsoNamed: string[];
  /** Recipients named in the question (filters the bullets of forms). */
  recipients: Recipient[];
}

/** Period token carried by follow-up buttons so a tap keeps the asked time frame. */
export function periodToken(choice: RegimeChoice): string | undefined {
  const w = choice.window;
  if (choice.source === "date") return `d${w.from}`;
  if (choice.source === "year") return `y${w.year}`;
  if (choice.source === "now") return "n";
  if (choice.source === "document" || choice.source === "law") return `r${choice.regime}`;
  return undefined;
}

const TOPIC_FOR: Partial<Record<CriteriaAspect, string>> = { dossier: "ho_so_de_nghi_khen_thuong", deadline: "thoi_han_ho_so" };

/** Follow-up buttons: the other aspects of the title, then related entries. */
export function followUps(kb: CriteriaKb, entry: KbEntry, aspect: CriteriaAspect, locale: CriteriaLocale, period?: string): FollowUpAction[] {
  const out: FollowUpAction[] = [];
  if (entry.kind !== "topic") {
    if (aspect !== "criteria") out.push({ type: "criteria", id: entry.id, period });
    if (aspect !== "bonus" && rulesFor(kb, entry.id).length > 0) out.push({ type: "bonus", id: entry.id, period });
    if (aspect !== "dossier") out.push({ type: "dossier", id: entry.id, period });
    if (aspect !== "deadline") out.push({ type: "deadline", id: entry.id, period });
  }
  for (const id of entry.related.slice(0, entry.kind === "topic" ? 3 : 2)) {
    const rel = kb.entries.find((e) => e.id === id);
    if (rel) out.push({ type: "related", id, label: entryShortName(rel, locale), period });
  }
  return out;
}

function salaryRows(kb: CriteriaKb, choice: RegimeChoice): SalaryRow[] {
  const { from, to } = choice.window;
  return kb.salaryHistory.map((p) => ({
    from: p.from,
    to: p.to,
    amount: p.amount,
    basis: p.basis,
    unverified: p.unverified,
    highlight: p.from <= to && (p.to === null || p.to >= from),
  }));
}

function coefficientRows(kb: CriteriaKb, regime: RegimeId, locale: CriteriaLocale): CoefficientRow[] {
  return kb.bonusRules.flatMap((r) => {
    const c = r.coefficients[regime];
    const entry = kb.entries.find((e) => e.id === r.titleId);
    if (!c || !entry) return [];
    return [{ titleId: r.titleId, name: entryShortName(entry, locale), recipient: r.recipient, variant: r.variant, coefficient: c.value, unverified: c.unverified }];
  });
}

interface Built {
  sections: AnswerSection[];
  citations: string[];
  unverified: string[];
}

function addSection(out: Built, ctx: ComposeContext, entry: KbEntry, kind: SectionName): boolean {
  const r = resolveSection(entry, ctx.choice.regime, kind, true, kind === "notes" && ctx.aspect === "vote");
  if (!r) return false;
  out.sections.push(toAnswerSection(kind, r, ctx.locale, undefined, ctx.recipients));
  out.citations.push(...sectionCitations(kind, r, ctx.recipients));
  return true;
}

/** Sections of a title/form/topic answered on its own. */
function ownSections(ctx: ComposeContext, entry: KbEntry): Built {
  const { locale } = ctx;
  const regime = ctx.choice.regime;
  const out: Built = { sections: [], citations: [], unverified: [] };
  const order: SectionName[] =
    ctx.aspect === "decider" ? ["decidedBy", "criteria", "notes"] : ctx.aspect === "vote" ? ["notes", "criteria", "decidedBy"] : ["criteria", "decidedBy", "notes"];
  for (const kind of order) addSection(out, ctx, entry, kind);
  const gap = gapNote(entry, regime, locale);
  if (gap) out.unverified.push(gap);
  return out;
}

/** Dossier/deadline topic about one title: the title's own rules first, the topic's general rules as context. */
function subjectSections(ctx: ComposeContext, topic: KbEntry, subject: KbEntry, kind: "dossier" | "deadlines"): Built {
  const { locale } = ctx;
  const regime = ctx.choice.regime;
  const out: Built = { sections: [], citations: [], unverified: [] };
  const r = resolveSection(subject, regime, kind);
  if (r) {
    out.sections.push(toAnswerSection(kind, r, locale, entryName(subject, locale)));
    out.citations.push(...sectionCitations(kind, r));
  }
  if (!r || r.fallbackFrom) addSection(out, ctx, topic, "criteria");
  const gap = gapNote(topic, regime, locale) ?? gapNote(subject, regime, locale);
  if (gap) out.unverified.push(gap);
  return out;
}

/** Builds an entry answer for `entry` (a topic when `subject` is the title asked about). */
export function composeEntryAnswer(ctx: ComposeContext, entry: KbEntry, subject?: KbEntry): CriteriaAnswer {
  const { kb, locale, choice } = ctx;
  const today = localIsoDate(ctx.now);
  const built =
    subject && (entry.id === TOPIC_FOR.dossier || entry.id === TOPIC_FOR.deadline)
      ? subjectSections(ctx, entry, subject, entry.id === TOPIC_FOR.dossier ? "dossier" : "deadlines")
      : ownSections(ctx, entry);
  for (const s of built.sections) {
    if (!s.fallbackFrom || s.regime === "all") continue;
    s.regimeLabel = regimeShortLabel(kb, s.regime, locale);
    s.askedRegimeLabel = regimeShortLabel(kb, s.fallbackFrom, locale);
  }
  const inForce = currentRegime(kb, ctx.now);
  // Before 2024 the 2022 law was already passed: "luật mới" is summarised as upcoming rather than in force.
  const current: RegimeId = inForce === "2003" ? "2022" : inForce;
  let summary: CriteriaAnswer["current"];
  const focus = subject ?? entry;
  const summarySection: SectionName = ctx.aspect === "decider" ? "decidedBy" : "criteria";
  const summarised = ctx.aspect === "criteria" || ctx.aspect === "decider" || ctx.aspect === "vote" || (entry.kind === "topic" && !subject);
  const defaulted = choice.source === "campaign" || (choice.source === "now" && inForce === "2003");
  if (defaulted && current !== choice.regime && summarised && !sameCriteria(focus, choice.regime, current, summarySection)) {
    const key = keyCriteria(focus, current, locale, ctx.recipients, summarySection);
    const shown = new Set(built.sections.flatMap((s) => s.bullets.map((b) => b.text)));
    if (key && !key.bullets.every((b) => shown.has(b.text))) summary = { regime: current, regimeLabel: regimeLabel(kb, current, locale), upcoming: inForce === "2003", ...key };
  }
  const period = periodToken(choice);
  const warnings = unique([...regimeWarnings(kb, choice.regime, choice.window.to), ...regimeWarnings(kb, choice.regime, today)].map((w) => w.text[locale]));
  const actions = subject ? followUps(kb, subject, ctx.aspect, locale, period) : followUps(kb, entry, ctx.aspect, locale, period);
  return {
    kind: "entry",
    locale,
    kbVersion: kb.version,
    aspect: ctx.aspect,
    entryId: entry.id,
    entryName: entryName(entry, locale),
    entryKind: entry.kind,
    subjectId: subject?.id,
    regime: choice.regime,
    regimeLabel: regimeLabel(kb, choice.regime, locale),
    regimeSource: choice.source,
    window: choice.window,
    sections: built.sections,
    citations: unique([...built.citations, ...(summary?.citations ?? [])]),
    unverified: built.unverified,
    warnings,
    current: summary,
    salaryRows: entry.id === "luong_co_so" ? salaryRows(kb, choice) : undefined,
    coefficientRows: entry.id === "tien_thuong_nguyen_tac" ? coefficientRows(kb, choice.regime, locale) : undefined,
    suggestions: ctx.alsoNamed.flatMap((id) => {
      const e = kb.entries.find((x) => x.id === id);
      return e ? [{ id, name: entryShortName(e, locale) }] : [];
    }),
    actions,
    confidence: ctx.confidence,
    asksEligibility: ctx.asksEligibility,
  };
}
