/**
 * @module What a plan pack (gói kế hoạch) becomes once parsed: the campaign the domain runs, plus the plan's legal
 * bases, award rules and the cluster/block scoring model. Plain types, no zod: storage, ranking and the CLI read
 * these. The YAML/JSON wire format is described in prisma/seed/README.md and validated by plan-pack-schema.ts.
 */
import type { CampaignDef, RegimeYear, UnitKind } from "../domain/campaigns/campaign.js";
import type { ScoringModel } from "../domain/ranking/scoring-model.js";

/** A document the plan rests on (nghị quyết, luật, quyết định…). `code` is referenced from awards and notes. */
export interface LegalBasis {
  code: string;
  kind: "law" | "decree" | "circular" | "resolution" | "decision" | "directive" | "guidance" | "plan";
  /** Official number as written, e.g. "534/NQ-HĐND"; null for a law cited by name only. */
  number: string | null;
  /** Date of signature, "YYYY-MM-DD"; null when the plan does not give it. */
  date: string | null;
  issuer: string;
  title: string;
  /** What the plan uses it for: basis of the plan, award standards, clusters/blocks, registration… */
  roles: string[];
  /** Where the plan cites it, e.g. "mở đầu", "II.4". */
  citedIn: string[];
  /** false when the text itself was not available to whoever wrote the pack (see law.md §10). */
  verified: boolean;
  note: string | null;
}

/** A chỉ tiêu group (kinh tế, văn hóa - xã hội…). */
export interface IndicatorGroup {
  code: string;
  name: string;
  nameEn: string | null;
  source: string | null;
}

/** Where an indicator's target is written in the plan text. */
export interface IndicatorSource {
  section: string;
  /** 1-based line in the bundled source text of the plan, when the pack names one. */
  line: number | null;
  /** The words of the plan, verbatim. */
  quote: string | null;
}

/** One award title or form (danh hiệu thi đua / hình thức khen thưởng) the plan leads to, with its bonus. */
export interface AwardTitle {
  /** Stable id shared with the criteria knowledge base, e.g. "lao_dong_tien_tien". */
  id: string;
  name: string;
  nameEn: string | null;
  /** title = danh hiệu thi đua; form = hình thức khen thưởng (bằng khen, giấy khen…). */
  category: "title" | "form";
  recipients: Array<"individual" | "collective" | "household">;
  abbreviations: string[];
  /** Bonus = coefficient × base salary on the decision date; null when none or unknown. */
  coefficientIndividual: number | null;
  coefficientCollective: number | null;
  decidedBy: string | null;
  note: string | null;
}

/** A rule of the plan's award section: free text plus the legal bases it points to. */
export interface AwardRule {
  text: string;
  legalBases: string[];
  /** Explicit criteria, one per bullet of the plan. */
  criteria: string[];
  /** false when the rule is an assumption or comes from practice rather than the plan or a retrieved text. */
  verified: boolean;
  note: string | null;
}

/** Mức lương cơ sở in force over a span of decision dates. */
export interface BaseSalaryPeriod {
  from: string;
  /** Last day in force, "YYYY-MM-DD"; null = still in force. */
  to: string | null;
  amount: number;
  basis: string;
}

/** Award placement by rank inside a cụm/khối (practice; QĐ 809 text unverified). */
export interface RankAward {
  rank: number;
  award: string;
  verified: boolean;
  note: string | null;
}

/** Section II.4–II.6 of the plan: standards, forms, bonuses, registration and dossiers. */
export interface AwardsSection {
  source: string;
  standards: { general: AwardRule; clustersBlocks: AwardRule; enterprisesOutsideBlocks: AwardRule };
  forms: { general: AwardRule; clustersBlocks: AwardRule; byRank: RankAward[] };
  bonus: {
    general: AwardRule;
    clustersBlocks: AwardRule;
    decree: string;
    rounding: "up_to_10000";
    baseSalary: BaseSalaryPeriod[];
  };
  registration: AwardRule & { deadline: string | null; pledgeDeadline: string | null };
  dossier: AwardRule & { deadline: string | null; contents: string[] };
  titles: AwardTitle[];
}

/**
 * Cluster/block (cụm, khối) ranking model, exactly the ScoringModel the ranking code reads
 * (domain/ranking/scoring-model.ts), plus whether the pack assumed it and why.
 */
export type PlanPackScoring = ScoringModel & {
  /** true: the model is this pack's assumption (the province's own method was not available). */
  assumed: boolean;
  note: string;
};

/** Plan content besides targets: who competes (II.1), what they compete on (II.2), purposes (I). */
export interface PlanContent {
  purposes: string[];
  requirements: string[];
  participants: string;
  focus: string[];
  movements: string[];
  solutions: string[];
  implementation: string[];
}

/** Facts about the pack itself. */
export interface PlanPackMeta {
  format: string;
  sourceName: string;
  /** sha256 of the canonical parsed content: unchanged by comments, key order or YAML vs JSON. */
  packHash: string;
  description: string;
  /** true for example packs that are not a real plan (their numbers are illustrative). */
  illustrative: boolean;
  /** File name of the plan text the pack encodes, when bundled. */
  sourceDocument: string | null;
  issuedBy: string | null;
  issuedAt: string | null;
  signer: string | null;
  timezone: string;
  regimeSource: "stated" | "derived";
  notes: string[];
  /** Non-fatal observations (e.g. a stated regime that differs from the one the year implies). */
  warnings: string[];
}

/** A parsed, validated plan pack. */
export interface PlanPack {
  campaign: CampaignDef;
  content: PlanContent;
  indicatorGroups: IndicatorGroup[];
  indicatorSources: Record<string, IndicatorSource>;
  legalBases: LegalBasis[];
  awards: AwardsSection;
  scoring: PlanPackScoring;
  meta: PlanPackMeta;
}

/** One problem found in a pack: the dotted path of the field, the YAML line when known, and what is wrong. */
export interface PlanPackIssue {
  path: string;
  line: number | null;
  message: string;
}

export type { RegimeYear, UnitKind };
