/**
 * @module "Not found" answers: the bot says it does not know (or that the question asks for records or a text it
 * does not hold) and offers the closest entries instead of inventing an answer.
 */
import type { CriteriaAnswer, NotFoundReason } from "./criteria-answer.js";
import type { CriteriaKb, CriteriaLocale } from "./criteria-kb.js";
import { entryShortName } from "./compose-sections.js";
import type { CriteriaAspect } from "./question-cues.js";
import type { RegimeChoice } from "./regime.js";

export interface NotFoundInput {
  kb: CriteriaKb;
  locale: CriteriaLocale;
  choice: RegimeChoice;
  aspect: CriteriaAspect;
  reason: NotFoundReason;
  /** Name of the document or award the question is about. */
  subject?: string;
  /** What the bot does know about it (document metadata). */
  detail?: string;
  /** Entry ids to suggest, best first. */
  suggestionIds: string[];
  asksEligibility: boolean;
}

const MAX_SUGGESTIONS = 4;

/** Builds a not_found answer with up to four suggestions (also offered as buttons). */
export function composeNotFound(input: NotFoundInput): CriteriaAnswer {
  const { kb, locale } = input;
  const suggestions = [...new Set(input.suggestionIds)]
    .map((id) => kb.entries.find((e) => e.id === id))
    .filter((e) => e !== undefined)
    .slice(0, MAX_SUGGESTIONS)
    .map((e) => ({ id: e.id, name: entryShortName(e, locale) }));
  return {
    kind: "not_found",
    locale,
    kbVersion: kb.version,
    aspect: input.aspect,
    regimeSource: input.choice.source,
    window: input.choice.window,
    sections: [],
    citations: [],
    unverified: [],
    warnings: [],
    suggestions,
    actions: suggestions.map((s) => ({ type: "related", id: s.id, label: s.name })),
    notFound: { reason: input.reason, subject: input.subject, detail: input.detail },
    confidence: 0,
    asksEligibility: input.asksEligibility,
  };
}
