/**
 * @module Reads the period named in `/tiendo …` / `/bieudo …` arguments: codes ("2021-Q1", "Q1", "H1", "9M", "Y",
 * "M03", "T3") and Vietnamese words ("quý 1", "quý II", "6 tháng", "9 tháng", "cả năm", "tháng 3"). Pure.
 */
import { foldText } from "../../shared/text";
import { wordTable } from "../../shared/word-table";

const ROMAN = wordTable<number>({ i: 1, ii: 2, iii: 3, iv: 4 });

function month(year: number, m: number): string | undefined {
  return m >= 1 && m <= 12 ? `${year}-M${String(m).padStart(2, "0")}` : undefined;
}

/** The period code the words name in `year`, or undefined when they name none. */
export function readPeriodWords(text: string, year: number): string | undefined {
  const f = foldText(text).replace(/[.,;!?]/g, " ").replace(/\s+/g, " ").trim();
  const full = /^(\d{4})-(q[1-4]|h[12]|9m|y|m(?:0[1-9]|1[0-2]))$/.exec(f);
  if (full) return `${full[1]}-${(full[2] ?? "").toUpperCase()}`;
  const quarter = /^(?:q|quy ?)([1-4]|i{1,3}|iv)$/.exec(f);
  if (quarter) return `${year}-Q${ROMAN[quarter[1] ?? ""] ?? quarter[1]}`;
  if (/^(?:h1|6 ?t|6 thang(?: dau nam)?|sau thang(?: dau nam)?)$/.test(f)) return `${year}-H1`;
  if (/^(?:h2|6 thang cuoi nam)$/.test(f)) return `${year}-H2`;
  if (/^(?:9m|9 ?t|9 thang|chin thang)$/.test(f)) return `${year}-9M`;
  if (/^(?:y|nam|ca nam|nam nay|\d{4})$/.test(f) && (!/^\d{4}$/.test(f) || Number(f) === year)) return `${year}-Y`;
  const m = /^(?:m|t|thang ?)(\d{1,2})$/.exec(f);
  if (m) return month(year, Number(m[1]));
  return undefined;
}
