/**
 * @module Recognises chat commands. Telegram writes "/baocao@bot args"; on Zalo the same words come without "/",
 * with or without diacritics ("đăng ký", "dang ky", "Hủy"). Pure.
 */
import { cleanText, foldText } from "../shared/text";
import { wordTable } from "../shared/word-table";

export type CommandName =
  | "start" | "dangky" | "baocao" | "tiendo" | "tieuchuan" | "nhacnho" | "huy" | "trogiup" | "ngonngu"
  | "ganhom" | "bieudo" | "giaouoc" | "menu";

/** Folded, space-free spellings of each command (the first words of a message). */
const SPELLINGS = wordTable<CommandName>({
  start: "start", batdau: "start",
  dangky: "dangky", dangkythidua: "dangky", register: "dangky",
  baocao: "baocao", report: "baocao",
  tiendo: "tiendo", progress: "tiendo",
  tieuchuan: "tieuchuan", criteria: "tieuchuan",
  nhacnho: "nhacnho", reminders: "nhacnho", lichnhac: "nhacnho",
  huy: "huy", cancel: "huy", huybo: "huy", thoi: "huy",
  trogiup: "trogiup", help: "trogiup", giup: "trogiup", huongdan: "trogiup",
  ngonngu: "ngonngu", language: "ngonngu", lang: "ngonngu",
  ganhom: "ganhom", bindgroup: "ganhom",
  bieudo: "bieudo", chart: "bieudo",
  giaouoc: "giaouoc", pledge: "giaouoc",
  menu: "menu",
});

export interface ParsedCommand {
  name: CommandName;
  /** Arguments as typed (diacritics kept). */
  args: string;
  /** Whether it was written with a leading slash (explicit command). */
  slash: boolean;
}

export function parseCommand(input: string): ParsedCommand | null {
  const text = cleanText(input);
  const slash = text.startsWith("/");
  const body = slash ? text.slice(1) : text;
  const words = body.split(" ");
  // Try the longest prefix first: "dang ky thi dua" before "dang ky".
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const head = words.slice(0, n).join(" ");
    const key = foldText(head.replace(/@\w+$/, "")).replace(/[^a-z0-9]/g, "");
    const name = SPELLINGS[key];
    if (!name) continue;
    const args = words.slice(n).join(" ").trim();
    // Without a slash, only short messages count as commands ("huy", "dang ky"), not sentences that start alike.
    if (!slash && args.length > 0 && !["tieuchuan", "ngonngu", "start"].includes(name)) return null;
    return { name, args, slash };
  }
  return null;
}
