/**
 * @module The few words just before a figure that change its meaning: "tăng"/"giảm"/"âm" (a change and its sign),
 * "còn"/"lên"/"xuống"/"ở mức" (a level), "từ … thành/xuống …" (an old and a new value).
 */
import type { PreparedText } from "./prepare-text";
import { typedAs } from "./prepare-text";

export interface Cues {
  /** "tăng" (not "tăng trưởng"), "cao hơn". */
  up: boolean;
  /** "giảm", "thấp hơn", "âm". */
  down: boolean;
  /** "còn", "lên", "xuống", "ở mức": the figure is the level reached, even after "tăng"/"giảm". */
  level: boolean;
  /** "từ": the figure is where something started. */
  from: boolean;
  /** "thành", "lại là", "=": the figure is the new value (corrections). */
  to: boolean;
  /** "đạt", "bằng", "hoàn thành", "chiếm": plain statement of a figure. */
  reached: boolean;
}

const MAX_WORDS = 5;

/** Reads the words in [from, to) of the scan text (masked periods are blank and therefore transparent). */
export function readCues(p: PreparedText, scan: string, from: number, to: number): Cues {
  const cues: Cues = { up: false, down: false, level: false, from: false, to: false, reached: false };
  const slice = scan.slice(Math.max(0, from), Math.max(0, to));
  const clause = slice.split(/[;\n()]|, (?=[a-z])/).pop() ?? "";
  const offset = to - clause.length;
  const re = /[a-z]+|=|->|→/g;
  const words: { w: string; at: number }[] = [];
  for (let m = re.exec(clause); m; m = re.exec(clause)) words.push({ w: m[0], at: offset + m.index });
  const tail = words.slice(-MAX_WORDS);
  tail.forEach(({ w, at }, k) => {
    const next = tail[k + 1]?.w;
    const prev = tail[k - 1]?.w;
    if (w === "tang" && next !== "truong") cues.up = true;
    else if (w === "cao" && next === "hon") cues.up = true;
    else if (w === "giam") cues.down = true;
    else if (w === "thap" && next === "hon") cues.down = true;
    else if (w === "am" && typedAs(p, at, at + 2, ["âm"])) cues.down = true;
    else if (["con", "len", "xuong"].includes(w)) cues.level = true;
    else if (w === "o" && next === "muc") cues.level = true;
    else if (w === "tu" && typedAs(p, at, at + 2, ["từ"])) cues.from = true;
    else if (w === "thanh" && prev === "hoan") cues.reached = true;
    else if (w === "thanh" || w === "=" || w === "->" || w === "→") cues.to = true;
    else if (["dat", "bang", "chiem"].includes(w)) cues.reached = true;
  });
  if (cues.level) cues.from = false;
  return cues;
}
