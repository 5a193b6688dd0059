/**
 * @module Turns a CriteriaAnswer into a phone-sized OutboundMessage: title, bullets, source line, then buttons
 * (`crit:<id>:<action>[:<period>]`) or numbered choices on platforms without buttons. Plain text; **bold** marks.
 */
import type { Button, OutboundMessage } from "../channel-port.js";
import type { BonusLine } from "../../domain/criteria/bonus-calculator.js";
import type { AnswerBullet, AnswerSection, CriteriaAnswer, FollowUpAction } from "../../domain/criteria/criteria-answer.js";
import type { EligibilityResult } from "../../domain/criteria/eligibility.js";

/** Translator provided by the i18n layer. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface RenderOptions {
  supportsButtons: boolean;
  /** Longest text the channel takes (Zalo ≈ 2000); default 1900. */
  maxLength?: number;
}

const DEFAULT_MAX = 1900;
const TELEGRAM_CALLBACK_MAX = 64;

/** "1490000" → "1.490.000" (vi) / "1,490,000" (en). */
export function formatVnd(amount: number, locale: "vi" | "en"): string {
  return String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, locale === "vi" ? "." : ",");
}

/** 1 → "1,0", 0.15 → "0,15" (vi); "1.0", "0.15" (en). */
export function formatCoefficient(c: number, locale: "vi" | "en"): string {
  const s = Number.isInteger(c) ? c.toFixed(1) : String(c);
  return locale === "vi" ? s.replace(".", ",") : s;
}

/** "2024-07-01" → "01/07/2024". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** A bullet line; the unverified mark is added unless the text already says so. */
function bullet(b: AnswerBullet, t: Translate): string {
  const mark = t("criteria.unverified_mark");
  const says = b.text.toLowerCase().includes(mark.replace(/[()]/g, "").toLowerCase());
  return `• ${b.text}${b.unverified && !says ? ` ${mark}` : ""}`;
}

function basisText(a: CriteriaAnswer, t: Translate): string {
  const w = a.window;
  switch (a.regimeSource) {
    case "campaign":
      return t("criteria.basis.campaign", { year: w.year ?? w.from.slice(0, 4) });
    case "year":
      return t("criteria.basis.year", { year: w.year ?? w.from.slice(0, 4) });
    case "date":
      return t("criteria.basis.date", { date: formatDate(w.from) });
    case "now":
      return t("criteria.basis.now", { date: formatDate(w.from) });
    case "document":
      return t("criteria.basis.document");
    default:
      return t("criteria.basis.law");
  }
}

function sectionLines(s: AnswerSection, a: CriteriaAnswer, t: Translate, isTopic: boolean): string[] {
  const name = t(s.kind === "criteria" && isTopic ? "criteria.section.topic" : `criteria.section.${s.kind}`);
  const heading = s.subjectName ? t("criteria.section.about", { section: name, subject: s.subjectName }) : name;
  const out = [`**${heading}:**`];
  if (s.fallbackFrom && s.regimeLabel) out.push(t("criteria.fallback", { asked: s.askedRegimeLabel ?? s.fallbackFrom, used: s.regimeLabel }));
  out.push(...s.bullets.map((b) => bullet(b, t)));
  return out;
}

/** Blocks of text in display order; when the message is too long, blocks with a `drop` rank go first (lowest first). */
interface Block {
  lines: string[];
  drop?: number;
}

function entryBlocks(a: CriteriaAnswer, t: Translate): Block[] {
  const isTopic = a.entryKind === "topic";
  const regimeFree = a.sections.length > 0 && a.sections.every((s) => s.regime === "all");
  const head = [`**${a.entryName ?? ""}**`];
  if (!regimeFree) head.push(t("criteria.applies", { regime: a.regimeLabel ?? "", basis: basisText(a, t) }));
  const blocks: Block[] = [{ lines: head }];
  for (const s of a.sections) blocks.push({ lines: sectionLines(s, a, t, isTopic), drop: s.kind === "notes" && a.aspect !== "vote" ? 1 : undefined });
  if (a.salaryRows) {
    blocks.push({
      lines: [
        `**${t("criteria.salary.title")}**`,
        ...a.salaryRows.map((r) => {
          const p = { from: formatDate(r.from), to: r.to ? formatDate(r.to) : "", amount: formatVnd(r.amount, a.locale), basis: r.basis };
          const row = t(r.to ? "criteria.salary.row" : "criteria.salary.row_open", p);
          return `• ${row}${r.unverified ? ` ${t("criteria.unverified_mark")}` : ""}${r.highlight ? ` ${t("criteria.salary.highlight")}` : ""}`;
        }),
      ],
    });
  }
  if (a.coefficientRows) {
    blocks.push({
      lines: [
        `**${t("criteria.coef.title", { regime: a.regimeLabel ?? "" })}**`,
        ...a.coefficientRows.map((r) => {
          const who = r.variant !== "default" ? t(`criteria.variant.${r.variant}`) : t(`criteria.recipient.${r.recipient}`);
          const coef = r.coefficient === null ? t("criteria.coef.unknown") : `${formatCoefficient(r.coefficient, a.locale)}${r.unverified ? ` ${t("criteria.unverified_mark")}` : ""}`;
          return `• ${t("criteria.coef.row", { name: r.name, who, coef })}`;
        }),
      ],
      drop: 2,
    });
  }
  if (a.current) {
    const heading = t(a.current.upcoming ? "criteria.upcoming" : "criteria.current", { regime: a.current.regimeLabel });
    blocks.push({ lines: [`**${heading}**`, ...a.current.bullets.map((b) => bullet(b, t))], drop: 3 });
  }
  return blocks;
}

function bonusLine(l: BonusLine, who: string, a: CriteriaAnswer, t: Translate): string {
  if (l.coefficient === null || l.raw === null) return `• ${t("criteria.bonus.coef_unknown", { who, cite: l.coefficientCite })}`;
  let s = `• ${t("criteria.bonus.line", { who, coef: formatCoefficient(l.coefficient, a.locale), salary: formatVnd(l.baseSalary, a.locale), amount: formatVnd(l.raw, a.locale) })}`;
  if (l.rounded !== null && l.rounded !== l.raw) s += ` ${t("criteria.bonus.rounded", { amount: formatVnd(l.rounded, a.locale) })}`;
  if (l.coefficientUnverified) s += ` ${t("criteria.bonus.coef_unverified")}`;
  return s;
}

function bonusGroups(lines: BonusLine[], a: CriteriaAnswer, t: Translate, withSalary: boolean): string[] {
  const variants = new Set(lines.map((l) => l.variant));
  const who = (l: BonusLine): string =>
    variants.size > 1 || l.variant !== "default" ? `${t(`criteria.variant.${l.variant}`)} – ${t(`criteria.recipient.${l.recipient}`)}` : t(`criteria.recipient.${l.recipient}`);
  const groups = new Map<string, BonusLine[]>();
  for (const l of lines) groups.set(`${l.from}|${l.to}`, [...(groups.get(`${l.from}|${l.to}`) ?? []), l]);
  const out: string[] = [];
  for (const [key, group] of groups) {
    const [from, to] = key.split("|") as [string, string];
    if (groups.size > 1) out.push(t("criteria.bonus.segment", { from: formatDate(from), to: formatDate(to) }));
    out.push(...group.map((l) => bonusLine(l, who(l), a, t)));
    const first = group[0] as BonusLine;
    if (withSalary && first.salaryBasis) out.push(`${t("criteria.bonus.salary", { amount: formatVnd(first.baseSalary, a.locale), basis: first.salaryBasis })}${first.salaryUnverified ? ` ${t("criteria.unverified_mark")}` : ""}`);
  }
  return out;
}

function bonusBlocks(a: CriteriaAnswer, t: Translate): Block[] {
  const b = a.bonus;
  if (!b) return [];
  const head = [`**${t("criteria.bonus.title", { name: b.titleName })}**`];
  const w = b.window;
  if (b.salarySource === "question") head.push(t("criteria.bonus.salary_question", { amount: formatVnd(b.lines[0]?.baseSalary ?? 0, a.locale) }));
  else if (w.basis === "year") head.push(t("criteria.bonus.window.year", { year: w.year ?? w.from.slice(0, 4) }));
  else if (w.basis === "regime") head.push(t("criteria.bonus.window.regime", { from: formatDate(w.from), to: formatDate(w.to) }));
  else head.push(t(`criteria.bonus.window.${w.basis}`, { date: formatDate(w.from) }));
  const blocks: Block[] = [{ lines: head }];
  if (b.noRule) blocks.push({ lines: [t("criteria.bonus.no_rule", { name: b.titleName })] });
  else if (b.lines.length === 0) blocks.push({ lines: [t("criteria.bonus.no_lines")] });
  else blocks.push({ lines: bonusGroups(b.lines, a, t, b.salarySource === "history") });
  if (b.clipped) blocks.push({ lines: [t("criteria.bonus.clipped")] });
  if (b.notes.length > 0) blocks.push({ lines: b.notes.map((n) => `• ${n}`), drop: 1 });
  blocks.push({ lines: [t("criteria.bonus.rule")] });
  if (b.today) blocks.push({ lines: [`**${t("criteria.bonus.today", { date: formatDate(b.today.date) })}**`, ...bonusGroups(b.today.lines, a, t, true)], drop: 2 });
  return blocks;
}

function notFoundBlocks(a: CriteriaAnswer, t: Translate): Block[] {
  const nf = a.notFound;
  const lines: string[] = [];
  if (nf) {
    lines.push(t(`criteria.not_found.${nf.reason}`, { subject: nf.subject ?? "" }));
    if (nf.detail) lines.push(t("criteria.not_found.document_meta", { detail: nf.detail }));
  }
  lines.push(t("criteria.not_found.common"));
  if (a.suggestions.length > 0) lines.push(t("criteria.not_found.suggest"));
  return [{ lines }];
}

function tailBlocks(a: CriteriaAnswer, t: Translate): Block[] {
  const out: Block[] = [];
  for (const u of a.unverified) out.push({ lines: [t("criteria.unverified_note", { text: u })] });
  for (const w of a.warnings) out.push({ lines: [t("criteria.warning", { text: w })] });
  if (a.asksEligibility && a.kind === "entry") out.push({ lines: [t("criteria.eligibility_hint")], drop: 1 });
  if (a.citations.length > 0) out.push({ lines: [t("criteria.sources", { list: a.citations.join("; ") })], drop: 4 });
  if (a.citations.length > 3) out.push({ lines: [t("criteria.sources", { list: `${a.citations.slice(0, 3).join("; ")}; …` })], drop: -1 });
  return out;
}

/** Callback data of a follow-up (`crit:<id>:<action>[:<period>]`), always within Telegram's 64 bytes. */
export function actionData(action: FollowUpAction): string {
  const type = action.type === "related" ? "criteria" : action.type;
  const full = `crit:${action.id}:${type}${action.period ? `:${action.period}` : ""}`;
  return Buffer.byteLength(full) <= TELEGRAM_CALLBACK_MAX ? full : `crit:${action.id}:${type}`;
}

/** The follow-ups as buttons, in display order (also what numbered replies "1", "2"… stand for). */
export function criteriaChoices(answer: CriteriaAnswer, t: Translate): Button[] {
  return answer.actions.map((a) => ({ label: a.type === "related" ? (a.label ?? a.id) : t(`criteria.action.${a.type}`), data: actionData(a) }));
}

/**
 * Fits the blocks into `max` characters: drops ranked blocks lowest rank first (a rank -1 block is a shortened
 * stand-in, shown only when the full block it replaces, rank 4, had to go), then trims the longest block.
 */
function fit(blocks: Block[], max: number, t: Translate): string {
  const join = (bs: Block[]): string => bs.filter((b) => b.drop !== -1 || !bs.some((x) => x.drop === 4)).map((b) => b.lines.join("\n")).join("\n\n");
  let kept = [...blocks];
  const ranks = [...new Set(blocks.map((b) => b.drop).filter((d): d is number => d !== undefined && d > 0))].sort((x, y) => x - y);
  for (const rank of ranks) {
    if (join(kept).length <= max) break;
    kept = kept.filter((b) => b.drop !== rank);
  }
  let text = join(kept);
  if (text.length <= max) return text;
  const marker = `\n${t("criteria.truncated")}`;
  const largest = kept.reduce((m, b) => (b.lines.length > m.lines.length ? b : m), kept[0] as Block);
  while (join(kept).length + marker.length > max && largest.lines.length > 2) largest.lines = largest.lines.slice(0, -1);
  text = join(kept);
  return text.length + marker.length <= max ? `${text}${marker}` : `${text.slice(0, max - marker.length - 1)}…${marker}`;
}

/** Renders the answer for a phone screen. */
export function renderCriteriaAnswer(answer: CriteriaAnswer, t: Translate, opts: RenderOptions): OutboundMessage {
  const body = answer.kind === "not_found" ? notFoundBlocks(answer, t) : answer.kind === "bonus" ? bonusBlocks(answer, t) : entryBlocks(answer, t);
  const blocks = [...body.map((b) => ({ ...b, lines: [...b.lines] })), ...tailBlocks(answer, t)];
  const choices = criteriaChoices(answer, t);
  if (!opts.supportsButtons && choices.length > 0) {
    blocks.push({ lines: [t("criteria.choose"), ...choices.map((c, i) => `${i + 1}. ${c.label}`)] });
  }
  const text = fit(blocks, opts.maxLength ?? DEFAULT_MAX, t);
  if (!opts.supportsButtons || choices.length === 0) return { text };
  const rows: Button[][] = [];
  for (let i = 0; i < choices.length; i += 2) rows.push(choices.slice(i, i + 2));
  return { text, buttons: rows };
}

/** Renders an eligibility pre-check as bullet lines (met ✓ / missing ✗ / unknown ?). */
export function renderEligibility(result: EligibilityResult, t: Translate): string {
  const mark = { met: "✓", missing: "✗", unknown: "?" } as const;
  const lines = [t(`criteria.elig.verdict.${result.verdict}`)];
  for (const item of result.items) {
    const p: Record<string, string | number> = { actual: "?", rank: "?", ...item.params };
    if (p.min !== undefined) p.need = t(p.strict === 1 ? "criteria.elig.need_gt" : "criteria.elig.need_gte", { min: p.min });
    lines.push(`${mark[item.status]} ${t(`criteria.elig.${item.code}`, p)}${item.required ? "" : ` ${t("criteria.elig.advisory")}`}`);
  }
  return lines.join("\n");
}
