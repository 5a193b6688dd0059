/**
 * @module Reads what a criteria question asks, apart from which title: the aspect (criteria, bonus, dossier…),
 * dates and years, documents named, a base salary stated, recipients, and requests the bot cannot serve
 * (lists of past winners, the text of documents it does not hold). Pure; patterns run on folded text.
 */
import type { CriteriaKb, KbDocument, Recipient, RegimeId } from "./criteria-kb.js";
import type { TimeCues } from "./regime.js";
import { localIsoDate } from "./regime.js";
import { searchFold } from "./search-text.js";

/** What the officer wants to know about the title or topic. */
export type CriteriaAspect = "criteria" | "bonus" | "dossier" | "deadline" | "registration" | "decider" | "vote";

export interface QuestionCues extends TimeCues {
  folded: string;
  aspect: CriteriaAspect;
  /** "đủ điều kiện chưa?": the flow may run the eligibility pre-check with the unit's data. */
  asksEligibility: boolean;
  documents: KbDocument[];
  /** A base salary stated in the question ("với lương cơ sở 2.340.000"). */
  baseSalary?: number;
  /** Recipients named in the question (tập thể / cá nhân / hộ gia đình). */
  recipients: Recipient[];
  /** Giấy khen issuer variant named in the question. */
  variant?: "commune_chairman" | "default";
  /** Asks for records (lists of winners, results) that no rule can answer. */
  asksForRecords: boolean;
  /**
   * Asks what a document says: "articles" (which articles, amendments, full text) or "gist" (what it provides).
   * Undefined when the question does not ask about a document's content.
   */
  asksForContent?: "articles" | "gist";
}

const ASPECTS: [CriteriaAspect, RegExp][] = [
  ["bonus", /\b(tien thuong|muc thuong|duoc thuong|thuong (la )?bao nhieu|bao nhieu tien|he so|muc tien|so tien|bonus|reward|how much|prize money|cash|amount)\b/],
  ["deadline", /\b(thoi han|han chot|han nop|han gui|han cuoi|cham nhat|truoc ngay|deadline|due date|by when)\b|\b(khi nao|bao gio|luc nao|thoi diem nao|ngay nao|when)\b.*\b(nop|gui|ho so|trinh|de nghi|submit|file|files)\b|\b(nop|gui|ho so|trinh|submit|file|files)\b.*\b(khi nao|bao gio|luc nao|thoi diem nao|ngay nao|when)\b/],
  ["registration", /\b(dang ky|giao uoc|register|registration|pledge|covenant)\b/],
  ["dossier", /\b(ho so|thu tuc|giay to|to trinh|bao cao thanh tich|mau so|bieu mau|dossier|paperwork|documents?|papers|nomination file|application)\b/],
  ["vote", /\b(bo phieu|phieu|ballot|vote|voting)\b/],
  ["decider", /\b(ai (la nguoi )?(quyet dinh|tang|xet|ky|cong nhan|co tham quyen|trao|khen)|tham quyen|cap nao (tang|quyet dinh|xet|ky|cong nhan|khen)|co quan nao (tang|quyet dinh|xet tang|cong nhan)|nguoi (quyet dinh|ky)|who (decides|awards|grants|signs|approves|gives)|authority|competent)\b/],
];

/**
 * "… bao nhiêu?" asks for an amount unless it counts something else: a share, votes, times, years, people
 * ("tỷ lệ bao nhiêu", "bao nhiêu phần trăm", "mấy lần").
 */
const HOW_MUCH = /\bbao nhieu\b/;
const NOT_AN_AMOUNT =
  /\b(ty le|phan tram|phieu|so lan|so nam|khong che|toi da)( [a-z0-9]+){0,3} bao nhieu\b|\bbao nhieu ?(%|(phan tram|nam|lan|ngay|thang|nguoi|ca nhan|don vi|tap the|sang kien|thanh vien|phieu|de tai|ty le|dieu)\b)/;

const ELIGIBILITY = /\b(du dieu kien|du tieu chuan|dat chua|co dat|co du|du chua|eligible|qualify|qualifies)\b/;
const RECORDS =
  /\b(danh sach (cac |nhung )?(don vi|tap the|ca nhan|nguoi|xa|huyen|doanh nghiep|co quan|truong hop)|danh sach .{0,60}(duoc|da) (tang|trao|khen|cong nhan)|ket qua (xet|khen|binh xet|thi dua)|(don vi|tap the|ca nhan|ai) nao da|da (duoc|dat) (tang|trao|khen|cong nhan)|bao nhieu (don vi|tap the|ca nhan|nguoi) (da )?(duoc|dat)|so luong (don vi|tap the|ca nhan|nguoi)|(diem|xep hang|thu hang) (thi dua )?(cua|huyen|so|don vi|xa|phuong|cum|khoi) [a-z0-9]+|list of (units|winners|recipients|people)|winners|who (won|received|got)|how many (units|people|collectives|individuals))\b/;
const CONTENT_ARTICLES = /\b(sua doi|bo sung|dieu nao|dieu may|nhung dieu|toan van|nguyen van|ban goc|which articles?|full text|amend(s|ed|ment)?|wording)\b/;
const CONTENT_GIST = /\b(noi dung|quy dinh (gi|nhung gi|the nao|ve gi)|gom (nhung )?gi|what does|content)\b/;
/** "Who got it" is a request for records only when a past year or period pins it. */
const WHO_GOT = /\b(ai|don vi nao|tap the nao|ca nhan nao|nhung ai|nhung don vi nao) (da )?(duoc|dat|nhan) /;
const NOW = /\b(hien nay|hien hanh|hien tai|bay gio|hom nay|sau (khi )?(sap nhap|hop nhat|bo cap huyen)|current(ly)?|now|today|in force|after the merger)\b/;
/** "luật mới" names the 2022 law even before it took effect; from then on it means the rules in force. */
const NEW_LAW = /\b(luat moi|quy dinh moi|moi nhat|new law|latest)\b/;
const OLD = /\b(luat cu|quy dinh cu|truoc day|old law|previous law)\b/;
const LAW_FAMILY = /\bluat(?: thi dua,? khen thuong| tdkt)?(?: nam)? (2003|2005|2009|2013|2022)\b|\b(2003|2013|2022) law\b|\blaw (?:of )?(2003|2013|2022)\b/;

const TYPE_WORDS: [RegExp, string][] = [
  [/^(luat|law)$/, "luat"],
  [/^(nghi dinh|nd|decree)$/, "nd"],
  [/^(thong tu|tt|circular)$/, "tt"],
  [/^(quyet dinh|qd|decision)$/, "qd"],
  [/^(nghi quyet|nq|resolution)$/, "nq"],
  [/^(huong dan|hd)$/, "hd"],
  [/^(cong van|cv)$/, "cv"],
];

function docType(word: string): string | undefined {
  return TYPE_WORDS.find(([re]) => re.test(word))?.[1];
}

interface Scan {
  text: string;
  documents: KbDocument[];
}

/** Finds documents ("NĐ 91/2017", "Quyết định 809", "Luật 06/2022") and blanks them out of the text. */
function scanDocuments(kb: CriteriaKb, folded: string): Scan {
  const found: KbDocument[] = [];
  const add = (d: KbDocument | undefined): void => {
    if (d && !found.includes(d)) found.push(d);
  };
  const typed = /\b(luat|law|nghi dinh|nd|decree|thong tu|tt|circular|quyet dinh|qd|decision|nghi quyet|nq|resolution|huong dan|hd|cong van|cv)\s*(?:so\s*)?(\d{1,4})(?:\s*\/\s*(\d{4}))?(?:\s*\/\s*[a-z0-9-]+)?/g;
  let text = folded.replace(typed, (m, word: string, num: string, year?: string) => {
    const type = docType(word);
    const n = String(Number(num));
    const matches = kb.documents.filter((d) => String(Number(d.number)) === n && (!type || d.type === type) && (!year || d.year === Number(year)));
    if (matches.length === 0 && !year) return m;
    add(matches.length === 1 || year ? matches[0] : undefined);
    return " ".repeat(m.length);
  });
  text = text.replace(/\b(\d{1,4})\s*\/\s*(\d{4})(\s*\/\s*[a-z][a-z0-9-]*)?/g, (m, num: string, year: string, suffix?: string) => {
    const d = kb.documents.find((x) => Number(x.number) === Number(num) && x.year === Number(year));
    if (!d && !suffix) return m;
    add(d);
    return " ".repeat(m.length);
  });
  return { text, documents: found };
}

const pad = (n: number): string => String(n).padStart(2, "0");

function validDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 2000 || y > 2039) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const EN_DATE = new RegExp(`\\b(?:(\\d{1,2}) )?(${MONTHS.join("|")})[a-z]*\\.?,? (?:(\\d{1,2}),? )?(20\\d{2})\\b`);

/** Dates and years left in the text once documents are removed. */
function scanTime(text: string, now: Date): { date?: string; year?: number } {
  const thisYear = Number(localIsoDate(now).slice(0, 4));
  const full = /\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(20\d{2})\b/.exec(text) ?? /\bngay (\d{1,2}) thang (\d{1,2}) nam (20\d{2})\b/.exec(text);
  if (full) {
    const date = validDate(Number(full[3]), Number(full[2]), Number(full[1]));
    if (date) return { date, year: Number(full[3]) };
  }
  const iso = /\b(20\d{2})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) {
    const date = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (date) return { date, year: Number(iso[1]) };
  }
  const en = EN_DATE.exec(text);
  if (en) {
    const date = validDate(Number(en[4]), MONTHS.indexOf(en[2] as string) + 1, Number(en[1] ?? en[3] ?? 1));
    if (date) return { date, year: Number(en[4]) };
  }
  const month = /\bthang (\d{1,2})\s*(?:\/|nam)\s*(20\d{2})\b/.exec(text) ?? /\b(\d{1,2})\/(20\d{2})\b/.exec(text);
  if (month) {
    const date = validDate(Number(month[2]), Number(month[1]), 1);
    if (date) return { date, year: Number(month[2]) };
  }
  const year = /\b(20[0-3]\d)\b/.exec(text);
  if (year) return { year: Number(year[1]) };
  if (/\b(nam nay|this year)\b/.test(text)) return { year: thisYear };
  if (/\b(nam ngoai|nam truoc|last year)\b/.test(text)) return { year: thisYear - 1 };
  if (/\b(nam sau|nam toi|next year)\b/.test(text)) return { year: thisYear + 1 };
  return {};
}

/** A base salary stated in the question, when the question talks about salary. */
function scanSalary(text: string): number | undefined {
  if (!/\b(luong|lcs|salary|base)\b/.test(text)) return undefined;
  const grouped = /(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+)(?![\d.,]\d)/.exec(text);
  const plain = /\b(\d{7})\b/.exec(text);
  const millions = /\b(\d+(?:[.,]\d+)?)\s*(?:trieu|tr|million)\b/.exec(text);
  let value: number | undefined;
  if (grouped) value = Number((grouped[1] as string).replace(/[.,]/g, ""));
  else if (plain) value = Number(plain[1]);
  else if (millions) value = Math.round(Number((millions[1] as string).replace(",", ".")) * 1_000_000);
  return value !== undefined && value >= 1_000_000 && value <= 10_000_000 ? value : undefined;
}

function scanRecipients(text: string): Recipient[] {
  const out: Recipient[] = [];
  if (/\b(ca nhan|individuals?|person|personal)\b/.test(text)) out.push("individual");
  if (/\b(tap the|collectives?|units?|organisations?|organizations?)\b/.test(text)) out.push("collective");
  if (/\b(ho gia dinh|household|families|family)\b/.test(text)) out.push("household");
  return out;
}

function decreeRegime(docs: KbDocument[]): { decree?: RegimeId; family?: "2003" | "2022" } {
  const decree = docs.find((d) => d.regime && d.regime !== "law2022" && d.type !== "luat")?.regime as RegimeId | undefined;
  const law = docs.find((d) => d.type === "luat" && d.regime);
  const family = law ? (law.regime === "2003" ? "2003" : "2022") : undefined;
  return { decree, family };
}

/** Reads the aspect, time, documents, salary and special requests of a question. */
export function readQuestionCues(kb: CriteriaKb, question: string, now: Date): QuestionCues {
  const folded = searchFold(question);
  const scan = scanDocuments(kb, folded);
  const lawMatch = LAW_FAMILY.exec(scan.text);
  const textNoLaw = lawMatch ? scan.text.replace(lawMatch[0], " ") : scan.text;
  const time = scanTime(textNoLaw, now);
  const docs = decreeRegime(scan.documents);
  const lawYear = lawMatch ? (lawMatch[1] ?? lawMatch[2] ?? lawMatch[3]) : undefined;
  const lawFamily = lawYear ? (lawYear === "2022" ? "2022" : "2003") : docs.family;
  const baseSalary = scanSalary(textNoLaw);
  // A stated base salary only makes sense for an amount: read the question as a bonus question.
  const aspect: CriteriaAspect =
    baseSalary !== undefined ? "bonus" : (ASPECTS.find(([, re]) => re.test(folded))?.[0] ?? (HOW_MUCH.test(folded) && !NOT_AN_AMOUNT.test(folded) ? "bonus" : "criteria"));
  return {
    folded,
    aspect,
    asksEligibility: ELIGIBILITY.test(folded),
    documents: scan.documents,
    baseSalary,
    recipients: scanRecipients(folded),
    variant: /\b(cap xa|ubnd xa|chu tich xa|xa phuong|commune)\b/.test(folded)
      ? "commune_chairman"
      : /\b(giam doc|thu truong|cap huyen|cap so|doanh nghiep|department|director)\b/.test(folded)
        ? "default"
        : undefined,
    asksForRecords: RECORDS.test(folded) || (WHO_GOT.test(folded) && time.year !== undefined),
    asksForContent: CONTENT_ARTICLES.test(folded) ? "articles" : CONTENT_GIST.test(folded) ? "gist" : undefined,
    date: time.date,
    year: time.year,
    isNow: NOW.test(folded) || NEW_LAW.test(folded),
    isNewLaw: NEW_LAW.test(folded),
    isOldLaw: OLD.test(folded),
    decreeRegime: docs.decree,
    lawFamily,
  };
}
