/** @module Which unit a report is for: the officer's own, or (for the board) a unit named in the text. Pure. */
import type { Unit } from "../../domain/organisation/organisation";
import { foldText } from "../../shared/text";

const PREFIXES = /^(ubnd |uy ban nhan dan )?(thanh pho |tp\.? |huyen |thi xa |so |ban |xa |phuong |thi tran )?/;

/** Short folded names a unit is called by ("rach gia" for "Thành phố Rạch Giá"), longest first. */
export function unitAliases(u: Unit): string[] {
  const full = foldText(u.name).replace(/[()]/g, " ").replace(/\s+/g, " ").trim();
  const core = full.replace(PREFIXES, "").trim();
  return [...new Set([full, core].filter((s) => s.length >= 5))].sort((a, b) => b.length - a.length);
}

/** Finds a unit named in the text by its code (exact) or its name (folded, word-bounded). */
export function findUnitMention(text: string, units: Unit[]): Unit | null {
  const upper = text.toUpperCase();
  for (const u of units) if (new RegExp(`(^|[^A-Z0-9-])${u.code.replace(/[-]/g, "\\-")}([^A-Z0-9-]|$)`).test(upper)) return u;
  const folded = ` ${foldText(text).replace(/[^a-z0-9]+/g, " ")} `;
  let best: { unit: Unit; len: number } | null = null;
  for (const u of units) {
    for (const a of unitAliases(u)) {
      if (folded.includes(` ${a} `) && (!best || a.length > best.len)) best = { unit: u, len: a.length };
    }
  }
  return best?.unit ?? null;
}
