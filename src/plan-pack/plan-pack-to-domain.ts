/**
 * @module Maps a validated plan-pack file to the domain's CampaignDef and the pack's other sections. Optional wire
 * fields become explicit nulls/defaults here, so consumers never see `undefined` for a documented field.
 */
import type { CampaignDef, DeadlineDef, IndicatorDef, ReminderRule } from "../domain/campaigns/campaign.js";
import type { PlanPackDeadline, PlanPackFile, PlanPackIndicator } from "./plan-pack-schema.js";
import type { AwardRule, AwardsSection, IndicatorSource, LegalBasis, PlanPack, PlanPackScoring } from "./plan-pack-types.js";
import { deriveRegimeYear } from "./plan-pack-values.js";

function toIndicator(i: PlanPackIndicator): IndicatorDef {
  const def: IndicatorDef = {
    code: i.code,
    name: i.name,
    nameEn: i.nameEn,
    aliases: [...new Set(i.aliases)],
    group: i.group,
    measure: i.measure,
    target: i.target,
    comparator: i.comparator,
    frequency: i.frequency,
    aggregation: i.aggregation,
    valueKind: i.valueKind,
    source: i.source.section,
  };
  // Left out when the pack omits them, so the domain's inferred defaults apply (e.g. 100 for a percent share).
  if (i.maxValue !== undefined) def.maxValue = i.maxValue;
  if (i.sense !== undefined) def.sense = i.sense;
  if (i.accumulates !== undefined) def.accumulates = i.accumulates;
  if (i.targetNote !== undefined) def.targetNote = i.targetNote;
  if (i.components !== undefined) def.components = [...i.components];
  if (i.unitKinds !== undefined) def.unitKinds = [...i.unitKinds];
  if (i.note !== undefined) def.note = i.note;
  return def;
}

function toDeadline(d: PlanPackDeadline): DeadlineDef {
  const def: DeadlineDef = { code: d.code, kind: d.kind, title: d.title, period: d.period, due: d.due, assumed: d.assumed };
  if (d.unitKinds !== undefined) def.unitKinds = [...d.unitKinds];
  return def;
}

function toReminderRule(r: PlanPackFile["reminderRules"][number]): ReminderRule {
  // Largest offset first: the order the reminders fire in.
  return { kind: r.kind, offsetsDays: [...r.offsetsDays].sort((a, b) => b - a), escalationHours: [...r.escalationHours] };
}

function toRule(r: { text: string; legalBases: string[]; criteria: string[]; verified: boolean; note?: string | undefined }): AwardRule {
  return { text: r.text, legalBases: r.legalBases, criteria: r.criteria, verified: r.verified, note: r.note ?? null };
}

function toAwards(a: PlanPackFile["awards"]): AwardsSection {
  return {
    source: a.source,
    standards: {
      general: toRule(a.standards.general),
      clustersBlocks: toRule(a.standards.clustersBlocks),
      enterprisesOutsideBlocks: toRule(a.standards.enterprisesOutsideBlocks),
    },
    forms: {
      general: toRule(a.forms.general),
      clustersBlocks: toRule(a.forms.clustersBlocks),
      byRank: a.forms.byRank.map((r) => ({ rank: r.rank, award: r.award, verified: r.verified, note: r.note ?? null })),
    },
    bonus: {
      general: toRule(a.bonus.general),
      clustersBlocks: toRule(a.bonus.clustersBlocks),
      decree: a.bonus.decree,
      rounding: a.bonus.rounding,
      baseSalary: a.bonus.baseSalary.map((b) => ({ ...b })),
    },
    registration: { ...toRule(a.registration), deadline: a.registration.deadline, pledgeDeadline: a.registration.pledgeDeadline },
    dossier: { ...toRule(a.dossier), deadline: a.dossier.deadline, contents: a.dossier.contents },
    titles: a.titles.map((t) => ({
      id: t.id,
      name: t.name,
      nameEn: t.nameEn ?? null,
      category: t.category,
      recipients: t.recipients,
      abbreviations: t.abbreviations,
      coefficientIndividual: t.coefficientIndividual,
      coefficientCollective: t.coefficientCollective,
      decidedBy: t.decidedBy ?? null,
      note: t.note ?? null,
    })),
  };
}

function toLegalBasis(b: PlanPackFile["legalBases"][number]): LegalBasis {
  return { ...b, note: b.note ?? null };
}

/** Everything of the parsed pack except the two meta fields that depend on the file rather than its content. */
export type PlanPackContent = Omit<PlanPack, "meta"> & { meta: Omit<PlanPack["meta"], "sourceName" | "packHash"> };

function toCampaign(file: PlanPackFile): CampaignDef {
  const c = file.campaign;
  return {
    code: c.code,
    title: c.title,
    year: c.year,
    province: c.province,
    regimeYear: c.regimeYear ?? deriveRegimeYear(c.year),
    theme: c.theme,
    indicators: file.indicators.map(toIndicator),
    deadlines: file.deadlines.map(toDeadline).sort((a, b) => a.due.localeCompare(b.due) || a.code.localeCompare(b.code)),
    reminderRules: file.reminderRules.map(toReminderRule),
    figuresInGroups: c.figuresInGroups,
  };
}

function toMeta(file: PlanPackFile): PlanPackContent["meta"] {
  const c = file.campaign;
  const derived = deriveRegimeYear(c.year);
  const warnings: string[] = [];
  if (c.regimeYear !== undefined && c.regimeYear !== derived) {
    warnings.push(`campaign.regimeYear ${c.regimeYear} differs from ${derived}, the regime the year ${c.year} implies`);
  }
  return {
    format: file.format,
    description: file.meta.description,
    illustrative: file.meta.illustrative,
    sourceDocument: file.meta.sourceDocument ?? null,
    issuedBy: c.issuedBy ?? null,
    issuedAt: c.issuedAt ?? null,
    signer: c.signer ?? null,
    timezone: c.timezone,
    regimeSource: c.regimeYear !== undefined ? "stated" : "derived",
    notes: file.meta.notes,
    warnings,
  };
}

/** Maps a schema-valid, cross-checked file to the pack's domain shape. */
export function toPlanPackContent(file: PlanPackFile): PlanPackContent {
  const indicatorSources: Record<string, IndicatorSource> = {};
  for (const i of file.indicators) {
    indicatorSources[i.code] = { section: i.source.section, line: i.source.line ?? null, quote: i.source.quote ?? null };
  }
  const scoring: PlanPackScoring = { ...file.scoring, weights: { ...file.scoring.weights } };
  return {
    campaign: toCampaign(file),
    content: { ...file.content },
    indicatorGroups: file.indicatorGroups.map((g) => ({ code: g.code, name: g.name, nameEn: g.nameEn ?? null, source: g.source ?? null })),
    indicatorSources,
    legalBases: file.legalBases.map(toLegalBasis),
    awards: toAwards(file.awards),
    scoring,
    meta: toMeta(file),
  };
}
