/**
 * @module The scoring model of cluster/block ranking (bình xét thi đua cụm/khối), carried by the plan pack.
 *
 * Every criterion yields a ratio in [0, 1] (completion may exceed 1 up to `completionCap`) and earns
 * ratio × weight points, so the weights are the maximum points of each criterion and the default adds up to 100:
 * - completion (hoàn thành chỉ tiêu): mean completion of the unit's judged indicators, each floored at 0 and capped;
 * - timeliness (đúng hạn): mean credit over the report deadlines already due: 1 on time (within `graceHours`),
 *   minus `latePenaltyPerDay` per started day late, 0 when never sent;
 * - completeness (đầy đủ): reports sent / reports owed so far;
 * - registration (đăng ký thi đua) and pledge (ký giao ước): 1 when done, else 0.
 * A criterion with nothing to judge yet (no deadline due, no judged indicator) earns 0 for everyone, which keeps
 * a unit that sent nothing from looking as good as one that did.
 */

/** Criteria of the scoring model, in tie-break order. */
export type Criterion = "completion" | "timeliness" | "completeness" | "registration" | "pledge";

/** Every criterion, in tie-break order. */
export const CRITERIA: readonly Criterion[] = ["completion", "timeliness", "completeness", "registration", "pledge"];

/** Weights and rules of the ranking (see the module header); plan packs override parts of it. */
export interface ScoringModel {
  /** Maximum points of each criterion (a ratio of 1 earns the full weight). */
  weights: Record<Criterion, number>;
  /** Cap on one indicator's completion before averaging: 1 = no extra credit for exceeding a target. */
  completionCap: number;
  /** Share of one deadline's credit lost per started day late (0.1 → nothing left after 10 days). */
  latePenaltyPerDay: number;
  /** Hours after the due time still counted as on time. */
  graceHours: number;
}

/** Default model: 50 completion, 20 timeliness, 15 completeness, 10 registration, 5 pledge = 100 points. */
export const DEFAULT_SCORING_MODEL: ScoringModel = {
  weights: { completion: 50, timeliness: 20, completeness: 15, registration: 10, pledge: 5 },
  completionCap: 1,
  latePenaltyPerDay: 0.1,
  graceHours: 0,
};

/** A partial model as a plan pack may write it; missing fields take the defaults. */
export interface ScoringModelOverrides {
  weights?: Partial<Record<Criterion, number>>;
  completionCap?: number;
  latePenaltyPerDay?: number;
  graceHours?: number;
}

/** Thrown when a scoring model or a manual adjustment is invalid; `problems` lists every issue found. */
export class RankingInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid ranking input: ${problems.join("; ")}`);
    this.name = "RankingInputError";
  }
}

/** Merges overrides onto the default model and checks it; throws {@link RankingInputError}. */
export function resolveScoringModel(overrides: ScoringModelOverrides = {}): ScoringModel {
  const model: ScoringModel = {
    weights: { ...DEFAULT_SCORING_MODEL.weights, ...overrides.weights },
    completionCap: overrides.completionCap ?? DEFAULT_SCORING_MODEL.completionCap,
    latePenaltyPerDay: overrides.latePenaltyPerDay ?? DEFAULT_SCORING_MODEL.latePenaltyPerDay,
    graceHours: overrides.graceHours ?? DEFAULT_SCORING_MODEL.graceHours,
  };
  const problems = scoringModelProblems(model);
  if (problems.length > 0) throw new RankingInputError(problems);
  return model;
}

/** Lists what is wrong with a model (empty when valid). */
export function scoringModelProblems(model: ScoringModel): string[] {
  const problems: string[] = [];
  for (const c of CRITERIA) {
    const w = model.weights[c];
    if (!Number.isFinite(w) || w < 0) problems.push(`weights.${c} must be a number ≥ 0`);
  }
  if (CRITERIA.every((c) => model.weights[c] === 0)) problems.push("at least one weight must be > 0");
  if (!Number.isFinite(model.completionCap) || model.completionCap < 1) problems.push("completionCap must be ≥ 1");
  if (!(model.latePenaltyPerDay >= 0 && model.latePenaltyPerDay <= 1)) problems.push("latePenaltyPerDay must be in [0, 1]");
  if (!Number.isFinite(model.graceHours) || model.graceHours < 0) problems.push("graceHours must be ≥ 0");
  return problems;
}

/** Highest total a unit can reach without adjustments. */
export function maxScore(model: ScoringModel): number {
  return CRITERIA.reduce((sum, c) => sum + model.weights[c] * (c === "completion" ? model.completionCap : 1), 0);
}
