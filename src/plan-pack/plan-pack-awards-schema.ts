/**
 * @module zod schemas of the plan-pack sections that are not indicators: legal bases, the award section (plan
 * II.4–II.6) and the cluster/block scoring model. All objects strict; cross-references are checked in
 * plan-pack-cross-check.ts.
 */
import { z } from "zod";
import { dateSchema, kebabCode, optionalText, snakeCode, text } from "./plan-pack-primitives.js";

export const legalBasisSchema = z
  .object({
    code: kebabCode,
    kind: z.enum(["law", "decree", "circular", "resolution", "decision", "directive", "guidance", "plan"]),
    number: text.nullable(),
    date: dateSchema.nullable(),
    issuer: text,
    title: text,
    roles: z.array(text).min(1),
    citedIn: z.array(text).default([]),
    verified: z.boolean(),
    note: optionalText,
  })
  .strict();

const ruleFields = {
  text,
  legalBases: z.array(kebabCode).default([]),
  criteria: z.array(text).default([]),
  verified: z.boolean().default(true),
  note: optionalText,
};
const awardRuleSchema = z.object(ruleFields).strict();

const rankAwardSchema = z
  .object({ rank: z.number().int().positive(), award: snakeCode, verified: z.boolean(), note: optionalText })
  .strict();

const baseSalarySchema = z
  .object({ from: dateSchema, to: dateSchema.nullable(), amount: z.number().int().positive(), basis: text })
  .strict();

const awardTitleSchema = z
  .object({
    id: snakeCode,
    name: text,
    nameEn: optionalText,
    category: z.enum(["title", "form"]),
    recipients: z.array(z.enum(["individual", "collective", "household"])).min(1),
    abbreviations: z.array(text).default([]),
    coefficientIndividual: z.number().positive().nullable(),
    coefficientCollective: z.number().positive().nullable(),
    decidedBy: optionalText,
    note: optionalText,
  })
  .strict();

export const awardsSchema = z
  .object({
    source: text,
    standards: z
      .object({ general: awardRuleSchema, clustersBlocks: awardRuleSchema, enterprisesOutsideBlocks: awardRuleSchema })
      .strict(),
    forms: z
      .object({ general: awardRuleSchema, clustersBlocks: awardRuleSchema, byRank: z.array(rankAwardSchema).default([]) })
      .strict(),
    bonus: z
      .object({
        general: awardRuleSchema,
        clustersBlocks: awardRuleSchema,
        decree: text,
        rounding: z.literal("up_to_10000"),
        baseSalary: z.array(baseSalarySchema).min(1),
      })
      .strict(),
    registration: z
      .object({ ...ruleFields, deadline: kebabCode.nullable(), pledgeDeadline: kebabCode.nullable() })
      .strict(),
    dossier: z
      .object({ ...ruleFields, deadline: kebabCode.nullable(), contents: z.array(text).default([]) })
      .strict(),
    titles: z.array(awardTitleSchema).min(1),
  })
  .strict();

const points = z.number().finite().min(0);

/** Mirrors domain/ranking/scoring-model.ts ScoringModel (all fields required in a pack) plus assumed/note. */
export const scoringSchema = z
  .object({
    assumed: z.boolean(),
    note: text,
    weights: z
      .object({ completion: points, timeliness: points, completeness: points, registration: points, pledge: points })
      .strict(),
    completionCap: z.number().min(1).max(3),
    latePenaltyPerDay: z.number().min(0).max(1),
    graceHours: z.number().min(0).max(24 * 7),
  })
  .strict();
