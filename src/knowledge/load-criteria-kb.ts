/**
 * @module Loads and validates the criteria knowledge base (YAML files) into plain domain types.
 * Every error names the file and the field path, so a bad edit to the data fails at start-up, not in a chat.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { z } from "zod";
import type { CriteriaKb, KbBullet, KbEntry, RegimeBlock, RegimeKey } from "../domain/criteria/criteria-kb.js";
import { REQUIRED_ENTRY_IDS } from "../domain/criteria/criteria-kb.js";
import {
  bonusFileSchema,
  documentsFileSchema,
  entryFileSchema,
  lexiconFileSchema,
  manifestFileSchema,
  regimesFileSchema,
  salaryFileSchema,
  uncoveredFileSchema,
  type BulletFile,
  type EntryFile,
} from "./criteria-kb-schema.js";

/** Thrown when a knowledge-base file is missing, is not YAML, or breaks the schema or a cross-reference. */
export class CriteriaKbError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "CriteriaKbError";
  }
}

/** Folder holding the bundled knowledge base. */
export const DEFAULT_CRITERIA_KB_DIR = fileURLToPath(new URL("./criteria/", import.meta.url));

function readYaml<S extends z.ZodTypeAny>(dir: string, file: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(join(dir, file), "utf8"));
  } catch (err) {
    throw new CriteriaKbError(file, err instanceof Error ? err.message : String(err));
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new CriteriaKbError(file, issues.join("; "));
  }
  return result.data;
}

function toBullets(list: BulletFile[] | undefined): KbBullet[] | undefined {
  return list?.map((b) => ({ vi: b.vi, en: b.en, cite: b.cite, unverified: b.unverified, key: b.key, for: b.for }));
}

function toEntry(f: EntryFile): KbEntry {
  const regimes: Partial<Record<RegimeKey, RegimeBlock>> = {};
  for (const [key, block] of Object.entries(f.regimes) as [RegimeKey, NonNullable<EntryFile["regimes"]["all"]>][]) {
    if (!block) continue;
    regimes[key] = {
      criteria: toBullets(block.criteria),
      decidedBy: toBullets(block.decidedBy),
      dossier: toBullets(block.dossier),
      deadlines: toBullets(block.deadlines),
      notes: toBullets(block.notes),
      citations: block.citations,
      gap: block.gap,
    };
  }
  return {
    id: f.id,
    kind: f.kind,
    names: f.names,
    short: f.short,
    abbreviations: f.abbreviations,
    aliases: f.aliases,
    weakAliases: f.weakAliases,
    keywords: f.keywords,
    related: f.related,
    regimes,
  };
}

function loadEntries(dir: string): KbEntry[] {
  const files = readdirSync(join(dir, "entries")).filter((n) => n.endsWith(".yaml")).sort();
  return files.map((name) => {
    const file = `entries/${name}`;
    const entry = toEntry(readYaml(dir, file, entryFileSchema));
    if (`${entry.id}.yaml` !== name) throw new CriteriaKbError(file, `id: "${entry.id}" must match the file name`);
    return entry;
  });
}

function checkReferences(kb: CriteriaKb): void {
  const ids = new Set(kb.entries.map((e) => e.id));
  for (const required of REQUIRED_ENTRY_IDS) {
    if (!ids.has(required)) throw new CriteriaKbError(`entries/${required}.yaml`, "required entry is missing");
  }
  for (const e of kb.entries) {
    e.related.forEach((r, i) => {
      if (!ids.has(r)) throw new CriteriaKbError(`entries/${e.id}.yaml`, `related.${i}: unknown entry "${r}"`);
    });
  }
  kb.bonusRules.forEach((r, i) => {
    if (!ids.has(r.titleId)) throw new CriteriaKbError("bonus.yaml", `rules.${i}.title: unknown entry "${r.titleId}"`);
  });
  kb.salaryHistory.forEach((p, i) => {
    const next = kb.salaryHistory[i + 1];
    if (next && (p.to === null || p.to >= next.from)) {
      throw new CriteriaKbError("base-salary.yaml", `periods.${i}.to: must end before periods.${i + 1}.from`);
    }
  });
}

/**
 * Reads every file of the knowledge base in `dir` (default: the bundled src/knowledge/criteria),
 * validates it and returns the plain knowledge base. Throws CriteriaKbError naming the file and field path.
 */
export function loadCriteriaKb(dir: string = DEFAULT_CRITERIA_KB_DIR): CriteriaKb {
  const manifest = readYaml(dir, "manifest.yaml", manifestFileSchema);
  const bonus = readYaml(dir, "bonus.yaml", bonusFileSchema);
  const salary = readYaml(dir, "base-salary.yaml", salaryFileSchema);
  const regimes = readYaml(dir, "regimes.yaml", regimesFileSchema);
  const documents = readYaml(dir, "documents.yaml", documentsFileSchema);
  const uncovered = readYaml(dir, "uncovered.yaml", uncoveredFileSchema);
  const lexicon = readYaml(dir, "lexicon.yaml", lexiconFileSchema);
  const kb: CriteriaKb = {
    version: manifest.version,
    updated: manifest.updated,
    entries: loadEntries(dir),
    bonusRules: bonus.rules.map((r) => ({ titleId: r.title, recipient: r.recipient, variant: r.variant, note: r.note, coefficients: r.coefficients })),
    roundingCite: bonus.rounding.cite,
    salaryHistory: salary.periods,
    regimes: regimes.regimes.map((r) => ({
      ...r,
      warnings: r.warnings.map((w) => ({ from: w.from, text: { vi: w.vi, en: w.en } })),
    })),
    documents: documents.documents,
    uncovered: uncovered.awards,
    expansions: lexicon.expansions,
  };
  checkReferences(kb);
  return kb;
}
