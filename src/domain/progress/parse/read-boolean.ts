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

function firstOutside(re: RegExp, folded: string, skip: { start: number; end: number } | null): RegExpExecArray | null {
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    // Words of the indicator's own name ("Đảm bảo an ninh…") are not the officer's verdict.
    if (!skip || m.index + m[0].length <= skip.start || m.index >= skip.end) return m;
  }
  return null;
}

/**
 * Reads a yes/no figure outside `skip` (the indicator's name as matched); a plain "1"/"0" or "100%"/"0%" is
 * accepted too. Null when the message says neither.
 */
export function readBoolean(
  folded: string,
  original: string,
  numbers: NumberMention[],
  skip: { start: number; end: number } | null,
): BooleanReading | null {
  const neg = firstOutside(NEGATIVE, folded, skip);
  if (neg) return { value: 0, text: original.slice(neg.index, neg.index + neg[0].length), start: neg.index };
  const literal = numbers.find((n) => (n.number === 1 && !n.unit) || (n.number === 100 && n.unit?.dimension === "percent") || n.number === 0);
  if (literal) return { value: literal.number === 0 ? 0 : 1, text: literal.text, start: literal.start };
  const pos = firstOutside(POSITIVE, folded, skip);
  if (pos) return { value: 1, text: original.slice(pos.index, pos.index + pos[0].length), start: pos.index };
  return null;
}
