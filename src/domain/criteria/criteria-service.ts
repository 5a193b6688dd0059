/**
 * @module Criteria service: answers officers' questions about award criteria, bonuses, dossiers and deadlines
 * from the versioned knowledge base, in the legal regime of the campaign (or the one the question names).
 */
import type { CriteriaAnswer } from "./criteria-answer.js";
import { createCriteriaIndex, type CriteriaIndex } from "./criteria-index.js";
import type { CriteriaKb, CriteriaLocale, KbEntry, RegimeId } from "./criteria-kb.js";
import { REGIME_IDS } from "./criteria-kb.js";
import { composeBonusAnswer } from "./compose-bonus-answer.js";
import { composeEntryAnswer, type ComposeContext } from "./compose-entry-answer.js";
import { composeNotFound } from "./compose-not-found.js";
import { readQuestionCues, type CriteriaAspect } from "./question-cues.js";
import { chooseRegime, type TimeCues } from "./regime.js";
import { routeQuestion } from "./route-question.js";
import { wordTable } from "../../shared/word-table.js";

/** Context of one question: the campaign's year, the current instant and the officer's language. */
export interface CriteriaContext {
  campaignYear: number;
  now: Date;
  locale: CriteriaLocale;
}

export interface CriteriaService {
  /** Answers a free-text question (Vietnamese or English, with or without diacritics). */
  answer(question: string, ctx: CriteriaContext): CriteriaAnswer;
  /** Answers a button press (`crit:<id>[:<action>[:<period>]]`); not_found for unknown data. */
  answerCallback(data: string, ctx: CriteriaContext): CriteriaAnswer;
  /** The entry with this id, or null. */
  findEntry(id: string): KbEntry | null;
  /** Knowledge-base version the answers come from. */
  readonly kbVersion: string;
}

/** Prefix of the callback data this service understands. */
export const CRITERIA_CALLBACK_PREFIX = "crit:";

const ACTIONS = wordTable<CriteriaAspect>({ bonus: "bonus", dossier: "dossier", deadline: "deadline", criteria: "criteria" });

/** Parses `crit:<id>[:<action>[:<period>]]`; null when malformed. */
export function parseCriteriaCallback(data: string): { id: string; aspect: CriteriaAspect; period?: string } | null {
  const m = /^crit:([a-z0-9_]+)(?::([a-z]+))?(?::([a-z0-9-]+))?$/.exec(data);
  if (!m) return null;
  const aspect = m[2] ? ACTIONS[m[2]] : "criteria";
  return aspect ? { id: m[1] as string, aspect, period: m[3] } : null;
}

/** Time cues encoded in a callback period token ("y2024", "d2024-03-15", "n", "r2022"). */
function periodCues(period: string | undefined): TimeCues {
  const base: TimeCues = { isNow: false, isOldLaw: false };
  if (!period) return base;
  if (period === "n") return { ...base, isNow: true };
  const year = /^y(\d{4})$/.exec(period);
  if (year) return { ...base, year: Number(year[1]) };
  const date = /^d(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (date) return { ...base, date: date[1], year: Number(date[1]?.slice(0, 4)) };
  const regime = /^r(\d{4})$/.exec(period);
  if (regime && REGIME_IDS.includes(regime[1] as RegimeId)) return { ...base, decreeRegime: regime[1] as RegimeId };
  return base;
}

/** Creates the service; the search index is built once here. */
export function createCriteriaService(deps: { kb: CriteriaKb }): CriteriaService {
  const { kb } = deps;
  const index: CriteriaIndex = createCriteriaIndex(kb);
  const byId = new Map(kb.entries.map((e) => [e.id, e]));

  function answer(question: string, ctx: CriteriaContext): CriteriaAnswer {
    const cues = readQuestionCues(kb, question, ctx.now);
    const choice = chooseRegime(kb, cues, ctx);
    const tokens = index.normalizer.tokensOf(question);
    const route = routeQuestion(kb, index, cues, tokens, ctx.locale);
    if (route.kind === "decline") {
      return composeNotFound({ kb, locale: ctx.locale, choice, aspect: cues.aspect, reason: route.reason, subject: route.subject, detail: route.detail, suggestionIds: route.suggestionIds, asksEligibility: cues.asksEligibility });
    }
    const compose: ComposeContext = {
      kb,
      locale: ctx.locale,
      now: ctx.now,
      choice,
      aspect: route.kind === "bonus" ? "bonus" : cues.aspect === "bonus" ? "criteria" : cues.aspect,
      asksEligibility: cues.asksEligibility,
      confidence: route.confidence,
      alsoNamed: route.kind === "entry" ? route.alsoNamed : [],
      recipients: cues.recipients,
    };
    if (route.kind === "bonus") return composeBonusAnswer(compose, route.entry, cues);
    return composeEntryAnswer(compose, route.entry, route.subject);
  }

  function answerCallback(data: string, ctx: CriteriaContext): CriteriaAnswer {
    const parsed = parseCriteriaCallback(data);
    const entry = parsed ? byId.get(parsed.id) : undefined;
    const choice = chooseRegime(kb, periodCues(parsed?.period), ctx);
    if (!parsed || !entry) {
      return composeNotFound({ kb, locale: ctx.locale, choice, aspect: "criteria", reason: "no_match", suggestionIds: [], asksEligibility: false });
    }
    const compose: ComposeContext = { kb, locale: ctx.locale, now: ctx.now, choice, aspect: parsed.aspect, asksEligibility: false, confidence: 1, alsoNamed: [], recipients: [] };
    if (parsed.aspect === "bonus") return composeBonusAnswer(compose, entry, { recipients: [] });
    if (parsed.aspect === "dossier" || parsed.aspect === "deadline") {
      const topic = byId.get(parsed.aspect === "dossier" ? "ho_so_de_nghi_khen_thuong" : "thoi_han_ho_so") as KbEntry;
      return composeEntryAnswer(compose, topic, entry.kind === "topic" ? undefined : entry);
    }
    return composeEntryAnswer(compose, entry);
  }

  return { answer, answerCallback, findEntry: (id) => byId.get(id) ?? null, kbVersion: kb.version };
}
