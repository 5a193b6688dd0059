/**
 * @module Rules of a plan pack that span several fields: unique codes, references between sections, target vs
 * comparator, deadlines inside the campaign year, reminder rules for every deadline kind, weights adding up.
 * Runs on the raw parsed document (unknown shapes tolerated) so that these problems are listed together with the
 * schema's type errors instead of only after those are fixed.
 */
import { foldText } from "../shared/text.js";
import { dateYear, periodYear } from "./plan-pack-values.js";
import { wordTable } from "../shared/word-table.js";

/** A problem as a path of keys/indices plus a message; formatted and located by the parser. */
export interface RawIssue {
  path: Array<string | number>;
  message: string;
}

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === "object" && x !== null && !Array.isArray(x);
const rec = (x: unknown): Rec => (isRec(x) ? x : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | null => (typeof x === "string" ? x : null);

/** Period letter required by each report kind; null = the deadline asks for no figures. */
const PERIOD_SHAPE = wordTable<RegExp | null>({
  registration: null,
  pledge: null,
  award_dossier: null,
  monthly_report: /-M\d\d$/,
  quarterly_report: /-Q[1-4]$/,
  semiannual_review: /-H1$/,
  nine_month_report: /-9M$/,
  annual_review: /-Y$/,
});

function duplicates(list: unknown[], key: string, prefix: string[], out: RawIssue[]): Set<string> {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const code = str(rec(item)[key]);
    if (code === null) return;
    if (seen.has(code)) out.push({ path: [...prefix, i, key], message: `Duplicate ${key} "${code}"` });
    seen.add(code);
  });
  return seen;
}

function checkIndicators(doc: Rec, out: RawIssue[]): void {
  const groups = new Set(arr(doc.indicatorGroups).map((g) => str(rec(g).code)));
  const aliasOwner = new Map<string, string>();
  arr(doc.indicators).forEach((raw, i) => {
    const ind = rec(raw);
    const at = (k: string): Array<string | number> => ["indicators", i, k];
    const code = str(ind.code) ?? `#${i}`;
    if (typeof ind.group === "string" && !groups.has(ind.group)) {
      out.push({ path: at("group"), message: `Unknown group "${ind.group}" (not in indicatorGroups)` });
    }
    const target = ind.target;
    if (ind.comparator === "decrease_vs_previous_year" && target !== null && target !== undefined) {
      out.push({ path: at("target"), message: "Must be null for decrease_vs_previous_year (the plan gives no number)" });
    }
    if (typeof ind.comparator === "string" && ind.comparator !== "decrease_vs_previous_year" && target === null) {
      out.push({ path: at("target"), message: `A number is required with comparator "${ind.comparator}"` });
    }
    if (ind.valueKind === "boolean") {
      if (target !== 0 && target !== 1) out.push({ path: at("target"), message: "A boolean indicator's target is 1 (đạt) or 0" });
      if (ind.comparator !== "maintain" && ind.comparator !== "=") {
        out.push({ path: at("comparator"), message: 'A boolean indicator uses "maintain" or "="' });
      }
    }
    if (Array.isArray(ind.components) && ind.components.length === 1) {
      out.push({ path: at("components"), message: "List at least two parts, or none (a total of one part is the part itself)" });
    }
    if (typeof ind.maxValue === "number" && typeof target === "number" && target > ind.maxValue) {
      out.push({ path: at("target"), message: `Target ${target} is above maxValue ${ind.maxValue}` });
    }
    arr(ind.aliases).forEach((alias, j) => {
      if (typeof alias !== "string") return;
      const folded = foldText(alias);
      const owner = aliasOwner.get(folded);
      if (owner !== undefined && owner !== code) {
        out.push({ path: ["indicators", i, "aliases", j], message: `Alias "${alias}" is also an alias of "${owner}"` });
      }
      aliasOwner.set(folded, code);
    });
  });
}

function checkDeadlines(doc: Rec, out: RawIssue[]): void {
  const year = rec(doc.campaign).year;
  arr(doc.deadlines).forEach((raw, i) => {
    const d = rec(raw);
    const at = (k: string): Array<string | number> => ["deadlines", i, k];
    const kind = str(d.kind);
    const period = str(d.period);
    const shape = kind !== null ? PERIOD_SHAPE[kind] : undefined;
    if (shape === null && period !== null) out.push({ path: at("period"), message: `A ${kind} deadline has no period (use null)` });
    if (shape && d.period === null) out.push({ path: at("period"), message: `A ${kind} deadline needs a period code` });
    if (shape && period !== null && !shape.test(period)) {
      out.push({ path: at("period"), message: `Period "${period}" does not fit a ${kind} deadline` });
    }
    if (typeof year === "number" && period !== null && periodYear(period) !== null && periodYear(period) !== year) {
      out.push({ path: at("period"), message: `Period "${period}" is outside the campaign year ${year}` });
    }
    const due = str(d.due);
    const dueYear = due !== null ? dateYear(due) : null;
    if (typeof year === "number" && dueYear !== null && (dueYear < year - 1 || dueYear > year + 1)) {
      out.push({ path: at("due"), message: `Due date ${due} is far from the campaign year ${year} (allowed ${year - 1}–${year + 1})` });
    }
    if (d.assumed === true && d.assumption === undefined) {
      out.push({ path: at("assumption"), message: "An assumed date must say why (assumption)" });
    }
    if (d.assumed === false && d.source === undefined) {
      out.push({ path: at("source"), message: "A date stated by the plan must cite where (source)" });
    }
  });
}

function checkReminders(doc: Rec, out: RawIssue[]): void {
  const rules = arr(doc.reminderRules);
  const kinds = duplicates(rules, "kind", ["reminderRules"], out);
  rules.forEach((raw, i) => {
    const offsets = arr(rec(raw).offsetsDays);
    if (new Set(offsets).size !== offsets.length) out.push({ path: ["reminderRules", i, "offsetsDays"], message: "Duplicate offsets" });
    const hours = arr(rec(raw).escalationHours).filter((h): h is number => typeof h === "number");
    if (hours.some((h, j) => j > 0 && h <= (hours[j - 1] ?? 0))) {
      out.push({ path: ["reminderRules", i, "escalationHours"], message: "Escalation hours must increase step by step" });
    }
  });
  arr(doc.deadlines).forEach((raw, i) => {
    const kind = str(rec(raw).kind);
    if (kind !== null && !kinds.has(kind)) out.push({ path: ["deadlines", i, "kind"], message: `No reminderRules entry for kind "${kind}"` });
  });
}

function checkAwards(doc: Rec, deadlineKinds: Map<string, string>, out: RawIssue[]): void {
  const awards = rec(doc.awards);
  const bases = new Set(arr(doc.legalBases).map((b) => str(rec(b).code)));
  const rules: Array<[string[], unknown]> = [];
  for (const section of ["standards", "forms", "bonus"]) {
    for (const [k, v] of Object.entries(rec(awards[section]))) rules.push([[section, k], v]);
  }
  rules.push([["registration"], awards.registration], [["dossier"], awards.dossier]);
  for (const [path, rule] of rules) {
    arr(rec(rule).legalBases).forEach((code, j) => {
      if (typeof code === "string" && !bases.has(code)) {
        out.push({ path: ["awards", ...path, "legalBases", j], message: `Unknown legal basis "${code}"` });
      }
    });
  }
  const refs: Array<[string[], unknown, string]> = [
    [["registration", "deadline"], rec(awards.registration).deadline, "registration"],
    [["registration", "pledgeDeadline"], rec(awards.registration).pledgeDeadline, "pledge"],
    [["dossier", "deadline"], rec(awards.dossier).deadline, "award_dossier"],
  ];
  for (const [path, ref, kind] of refs) {
    if (typeof ref !== "string") continue;
    const actual = deadlineKinds.get(ref);
    if (actual === undefined) out.push({ path: ["awards", ...path], message: `Unknown deadline "${ref}"` });
    else if (actual !== kind) out.push({ path: ["awards", ...path], message: `Deadline "${ref}" is a ${actual}, expected ${kind}` });
  }
  const titles = duplicates(arr(awards.titles), "id", ["awards", "titles"], out);
  arr(rec(awards.forms).byRank).forEach((r, i) => {
    const id = str(rec(r).award);
    if (id !== null && !titles.has(id)) out.push({ path: ["awards", "forms", "byRank", i, "award"], message: `Unknown award title "${id}"` });
  });
}

/** Weights are the maximum points of each criterion; a pack scores out of 100 so boards can read the sheet. */
function checkScoring(doc: Rec, out: RawIssue[]): void {
  const weights = Object.values(rec(rec(doc.scoring).weights));
  if (weights.length === 0 || !weights.every((w) => typeof w === "number")) return;
  const sum = (weights as number[]).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > 1e-9) out.push({ path: ["scoring", "weights"], message: `Weights add up to ${sum}, expected 100` });
}

/** All cross-field problems of a raw pack document. */
export function crossCheckPlanPack(raw: unknown): RawIssue[] {
  const out: RawIssue[] = [];
  const doc = rec(raw);
  duplicates(arr(doc.indicators), "code", ["indicators"], out);
  duplicates(arr(doc.indicatorGroups), "code", ["indicatorGroups"], out);
  duplicates(arr(doc.legalBases), "code", ["legalBases"], out);
  duplicates(arr(doc.deadlines), "code", ["deadlines"], out);
  const deadlineKinds = new Map<string, string>();
  for (const d of arr(doc.deadlines)) {
    const code = str(rec(d).code);
    const kind = str(rec(d).kind);
    if (code !== null && kind !== null) deadlineKinds.set(code, kind);
  }
  checkIndicators(doc, out);
  checkDeadlines(doc, out);
  checkReminders(doc, out);
  checkAwards(doc, deadlineKinds, out);
  checkScoring(doc, out);
  return out;
}
