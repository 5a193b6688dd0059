/** @module Row ids that sort in creation order (time first, then a per-process sequence), as plain text. */
import { randomBytes } from "node:crypto";

let idSeq = 0;
/**
 * A cuid-like id of fixed length and alphabet (lowercase base 36, then hex), so that text comparison, whatever the
 * database collation, orders ids by creation time across processes (as far as their clocks agree) and by creation
 * order within one process.
 */
export function sortableId(): string {
  idSeq = (idSeq + 1) % 36 ** 6;
  return `c${Date.now().toString(36).padStart(8, "0")}${idSeq.toString(36).padStart(6, "0")}${randomBytes(5).toString("hex")}`;
}
