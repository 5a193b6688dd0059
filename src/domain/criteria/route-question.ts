/**
 * @module Decides what a question gets: which entry answers it (a title, a form or a topic), about which title,
 * as criteria or as a bonus — or a refusal (records, unheld documents, awards not covered, nothing confident).
 */
import type { NotFoundReason } from "./criteria-answer.js";
import type { CriteriaKb, CriteriaLocale, KbEntry } from "./criteria-kb.js";
import type { CriteriaIndex, EntryMatch } from "./criteria-index.js";
import { isConfident } from "./criteria-index.js";
import type { QuestionCues } from "./question-cues.js";
import { searchFold } from "./search-text.js";
import { wordTable } from "../../shared/word-table.js";

export type Route =
  | { kind: "entry"; entry: KbEntry; subject?: KbEntry; confidence: number; alsoNamed: string[] }
  | { kind: "bonus"; entry: KbEntry; confidence: number }
  | { kind: "decline"; reason: NotFoundReason; subject?: string; detail?: string; suggestionIds: string[] };

/** Phrases that, without any title, send a question to a topic. */
const TOPIC_ROUTES: [RegExp, string][] = [
  [/\b(tien thuong|muc thuong|duoc thuong|he so thuong|bonus|reward|prize money)\b/, "tien_thuong_nguyen_tac"],
  [/\b(thoi han|han (nop|gui|chot|cuoi)|deadline|due date)\b/, "thoi_han_ho_so"],
  [/\b(dang ky|giao uoc|register|registration|pledge)\b/, "dang_ky_thi_dua"],
  [/\b(ho so|thu tuc|dossier|paperwork|nomination file)\b/, "ho_so_de_nghi_khen_thuong"],
  [/\b(bo phieu|ty le phieu|phieu bau|ballot|voting|vote)\b/, "binh_xet_bo_phieu"],
  [/\b(tham quyen|authority|who decides)\b/, "tham_quyen_khen_thuong"],
];

const ASPECT_TOPIC = wordTable<string>({
  dossier: "ho_so_de_nghi_khen_thuong",
  deadline: "thoi_han_ho_so",
  registration: "dang_ky_thi_dua",
});

interface Ranked {
  match: EntryMatch;
  entry: KbEntry;
}

function overlaps(a: EntryMatch, b: EntryMatch): boolean {
  return a.span[0] <= b.span[1] && b.span[0] <= a.span[1];
}

/** Confident titles named in the question, best first, without ones nested inside a better title's words. */
function namedTitles(ranked: Ranked[]): Ranked[] {
  const out: Ranked[] = [];
  for (const r of ranked) {
    if (r.entry.kind === "topic" || !isConfident(r.match)) continue;
    if (out.some((o) => overlaps(o.match, r.match))) continue;
    out.push(r);
  }
  return out;
}

const uncoveredPatterns = new WeakMap<CriteriaKb, { re: RegExp; names: CriteriaKb["uncovered"][number]["names"] }[]>();

/** The first award the knowledge base does not cover that the question names (patterns compiled once per KB). */
function uncoveredAward(kb: CriteriaKb, folded: string, locale: CriteriaLocale): string | undefined {
  let patterns = uncoveredPatterns.get(kb);
  if (!patterns) {
    const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    patterns = kb.uncovered.map((a) => ({ re: new RegExp(`\\b(${a.terms.map((t) => escape(searchFold(t))).join("|")})\\b`), names: a.names }));
    uncoveredPatterns.set(kb, patterns);
  }
  return patterns.find((p) => p.re.test(folded))?.names[locale];
}

function suggestionIds(kb: CriteriaKb, index: CriteriaIndex, tokens: string[], matches: EntryMatch[]): string[] {
  const partial = matches.filter((m) => m.coverage >= 0.4).map((m) => m.entryId);
  const text = index.rankText(tokens).filter((r) => r.score >= 0.35 && r.onNames).map((r) => r.entryId);
  return [...new Set([...partial, ...text])].filter((id) => kb.entries.some((e) => e.id === id)).slice(0, 4);
}

/** Routes a question given its cues and the index. */
export function routeQuestion(kb: CriteriaKb, index: CriteriaIndex, cues: QuestionCues, tokens: string[], locale: CriteriaLocale): Route {
  const matches = index.match(tokens);
  const byId = (id: string): KbEntry => kb.entries.find((e) => e.id === id) as KbEntry;
  const ranked: Ranked[] = matches
    .map((m) => ({ match: m, entry: byId(m.entryId) }))
    .sort((a, b) => b.match.score + (b.entry.kind === "topic" ? 0 : 0.1) - (a.match.score + (a.entry.kind === "topic" ? 0 : 0.1)));
  const suggestions = (): string[] => suggestionIds(kb, index, tokens, matches);

  if (cues.asksForRecords) return { kind: "decline", reason: "records_not_held", suggestionIds: suggestions() };
  const confident = ranked.filter((r) => isConfident(r.match));
  const unheld = cues.documents.find((d) => !d.textHeld);
  // "What does QĐ 809 provide?" is answered by the topic that covers it; "which articles did it amend?" is not.
  if (unheld && (cues.asksForContent === "articles" || (cues.asksForContent === "gist" && confident.length === 0))) {
    return { kind: "decline", reason: "document_not_held", subject: unheld.title[locale], detail: unheld.meta?.[locale], suggestionIds: suggestions() };
  }
  const award = uncoveredAward(kb, cues.folded, locale);
  if (award && !confident.some((r) => r.entry.kind !== "topic")) {
    return { kind: "decline", reason: "not_in_kb", subject: award, suggestionIds: suggestions() };
  }

  const titles = namedTitles(ranked);
  const title = titles[0];
  const topic = confident.find((r) => r.entry.kind === "topic");
  const alsoNamed = titles.slice(1).map((t) => t.entry.id);
  const confidence = (r: Ranked | undefined): number => Math.min(1, r?.match.coverage ?? 0.5);
  const routedTopic = TOPIC_ROUTES.find(([re]) => re.test(cues.folded))?.[1];

  if (cues.aspect === "bonus") {
    if (title && (!topic || title.match.score + 0.1 >= topic.match.score)) return { kind: "bonus", entry: title.entry, confidence: confidence(title) };
    if (topic) return { kind: "entry", entry: topic.entry, confidence: confidence(topic), alsoNamed };
    if (routedTopic === "tien_thuong_nguyen_tac") return { kind: "entry", entry: byId(routedTopic), confidence: 0.5, alsoNamed };
  }
  const aspectTopic = ASPECT_TOPIC[cues.aspect];
  if (aspectTopic && (title || topic || routedTopic)) {
    if (cues.aspect === "registration") return { kind: "entry", entry: byId(aspectTopic), confidence: confidence(topic ?? title), alsoNamed: [] };
    const generic = topic && Object.values(ASPECT_TOPIC).includes(topic.entry.id);
    if (topic && !generic && (!title || topic.match.score > title.match.score)) {
      return { kind: "entry", entry: topic.entry, confidence: confidence(topic), alsoNamed };
    }
    const single = titles.length === 1 ? title : undefined;
    return { kind: "entry", entry: byId(aspectTopic), subject: single?.entry, confidence: confidence(title ?? topic), alsoNamed: [] };
  }
  if (title && (!topic || title.match.score + 0.1 >= topic.match.score)) {
    return { kind: "entry", entry: title.entry, confidence: confidence(title), alsoNamed };
  }
  if (topic) return { kind: "entry", entry: topic.entry, confidence: confidence(topic), alsoNamed };
  if (routedTopic) return { kind: "entry", entry: byId(routedTopic), confidence: 0.5, alsoNamed };

  const partial = matches.filter((m) => m.coverage >= 0.6);
  return { kind: "decline", reason: partial.length > 0 ? "ambiguous" : "no_match", suggestionIds: suggestions() };
}
