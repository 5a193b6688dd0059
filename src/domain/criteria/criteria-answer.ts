/**
 * @module The structured answer of the criteria service. Texts from the knowledge base are already in the
 * asked locale; everything else (labels, numbers, dates) is rendered by conversation/flows/criteria-render.ts.
 */
import type { BonusComputation } from "./bonus-calculator.js";
import type { CriteriaLocale, EntryKind, Recipient, RegimeId, SectionName } from "./criteria-kb.js";
import type { CriteriaAspect } from "./question-cues.js";
import type { DecisionWindow, RegimeSource } from "./regime.js";

export type { CriteriaAspect, RegimeSource };

/** One bullet of an answer. */
export interface AnswerBullet {
  text: string;
  unverified: boolean;
}

/**
 * A block of bullets. `regime` is the regime the bullets come from; when it differs from the answer's regime
 * (the sources hold nothing for the asked one), `fallbackFrom` names the asked regime and the renderer says so.
 */
export interface AnswerSection {
  kind: SectionName;
  regime: RegimeId | "all";
  fallbackFrom?: RegimeId;
  /** Short labels of the borrowed regime and of the asked one, when the section was borrowed. */
  regimeLabel?: string;
  askedRegimeLabel?: string;
  /** Set when the section is about a title other than the answer's entry (dossier of CSTĐCS inside the dossier topic). */
  subjectName?: string;
  bullets: AnswerBullet[];
}

/** Why the bot does not answer. */
export type NotFoundReason = "no_match" | "ambiguous" | "not_in_kb" | "document_not_held" | "records_not_held";

/** A follow-up the renderer turns into a button (`crit:<id>:<action>[:<period>]`) or a numbered choice. */
export interface FollowUpAction {
  type: "criteria" | "bonus" | "dossier" | "deadline" | "related";
  id: string;
  /** Display name for related entries and suggestions. */
  label?: string;
  /** Period token that keeps the asked time frame: "y2024", "d2024-03-15", "n" (now); absent = campaign year. */
  period?: string;
}

/** One row of the base-salary history (topic luong_co_so). */
export interface SalaryRow {
  from: string;
  to: string | null;
  amount: number;
  basis: string;
  unverified: boolean;
  /** In force during the asked window. */
  highlight: boolean;
}

/** One coefficient of the regime's table (topic tien_thuong_nguyen_tac). */
export interface CoefficientRow {
  titleId: string;
  name: string;
  recipient: Recipient;
  variant: string;
  coefficient: number | null;
  unverified: boolean;
}

/** A computed bonus with the names the renderer needs. */
export interface BonusAnswer extends BonusComputation {
  titleName: string;
  window: DecisionWindow;
  /** The title has no coefficient in the sources at all (e.g. Gia đình văn hóa). */
  noRule: boolean;
  /** Notes on how the coefficients changed across regimes (localised). */
  notes: string[];
  /** The same bonus if the decision were signed today, when the question fell back to an older campaign year. */
  today?: BonusComputation & { date: string };
}

export interface CriteriaAnswer {
  kind: "entry" | "bonus" | "not_found";
  locale: CriteriaLocale;
  /** Version of the knowledge base the answer comes from. */
  kbVersion: string;
  aspect: CriteriaAspect;
  /** Entry answered (a title, a form or a topic). */
  entryId?: string;
  entryName?: string;
  entryKind?: EntryKind;
  /** The title the question is about when the entry is a topic (e.g. dossier of CSTĐCS → ho_so_de_nghi_khen_thuong). */
  subjectId?: string;
  regime?: RegimeId;
  regimeLabel?: string;
  regimeSource: RegimeSource;
  window: DecisionWindow;
  sections: AnswerSection[];
  citations: string[];
  /** Unverified gaps and facts, shown as such. */
  unverified: string[];
  /** Regime warnings (reported amending law, expiring decree). */
  warnings: string[];
  /** Key bullets of the regime in force today (or of the 2022 law before it took effect), when the answer used an older regime by default. */
  current?: { regime: RegimeId; regimeLabel: string; bullets: AnswerBullet[]; citations: string[]; /** Not yet in force at `now` (the 2022 law before 2024). */ upcoming: boolean };
  bonus?: BonusAnswer;
  salaryRows?: SalaryRow[];
  coefficientRows?: CoefficientRow[];
  /** Closest entries (not_found) or other titles named in the question. */
  suggestions: { id: string; name: string }[];
  actions: FollowUpAction[];
  notFound?: { reason: NotFoundReason; subject?: string; detail?: string };
  /** Alias coverage of the answered entry (0..1), 0 for not_found. */
  confidence: number;
  asksEligibility: boolean;
}
