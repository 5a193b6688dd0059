/**
 * @module Picks what an entry says under a regime, section by section. A section missing for the asked regime
 * is taken from the nearest regime that has it and marked as such (never shown as if it applied).
 */
import type { AnswerBullet, AnswerSection } from "./criteria-answer.js";
import type { CriteriaKb, CriteriaLocale, KbBullet, KbEntry, Recipient, RegimeBlock, RegimeId, SectionName } from "./criteria-kb.js";
import { bulletText } from "./criteria-kb.js";

/** Where to look when the asked regime has nothing: nearest in time first. */
const FALLBACK_ORDER: Record<RegimeId, RegimeId[]> = {
  "2003": ["2022", "2025"],
  "2022": ["2025", "2003"],
  "2025": ["2022", "2003"],
};

/** Sections whose content is the same law for 2022 and 2025 (NĐ 152 changes decree matters, not the law's criteria). */
const INHERITED_2025: readonly SectionName[] = ["criteria", "decidedBy"];

/** Sections worth borrowing from another regime (with a note); notes and deciders are regime-specific. */
const BORROWABLE: readonly SectionName[] = ["criteria", "dossier", "deadlines"];

export interface ResolvedSection {
  bullets: KbBullet[];
  /** Regime block the bullets come from. */
  source: RegimeId | "all";
  block: RegimeBlock;
  /** Set when borrowed from another regime. */
  fallbackFrom?: RegimeId;
}

function own(entry: KbEntry, regime: RegimeId, name: SectionName): ResolvedSection | null {
  const tries: (RegimeId | "all")[] = [regime];
  if (regime === "2025" && INHERITED_2025.includes(name)) tries.push("2022");
  tries.push("all");
  for (const key of tries) {
    const block = entry.regimes[key];
    const bullets = block?.[name];
    if (block && bullets?.length) return { bullets, source: key === "2022" && regime === "2025" ? "2025" : key, block };
  }
  return null;
}

/**
 * The section of `entry` for `regime`, borrowed from another regime (marked) when allowed and needed.
 * `borrowAny` also borrows notes (a vote question needs the vote rule even if only another regime states it).
 */
export function resolveSection(entry: KbEntry, regime: RegimeId, name: SectionName, allowFallback = true, borrowAny = false): ResolvedSection | null {
  const found = own(entry, regime, name);
  if (found || !allowFallback || (!BORROWABLE.includes(name) && !borrowAny)) return found;
  for (const other of FALLBACK_ORDER[regime]) {
    const block = entry.regimes[other];
    const bullets = block?.[name];
    if (block && bullets?.length) return { bullets, source: other, block, fallbackFrom: regime };
  }
  return null;
}

/** The gap note of the regime (what the sources do not give), localised. */
export function gapNote(entry: KbEntry, regime: RegimeId, locale: CriteriaLocale): string | undefined {
  const gap = entry.regimes[regime]?.gap ?? entry.regimes.all?.gap;
  return gap ? gap[locale] : undefined;
}

/** Keeps the bullets about the named recipients (all bullets when none is named or nothing would remain). */
export function forRecipients(bullets: KbBullet[], recipients: readonly Recipient[]): KbBullet[] {
  if (recipients.length === 0) return bullets;
  const kept = bullets.filter((b) => !b.for || b.for.some((r) => recipients.includes(r)));
  return kept.length > 0 ? kept : bullets;
}

/** Converts a resolved section into an answer section (localised bullets, filtered by recipients). */
export function toAnswerSection(kind: SectionName, r: ResolvedSection, locale: CriteriaLocale, subjectName?: string, recipients: readonly Recipient[] = []): AnswerSection {
  const bullets = forRecipients(r.bullets, recipients);
  return {
    kind,
    regime: r.source,
    fallbackFrom: r.fallbackFrom,
    subjectName,
    bullets: bullets.map((b): AnswerBullet => ({ text: bulletText(b, locale), unverified: b.unverified })),
  };
}

/** Citations behind a resolved section: the block's citations for the main body, plus each shown bullet's own. */
export function sectionCitations(kind: SectionName, r: ResolvedSection, recipients: readonly Recipient[] = []): string[] {
  const base = kind === "criteria" ? r.block.citations : [];
  return [...base, ...forRecipients(r.bullets, recipients).flatMap((b) => b.cite)];
}

/** Key bullets of a section (criteria by default) under `regime`: the short summary of the law in force today. */
export function keyCriteria(
  entry: KbEntry,
  regime: RegimeId,
  locale: CriteriaLocale,
  recipients: readonly Recipient[] = [],
  section: SectionName = "criteria",
): { bullets: AnswerBullet[]; citations: string[] } | null {
  const r = resolveSection(entry, regime, section, false);
  if (!r) return null;
  const all = forRecipients(r.bullets, recipients);
  const key = all.filter((b) => b.key);
  const chosen = key.length > 0 ? key : all.slice(0, 3);
  return {
    bullets: chosen.map((b) => ({ text: bulletText(b, locale), unverified: b.unverified })),
    citations: [...r.block.citations, ...chosen.flatMap((b) => b.cite)],
  };
}

/** Whether two regimes give the same criteria bullets (then no "current law" summary is needed). */
export function sameCriteria(entry: KbEntry, a: RegimeId, b: RegimeId, section: SectionName = "criteria"): boolean {
  const ra = resolveSection(entry, a, section, false);
  const rb = resolveSection(entry, b, section, false);
  return !!ra && !!rb && ra.bullets === rb.bullets;
}

/** Display name of an entry (with its abbreviation when it has one). */
export function entryName(entry: KbEntry, locale: CriteriaLocale): string {
  const name = entry.names[locale];
  const short = entry.short?.[locale];
  return short && !name.includes(short) && !name.includes("(") && entry.kind !== "topic" ? `${name} (${short})` : name;
}

/** Short label for buttons. */
export function entryShortName(entry: KbEntry, locale: CriteriaLocale): string {
  return entry.short?.[locale] ?? entry.names[locale];
}

/** The regime's human label ("Luật TĐKT 2003 (sửa đổi 2013) và Nghị định 91/2017/NĐ-CP"). */
export function regimeLabel(kb: CriteriaKb, regime: RegimeId, locale: CriteriaLocale): string {
  return kb.regimes.find((r) => r.id === regime)?.label[locale] ?? regime;
}

/** The regime's short label ("Luật 2003 + NĐ 91/2017 (đến 31/12/2023)"). */
export function regimeShortLabel(kb: CriteriaKb, regime: RegimeId, locale: CriteriaLocale): string {
  return kb.regimes.find((r) => r.id === regime)?.short[locale] ?? regime;
}

/** De-duplicates while keeping order. */
export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
