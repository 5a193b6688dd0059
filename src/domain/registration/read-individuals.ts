/**
 * @module Reads individual registrations typed as a list, one "Họ tên – danh hiệu" per line
 * ("Nguyễn Văn An – Lao động tiên tiến", "2. Trần Thị Bình: CSTĐCS, LĐTT"). Valid lines are kept, each bad line is
 * reported with its number and problem, so the officer resends only those. Pure.
 */
import { cleanText, foldText } from "../../shared/text";
import type { IndividualRegistration } from "./registration";
import { readTitle, type TitleContext, type TitleProblem } from "./title-catalog";

export type IndividualProblem = TitleProblem | "line_format" | "duplicate_individual";

export interface IndividualLineError {
  /** 1-based line number in the message. */
  line: number;
  text: string;
  problem: IndividualProblem;
  /** The title id the problem is about, when known. */
  titleId?: string;
  candidates?: string[];
}

export interface IndividualsRead {
  added: IndividualRegistration[];
  errors: IndividualLineError[];
}

/** Separators between a name and its titles: en/em dash, colon, or a hyphen with spaces around it. */
const SEPARATOR = /\s*[–—:]\s*|\s+-\s+|\t+/;
const MAX_NAME = 80;

function splitLine(line: string): { name: string; titles: string[] } | null {
  const body = line.replace(/^\s*(?:\d{1,3}[.)]|[-•*+])\s*/, "");
  const m = SEPARATOR.exec(body);
  if (!m || m.index === 0) return null;
  const name = cleanText(body.slice(0, m.index));
  const titles = body.slice(m.index + m[0].length).split(/[,;+]| và | va /i).map((t) => cleanText(t)).filter(Boolean);
  const letters = name.replace(/[^\p{L}]/gu, "");
  if (letters.length < 2 || name.length > MAX_NAME || /\d/.test(name) || titles.length === 0) return null;
  return { name, titles };
}

const personKey = (name: string, titleId: string) => `${foldText(name)}|${titleId}`;

/**
 * Reads the lines of one message. `existing` are the individuals already in the draft: a person registered twice
 * for the same title (in this message or before) is a duplicate.
 */
export function readIndividuals(
  text: string,
  existing: readonly IndividualRegistration[],
  ctx: TitleContext,
  localNames: Record<string, string[]>,
): IndividualsRead {
  const seen = new Set(existing.map((e) => personKey(e.name, e.titleId)));
  const out: IndividualsRead = { added: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = cleanText(raw);
    if (line === "") return;
    const parsed = splitLine(line);
    if (!parsed) return void out.errors.push({ line: i + 1, text: line, problem: "line_format" });
    for (const typed of parsed.titles) {
      const check = readTitle(typed, "individual", ctx, localNames);
      if (!check.ok) {
        out.errors.push({ line: i + 1, text: line, problem: check.problem, titleId: check.id, candidates: check.candidates });
        continue;
      }
      const key = personKey(parsed.name, check.id);
      if (seen.has(key)) {
        out.errors.push({ line: i + 1, text: line, problem: "duplicate_individual", titleId: check.id });
        continue;
      }
      seen.add(key);
      out.added.push({ name: parsed.name, titleId: check.id });
    }
  });
  return out;
}
