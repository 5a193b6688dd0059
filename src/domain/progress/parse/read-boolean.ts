/**
 * @module Yes/no indicators (an ninh trật tự, vệ sinh môi trường): "ổn định, giữ vững" → 1, "không đảm bảo",
 * "diễn biến phức tạp" → 0. A negation close before a positive word turns it negative.
 */
import type { NumberMention } from "./read-numbers";

export interface BooleanReading {
  value: 0 | 1;
  text: string;
  start: number;
}

const NEGATION = "(?:khong|chua|mat|thieu)";
const POSITIVE = /\b(?:on dinh|giu vung|dam bao|bao dam|dat yeu cau|dat|tot|hoan thanh|khong (?:xay ra|phat sinh|de xay ra)|sach se|xanh sach dep|binh thuong)\b/g;
const NEGATIVE = new RegExp(
  `\\b(?:${NEGATION} (?:duoc )?(?:on dinh|giu vung|dam bao|bao dam|dat|tot|hoan thanh)|bat on|(?<!khong (?:co |xay ra |de xay ra )?(?:vu viec |tinh hinh )?)phuc tap|o nhiem|mat an ninh|gay roi|bao loan)\\b`,
  "g",
);

/** Whether the words at [start, end) are part of the indicator's name as written ("Đảm bảo an ninh…"). */
export type NamePart = (start: number, end: number) => boolean;

function firstVerdict(re: RegExp, folded: string, isNamePart: NamePart): RegExpExecArray | null {
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    // "Đảm bảo vệ sinh môi trường …" names the indicator; "VSMT tại cơ quan đảm bảo" is the officer's verdict.
    if (!isNamePart(m.index, m.index + m[0].length)) return m;
  }
  return null;
}

/**
 * Reads a yes/no figure from words that are not part of the indicator's name; a plain "1"/"0" or "100%"/"0%" is
 * accepted too. Null when the message says neither.
 */
export function readBoolean(folded: string, original: string, numbers: NumberMention[], isNamePart: NamePart): BooleanReading | null {
  const neg = firstVerdict(NEGATIVE, folded, isNamePart);
  if (neg) return { value: 0, text: original.slice(neg.index, neg.index + neg[0].length), start: neg.index };
  const literal = numbers.find((n) => (n.number === 1 && !n.unit) || (n.number === 100 && n.unit?.dimension === "percent") || n.number === 0);
  if (literal) return { value: literal.number === 0 ? 0 : 1, text: literal.text, start: literal.start };
  const pos = firstVerdict(POSITIVE, folded, isNamePart);
  if (pos) return { value: 1, text: original.slice(pos.index, pos.index + pos[0].length), start: pos.index };
  return null;
}
