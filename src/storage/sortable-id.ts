/** @module Row ids that sort in creation order (time first, then a per-process sequence), as plain text. */
import { randomBytes } from "node:crypto";

/** Tells this process's ids from another's created in the same millisecond (40 random bits, drawn once). */
const PROCESS_TAG = randomBytes(5).toString("hex");
let idSeq = 0;
/**
 * A cuid-like id of fixed length and alphabet (lowercase base 36, then hex), so that text comparison, whatever the
 * database collation, orders ids by creation time across processes (as far as their clocks agree) and by creation
 * order within one process. Unique: within a process by time and sequence (36^6 ids before the sequence repeats),
 * across processes by the tag. No randomness per id: a synchronous randomBytes call per row cost measurable CPU.
 */
export function sortableId(): string {
  idSeq = (idSeq + 1) % 36 ** 6;
  return `c${Date.now().toString(36).padStart(8, "0")}${idSeq.toString(36).padStart(6, "0")}${PROCESS_TAG}`;
}
