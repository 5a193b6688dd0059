/**
 * @module zod schema of a plan pack file (YAML or JSON, format "thidua-plan-pack/1"). Every object is strict, so an
 * unknown or misspelt key is an error. Rules that span several fields (duplicate codes, references, weights adding
 * up…) live in plan-pack-cross-check.ts so that they are reported even when some field has the wrong type.
 * Field-by-field documentation: prisma/seed/README.md.
 */
import { z } from "zod";
import { awardsSchema, legalBasisSchema, scoringSchema } from "./plan-pack-awards-schema.js";
import {
  AGGREGATIONS,
  COMPARATORS,
  DEADLINE_KINDS,
  FREQUENCIES,
  SENSES,
  UNIT_KINDS,
  VALUE_KINDS,
  dateSchema,
  kebabCode,
  optionalText,
  snakeCode,
  text,
} from "./plan-pack-primitives.js";
import { isValidLocalDateTime, isValidPeriodCode, isValidTimeZone } from "./plan-pack-values.js";

/** The only format this parser reads; bump when a breaking change is made to the file layout. */
export const PLAN_PACK_FORMAT = "thidua-plan-pack/1";

const unitKindSchema = z.enum(UNIT_KINDS);

const indicatorSourceSchema = z
  .object({
    section: text,
    line: z.number().int().positive().optional(),
    quote: optionalText,
  })
  .strict();

const indicatorSchema = z
  .object({
    code: snakeCode,
    name: text,
    nameEn: text,
    group: snakeCode,
    measure: text,
    target: z.number().finite().nullable(),
    targetNote: optionalText,
    comparator: z.enum(COMPARATORS),
    frequency: z.enum(FREQUENCIES),
    aggregation: z.enum(AGGREGATIONS),
    aggregationNote: text,
    valueKind: z.enum(VALUE_KINDS),
    maxValue: z.number().finite().nullable().optional(),
    sense: z.enum(SENSES).optional(),
    accumulates: z.boolean().optional(),
    components: z.array(text).optional(),
    unitKinds: z.array(unitKindSchema).min(1).optional(),
    aliases: z.array(text).min(1, "At least one alias is needed"),
    note: optionalText,
    source: indicatorSourceSchema,
  })
  .strict();

const deadlineSchema = z
  .object({
    code: kebabCode,
    kind: z.enum(DEADLINE_KINDS),
    title: text,
    titleEn: optionalText,
    period: z.string().refine(isValidPeriodCode, "Expected a period code like 2021-M03, 2021-Q1, 2021-H1, 2021-9M, 2021-Y").nullable(),
    due: z.string().refine(isValidLocalDateTime, "Expected a real local date-time YYYY-MM-DDTHH:mm (no offset)"),
    assumed: z.boolean(),
    assumption: optionalText,
    source: optionalText,
    unitKinds: z.array(unitKindSchema).min(1).optional(),
  })
  .strict();

const reminderRuleSchema = z
  .object({
    kind: z.enum(DEADLINE_KINDS),
    offsetsDays: z.array(z.number().int().min(0).max(90)).min(1),
    escalationHours: z.array(z.number().int().positive().max(24 * 30)).max(3, "At most 3 escalation steps (unit head, cluster leader, board)"),
    note: optionalText,
  })
  .strict();

const campaignSchema = z
  .object({
    code: kebabCode,
    title: text,
    titleEn: optionalText,
    province: text,
    year: z.number().int().min(2000).max(2100),
    regimeYear: z.union([z.literal(2003), z.literal(2022)], { errorMap: () => ({ message: "Expected 2003 or 2022" }) }).optional(),
    timezone: z.string().refine(isValidTimeZone, "Unknown IANA time zone").default("Asia/Ho_Chi_Minh"),
    theme: text,
    themeEn: optionalText,
    issuedBy: optionalText,
    issuedAt: dateSchema.optional(),
    signer: optionalText,
    figuresInGroups: z.boolean(),
  })
  .strict();

const contentSchema = z
  .object({
    purposes: z.array(text).default([]),
    requirements: z.array(text).default([]),
    participants: text,
    focus: z.array(text).default([]),
    movements: z.array(text).default([]),
    solutions: z.array(text).default([]),
    implementation: z.array(text).default([]),
  })
  .strict();

const metaSchema = z
  .object({
    description: text,
    illustrative: z.boolean().default(false),
    sourceDocument: optionalText,
    notes: z.array(text).default([]),
  })
  .strict();

const groupSchema = z.object({ code: snakeCode, name: text, nameEn: optionalText, source: optionalText }).strict();

/** The whole file. */
export const planPackSchema = z
  .object({
    format: z.literal(PLAN_PACK_FORMAT),
    meta: metaSchema,
    campaign: campaignSchema,
    content: contentSchema,
    legalBases: z.array(legalBasisSchema).min(1),
    indicatorGroups: z.array(groupSchema).min(1),
    indicators: z.array(indicatorSchema).min(1),
    deadlines: z.array(deadlineSchema),
    reminderRules: z.array(reminderRuleSchema),
    awards: awardsSchema,
    scoring: scoringSchema,
  })
  .strict();

/** The file as validated (wire shape, before mapping to domain types). */
export type PlanPackFile = z.infer<typeof planPackSchema>;
export type PlanPackIndicator = z.infer<typeof indicatorSchema>;
export type PlanPackDeadline = z.infer<typeof deadlineSchema>;
