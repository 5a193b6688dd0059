/**
 * @module zod schemas of the criteria knowledge-base files (src/knowledge/criteria/*.yaml).
 * The inferred types stay here; the loader maps them onto the plain domain types of domain/criteria/criteria-kb.ts.
 */
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected an ISO date YYYY-MM-DD");
const regimeId = z.enum(["2003", "2022", "2025"]);
const text = z.string().trim().min(1);
const localized = z.object({ vi: text, en: text }).strict();
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "expected a snake_case id");

const bulletSchema = z
  .object({
    vi: text,
    en: text.optional(),
    cite: z.array(text).default([]),
    unverified: z.boolean().default(false),
    key: z.boolean().default(false),
    for: z.array(z.enum(["individual", "collective", "household"])).optional(),
  })
  .strict();

export type BulletFile = z.infer<typeof bulletSchema>;

const bullets = z.array(bulletSchema).min(1);

const regimeBlockSchema = z
  .object({
    criteria: bullets.optional(),
    decidedBy: bullets.optional(),
    dossier: bullets.optional(),
    deadlines: bullets.optional(),
    notes: bullets.optional(),
    citations: z.array(text).default([]),
    gap: localized.optional(),
  })
  .strict()
  .refine((b) => b.criteria || b.decidedBy || b.dossier || b.deadlines || b.notes || b.gap, {
    message: "a regime block needs at least one section or a gap note",
  });

const phrases = z.object({ vi: z.array(text).default([]), en: z.array(text).default([]) }).strict();

export const entryFileSchema = z
  .object({
    id,
    kind: z.enum(["individual", "collective", "household", "form", "topic"]),
    names: localized,
    short: localized.optional(),
    abbreviations: z.array(text).default([]),
    aliases: phrases,
    weakAliases: phrases.default({ vi: [], en: [] }),
    keywords: phrases.default({ vi: [], en: [] }),
    related: z.array(id).default([]),
    regimes: z
      .object({
        "2003": regimeBlockSchema.optional(),
        "2022": regimeBlockSchema.optional(),
        "2025": regimeBlockSchema.optional(),
        all: regimeBlockSchema.optional(),
      })
      .strict()
      .refine((r) => Object.keys(r).length > 0, { message: "at least one regime block is required" }),
  })
  .strict();
export type EntryFile = z.infer<typeof entryFileSchema>;

const coefficientSchema = z
  .object({ value: z.number().positive().nullable(), unverified: z.boolean().default(false), cite: text })
  .strict();

export const bonusFileSchema = z
  .object({
    rounding: z.object({ rule: z.literal("up_10000"), cite: z.record(regimeId, text) }).strict(),
    rules: z.array(
      z
        .object({
          title: id,
          recipient: z.enum(["individual", "collective", "household"]),
          variant: id.default("default"),
          note: localized.optional(),
          coefficients: z
            .object({ "2003": coefficientSchema.optional(), "2022": coefficientSchema.optional(), "2025": coefficientSchema.optional() })
            .strict(),
        })
        .strict(),
    ),
  })
  .strict();
export type BonusFile = z.infer<typeof bonusFileSchema>;

export const salaryFileSchema = z
  .object({
    periods: z
      .array(
        z
          .object({
            from: isoDate,
            to: isoDate.nullable(),
            amount: z.number().int().positive(),
            basis: text,
            unverified: z.boolean().default(false),
            note: localized.optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type SalaryFile = z.infer<typeof salaryFileSchema>;

export const regimesFileSchema = z
  .object({
    regimes: z
      .array(
        z
          .object({
            id: regimeId,
            from: isoDate,
            to: isoDate.nullable(),
            decree: text,
            label: localized,
            short: localized,
            warnings: z.array(z.object({ from: isoDate, vi: text, en: text }).strict()).default([]),
          })
          .strict(),
      )
      .length(3),
  })
  .strict();
export type RegimesFile = z.infer<typeof regimesFileSchema>;

export const documentsFileSchema = z
  .object({
    documents: z.array(
      z
        .object({
          id,
          type: z.enum(["luat", "nd", "tt", "qd", "nq", "hd", "cv"]),
          number: z.string().regex(/^\d+$/),
          year: z.number().int().min(1990).max(2100),
          regime: z.enum(["2003", "2022", "2025", "law2022"]).optional(),
          textHeld: z.boolean(),
          title: localized,
          meta: localized.optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type DocumentsFile = z.infer<typeof documentsFileSchema>;

export const uncoveredFileSchema = z
  .object({ awards: z.array(z.object({ id, names: localized, terms: z.array(text).min(1) }).strict()) })
  .strict();

export const lexiconFileSchema = z.object({ expansions: z.record(z.string().min(1), text) }).strict();

export const manifestFileSchema = z.object({ version: text, updated: isoDate, source: text }).strict();
