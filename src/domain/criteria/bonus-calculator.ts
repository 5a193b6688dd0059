/**
 * @module Bonus calculator: coefficient × base salary in force on the decision date (law.md §7),
 * split where the decree or the base salary changes inside the asked window. Amounts are exact to the đồng;
 * the rounded-up figure (to the next 10.000 đồng, "làm tròn lên hàng chục nghìn") is given beside the raw product.
 */
import type { BonusRule, CriteriaKb, Recipient, RegimeId, SalaryPeriod } from "./criteria-kb.js";
import { regimeForDate } from "./regime.js";

/** NĐ 91/2017 took effect on 01/10/2017; coefficients before that date are not in the knowledge base. */
export const FIRST_COVERED_DATE = "2017-10-01";

/** One computed amount for one recipient over one span of decision dates. */
export interface BonusLine {
  recipient: Recipient;
  variant: string;
  regime: RegimeId;
  /** Decision dates covered (inclusive ISO). */
  from: string;
  to: string;
  /** null when the sources do not give the coefficient for this regime. */
  coefficient: number | null;
  coefficientUnverified: boolean;
  coefficientCite: string;
  baseSalary: number;
  salaryBasis: string;
  salaryUnverified: boolean;
  /** coefficient × baseSalary, exact; null when the coefficient is unknown. */
  raw: number | null;
  /** `raw` rounded up to the next 10.000 đồng. */
  rounded: number | null;
}

export interface BonusComputation {
  titleId: string;
  lines: BonusLine[];
  /** "question": the officer stated the base salary; "history": taken from the salary table. */
  salarySource: "history" | "question";
  /** Part of the window before 01/10/2017 was dropped (not covered). */
  clipped: boolean;
  /** Citations of the rounding rule for the regimes used. */
  roundingCites: string[];
}

export interface BonusRequest {
  titleId: string;
  /** Inclusive window of decision dates. */
  from: string;
  to: string;
  recipients?: Recipient[];
  variant?: string;
  /** Base salary stated by the officer: one line per rule, for `regime`. */
  baseSalary?: number;
  regime?: RegimeId;
}

/** Rounds up to the next multiple of 10.000 đồng (already-round amounts stay). */
export function roundUpTo10k(amount: number): number {
  return Math.ceil(amount / 10_000) * 10_000;
}

/** coefficient × salary in whole đồng, computed on integers (coefficients have at most 2 decimals). */
export function multiplyCoefficient(coefficient: number, salary: number): number {
  return Math.round((Math.round(coefficient * 100) * salary) / 100);
}

/** Base salary in force on `iso`, or null before the covered history. */
export function salaryAt(history: readonly SalaryPeriod[], iso: string): SalaryPeriod | null {
  return history.find((p) => iso >= p.from && (p.to === null || iso <= p.to)) ?? null;
}

/** The bonus rules of a title, filtered by recipients and issuer variant. */
export function rulesFor(kb: CriteriaKb, titleId: string, recipients?: Recipient[], variant?: string): BonusRule[] {
  return kb.bonusRules.filter(
    (r) => r.titleId === titleId && (!recipients?.length || recipients.includes(r.recipient)) && (!variant || r.variant === variant),
  );
}

const dayBefore = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Dates inside (from, to] where the regime or the base salary changes. */
function breakpoints(kb: CriteriaKb, from: string, to: string): string[] {
  const starts = [...kb.regimes.map((r) => r.from), ...kb.salaryHistory.map((p) => p.from)];
  return [...new Set(starts)].filter((d) => d > from && d <= to).sort();
}

function line(rule: BonusRule, regime: RegimeId, from: string, to: string, salary: SalaryPeriod | { amount: number; basis: string; unverified: boolean }): BonusLine | null {
  const coef = rule.coefficients[regime];
  if (!coef) return null;
  const raw = coef.value === null ? null : multiplyCoefficient(coef.value, salary.amount);
  return {
    recipient: rule.recipient,
    variant: rule.variant,
    regime,
    from,
    to,
    coefficient: coef.value,
    coefficientUnverified: coef.unverified,
    coefficientCite: coef.cite,
    baseSalary: salary.amount,
    salaryBasis: salary.basis,
    salaryUnverified: salary.unverified,
    raw,
    rounded: raw === null ? null : roundUpTo10k(raw),
  };
}

function sameAmount(a: BonusLine, b: BonusLine): boolean {
  return a.recipient === b.recipient && a.variant === b.variant && a.coefficient === b.coefficient && a.baseSalary === b.baseSalary && a.coefficientUnverified === b.coefficientUnverified;
}

/** Joins consecutive spans with the same amount (e.g. NĐ 98 → NĐ 152 with the same coefficient and salary). */
function merge(lines: BonusLine[]): BonusLine[] {
  const out: BonusLine[] = [];
  for (const l of lines) {
    const prev = [...out].reverse().find((p) => p.recipient === l.recipient && p.variant === l.variant);
    if (prev && sameAmount(prev, l) && dayBefore(l.from) === prev.to) {
      prev.to = l.to;
      if (!prev.coefficientCite.includes(l.coefficientCite)) prev.coefficientCite = `${prev.coefficientCite}; ${l.coefficientCite}`;
      if (prev.regime !== l.regime) prev.regime = l.regime;
    } else out.push({ ...l });
  }
  return out;
}

/** Computes the bonus for a title/form over a window of decision dates (or with a stated base salary). */
export function computeBonus(kb: CriteriaKb, req: BonusRequest): BonusComputation {
  const rules = rulesFor(kb, req.titleId, req.recipients, req.variant);
  const cites = (regimes: RegimeId[]): string[] => [...new Set(regimes.map((r) => kb.roundingCite[r]).filter((c): c is string => !!c))];
  if (req.baseSalary !== undefined) {
    const regime = req.regime ?? regimeForDate(kb.regimes, req.to);
    const salary = { amount: req.baseSalary, basis: "", unverified: false };
    const lines = rules.map((r) => line(r, regime, req.from, req.to, salary)).filter((l): l is BonusLine => l !== null);
    return { titleId: req.titleId, lines, salarySource: "question", clipped: false, roundingCites: cites([regime]) };
  }
  const from = req.from < FIRST_COVERED_DATE ? FIRST_COVERED_DATE : req.from;
  const clipped = from !== req.from;
  if (from > req.to) return { titleId: req.titleId, lines: [], salarySource: "history", clipped, roundingCites: [] };
  const starts = [from, ...breakpoints(kb, from, req.to)];
  const lines: BonusLine[] = [];
  starts.forEach((start, i) => {
    const next = starts[i + 1];
    const end = next ? dayBefore(next) : req.to;
    const regime = regimeForDate(kb.regimes, start);
    const salary = salaryAt(kb.salaryHistory, start);
    if (!salary) return;
    for (const r of rules) {
      const l = line(r, regime, start, end, salary);
      if (l) lines.push(l);
    }
  });
  const merged = merge(lines);
  return { titleId: req.titleId, lines: merged, salarySource: "history", clipped, roundingCites: cites([...new Set(merged.map((l) => l.regime))]) };
}
