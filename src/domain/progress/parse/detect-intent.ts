/**
 * @module What the officer wants: commands (/dangky, /huy… or the same words without "/" on Zalo), cancel and help
 * words, award-criteria questions, registration, corrections, progress questions, or a report. Works on the folded
 * text, so diacritics, politeness ("Dạ em … ạ") and emoji do not matter.
 */
import type { MessageIntent } from "./message-reading";
import type { PreparedText } from "./prepare-text";
import { typedAs } from "./prepare-text";
import { wordTable } from "../../../shared/word-table";

export interface IntentSignals {
  /** Command word without "/" and bot name ("dangky"), when the message starts with one. */
  command: string | null;
  commandIntent: MessageIntent | null;
  cancel: boolean;
  help: boolean;
  helpWords: boolean;
  /** "Cách báo cáo …?", "báo cáo như thế nào?": asking how to use the bot. */
  howTo: boolean;
  criteria: boolean;
  register: boolean;
  correction: boolean;
  query: boolean;
  /** Worded as a question ("…gì?", "khi nào", "bao nhiêu", "…?"). */
  question: boolean;
  reportWords: boolean;
}

const COMMANDS = wordTable<MessageIntent>({
  baocao: "report",
  tiendo: "progress_query",
  bieudo: "progress_query",
  dangky: "register",
  dangki: "register",
  giaouoc: "register",
  tieuchuan: "criteria",
  huy: "cancel",
  cancel: "cancel",
  trogiup: "help",
  help: "help",
  sua: "correction",
  suasolieu: "correction",
});

const POLITE = new Set(["da", "a", "nhe", "nha", "oi", "bot", "em", "anh", "chi", "ad", "admin", "ban", "minh", "voi", "vay", "ha", "nhi", "giup", "cho", "toi", "lam", "on", "xin"]);
const CANCEL = new Set(["huy", "huy bo", "thoi", "cancel", "stop", "dung", "dung lai", "bo qua", "thoat", "exit", "quit", "thoi khong", "thoi bo qua", "huy thao tac", "huy bao cao", "khong bao cao nua", "thoi khong bao cao nua", "khong can nua", "thoi khoi"]);
const HELP = new Set(["help", "giup", "tro giup", "giup do", "huong dan", "menu", "lenh", "cac lenh", "huong dan su dung", "cach dung", "su dung the nao", "lam sao", "bot lam duoc gi", "bot lam gi", "can giup", "start", "?"]);

const CRITERIA_RE =
  /\b(?:tieu chuan|dieu kien|danh hieu|khen thuong|bang khen|giay khen|co thi dua|chien si thi dua|cstd\w*|lao dong tien tien|ldtt|lao dong xuat sac|tap the lao dong|huan chuong|huy chuong|ky niem chuong|tien thuong|muc thuong|duoc thuong|thuong bao nhieu|ho so|thu tuc|xet tang|de nghi xet|luat|nghi dinh|thong tu|quyet dinh (?:so )?\d|gia dinh van hoa)/;
const DEADLINE_RE = /\b(?:han|thoi han|khi nao|bao gio|truoc ngay|ngay nao)\b/;
const REGISTER_RE = /\b(?:dang ky|dang ki|ghi danh|giao uoc)\b/;
const CORRECTION_RE = /\b(?:sua|dieu chinh|dinh chinh|cap nhat lai|chinh lai|nham|sai so lieu|thay doi so lieu|doi lai|doi thanh|bao lai)\b/g;
const QUERY_RE = /\b(?:tien do|bao nhieu|dat (?:duoc )?may|may phan tram|may %|the nao|ra sao|con thieu|dat chua|xong chua|hoan thanh chua|xem ket qua|ket qua thuc hien|tinh hinh thuc hien|xep hang|xep thu|dung thu)\b/;
const HELP_WORDS_RE = /\b(?:huong dan|tro giup|help)\b/;
const HOW_TO_RE = /\b(?:cach|lam sao|lam the nao|nhu the nao|the nao)(?: de)? (?:bao cao|dang ky|nhap|gui|dung|su dung|sua)\b|\b(?:bao cao|dang ky|nhap so lieu|gui so lieu)(?: [a-z]+){0,3} (?:nhu )?the nao\b/;
const QUESTION_RE = /\b(?:gi|nao|the nao|ra sao|bao nhieu|khi nao|bao gio|co phai|duoc khong|khong a|chua)\s*\??\s*$|\b(?:gom nhung gi|can gi|lam sao|nhu the nao|o dau)\b/;
const REPORT_RE = /\b(?:bao cao|so lieu|ket qua|uoc (?:dat|tinh|thuc hien)|thuc hien duoc)\b/;

/** Typed spellings that make the folded word the one we look for ("sửa" not "sữa", "nhầm" not "nhằm"). */
const TYPED = wordTable<readonly string[]>({ sua: ["sửa"], nham: ["nhầm"], han: ["hạn"], luat: ["luật"] });

const globalCopies = new Map<RegExp, RegExp>();

function hasTyped(p: PreparedText, re: RegExp): boolean {
  let g = globalCopies.get(re);
  if (!g) {
    g = new RegExp(re.source, "g");
    globalCopies.set(re, g);
  }
  g.lastIndex = 0;
  for (let m = g.exec(p.folded); m; m = g.exec(p.folded)) {
    const first = /^[a-z]+/.exec(m[0])?.[0] ?? "";
    const typed = TYPED[first];
    if (!typed || typedAs(p, m.index, m.index + first.length, typed)) return true;
  }
  return false;
}

/** "Hủy báo cáo vừa rồi", "thôi khỏi báo cáo": a short message that starts with a cancel verb and has no figure. */
function startsWithCancel(p: PreparedText, core: string): boolean {
  const m = /^(huy|thoi)\b/.exec(core);
  if (!m || core.split(" ").length > 6 || /\d/.test(core)) return false;
  const at = p.folded.search(/\b(?:huy|thoi)\b/);
  return at >= 0 && typedAs(p, at, at + (m[1]?.length ?? 0), ["hủy", "huỷ", "thôi"]);
}

function commandOf(folded: string): string | null {
  const slash = /^\/([a-z_]+)(?:@\w+)?(?![a-z0-9])/.exec(folded);
  if (slash) return (slash[1] ?? "").replace(/_/g, "");
  const bare = /^([a-z]+)(?![a-z0-9])/.exec(folded)?.[1] ?? "";
  return bare !== "huy" && bare !== "help" && bare in COMMANDS ? bare : null;
}

/** Intent signals of a prepared message, independent of indicators and figures. */
export function readIntentSignals(p: PreparedText): IntentSignals {
  const folded = p.folded;
  const command = commandOf(folded);
  const core = (folded.match(/[a-z0-9?]+/g) ?? []).filter((w) => !POLITE.has(w)).join(" ");
  const endsWithQuestionMark = /\?\s*$/.test(folded.replace(/[^\p{L}\p{N}?\s]/gu, "").trim());
  return {
    command,
    commandIntent: command ? (COMMANDS[command] ?? "unknown") : null,
    cancel: CANCEL.has(core) || (core === "" && /\bhuy\b/.test(folded)) || startsWithCancel(p, core),
    help: HELP.has(core) || (core === "" && /\bgiup\b/.test(folded)),
    helpWords: HELP_WORDS_RE.test(folded),
    howTo: HOW_TO_RE.test(folded),
    criteria: hasTyped(p, CRITERIA_RE) || (REGISTER_RE.test(folded) && hasTyped(p, DEADLINE_RE)),
    register: REGISTER_RE.test(folded),
    correction: hasTyped(p, CORRECTION_RE),
    query: QUERY_RE.test(folded) || endsWithQuestionMark,
    reportWords: REPORT_RE.test(folded),
    question: QUESTION_RE.test(folded) || endsWithQuestionMark,
  };
}

/** Facts about the message the intent depends on. */
export interface IntentFacts {
  /** An indicator was recognised (clearly, tied or several). */
  hasIndicator: boolean;
  /** An indicator was named clearly (not only words shared by several indicators). */
  hasClearIndicator: boolean;
  /** A number that can be a figure (periods, dates and the like excluded). */
  hasFigure: boolean;
  /** A figure with a unit, scale word or % ("3.200 tỷ", "87%"): a report even without report words. */
  hasQuantity: boolean;
}

/** Decides the intent from signals and facts; the order encodes which reading wins when several apply. */
export function decideIntent(s: IntentSignals, f: IntentFacts): { intent: MessageIntent; why: string } {
  if (s.commandIntent) return { intent: s.commandIntent, why: `command:${s.command ?? ""}` };
  if (s.cancel) return { intent: "cancel", why: "cancel_words" };
  if (s.help) return { intent: "help", why: "help_words" };
  if (s.register && !s.question && !s.correction && !s.helpWords && !s.howTo) return { intent: "register", why: "register_words" };
  if (s.criteria && !(f.hasClearIndicator && f.hasFigure)) return { intent: "criteria", why: "criteria_words" };
  if (s.correction && (f.hasIndicator || f.hasFigure)) return { intent: "correction", why: "correction_words" };
  if ((s.howTo || s.helpWords) && !f.hasFigure) return { intent: "help", why: "how_to_question" };
  if (s.register) return { intent: "register", why: "register_words" };
  if (s.query && !f.hasFigure) return { intent: "progress_query", why: "question_without_figure" };
  if (f.hasIndicator) return { intent: "report", why: f.hasFigure ? "indicator_and_figure" : "indicator" };
  if (s.reportWords || f.hasQuantity) return { intent: "report", why: "report_words" };
  return { intent: "unknown", why: "nothing_recognised" };
}
