/**
 * @module A small RFC 4180 CSV reader that keeps the line number where each record starts, so that import errors
 * can say "line 12". Handles a UTF-8 BOM, CRLF/LF/CR line ends, quoted fields with commas, doubled quotes and line
 * breaks, `#` comment lines, blank lines, and `;` as delimiter (what Excel writes under a Vietnamese locale).
 */

/** One record: its fields and the 1-based physical line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A syntax problem (unterminated quote, text after a closing quote). */
export interface CsvSyntaxError {
  line: number;
  message: string;
}

export interface CsvReadResult {
  delimiter: "," | ";";
  records: CsvRecord[];
  errors: CsvSyntaxError[];
}

/** Picks `;` when the first data line has more semicolons than commas outside quotes, else `,`. */
function detectDelimiter(text: string): "," | ";" {
  const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== "" && !l.startsWith("#")) ?? "";
  const unquoted = first.replace(/"[^"]*"/g, "");
  const commas = unquoted.split(",").length - 1;
  const semicolons = unquoted.split(";").length - 1;
  return semicolons > commas ? ";" : ",";
}

interface Cursor {
  text: string;
  pos: number;
  line: number;
}

/** Consumes a line break at the cursor if there is one (CRLF counts once). */
function eatNewline(c: Cursor): boolean {
  const ch = c.text[c.pos];
  if (ch === "\r") {
    c.pos += c.text[c.pos + 1] === "\n" ? 2 : 1;
  } else if (ch === "\n") {
    c.pos += 1;
  } else {
    return false;
  }
  c.line += 1;
  return true;
}

function readQuoted(c: Cursor, delimiter: string, errors: CsvSyntaxError[]): string {
  const startLine = c.line;
  let value = "";
  c.pos += 1; // opening quote
  for (;;) {
    if (c.pos >= c.text.length) {
      errors.push({ line: startLine, message: "Quoted field is never closed" });
      return value;
    }
    const ch = c.text[c.pos] as string;
    if (ch === '"') {
      if (c.text[c.pos + 1] === '"') {
        value += '"';
        c.pos += 2;
        continue;
      }
      c.pos += 1;
      break;
    }
    if (eatNewline(c)) {
      value += "\n";
      continue;
    }
    value += ch;
    c.pos += 1;
  }
  // Only blanks may sit between the closing quote and the next delimiter/line end.
  let junk = "";
  while (c.pos < c.text.length && c.text[c.pos] !== delimiter && c.text[c.pos] !== "\n" && c.text[c.pos] !== "\r") {
    junk += c.text[c.pos];
    c.pos += 1;
  }
  if (junk.trim() !== "") errors.push({ line: c.line, message: `Unexpected text after a closing quote: ${junk.trim()}` });
  return value;
}

function readRecord(c: Cursor, delimiter: string, errors: CsvSyntaxError[]): string[] {
  const fields: string[] = [];
  for (;;) {
    while (c.text[c.pos] === " " || c.text[c.pos] === "\t") c.pos += 1;
    let value: string;
    if (c.text[c.pos] === '"') {
      value = readQuoted(c, delimiter, errors);
    } else {
      let raw = "";
      while (c.pos < c.text.length && c.text[c.pos] !== delimiter && c.text[c.pos] !== "\n" && c.text[c.pos] !== "\r") {
        raw += c.text[c.pos];
        c.pos += 1;
      }
      value = raw.trim();
    }
    fields.push(value);
    if (c.text[c.pos] === delimiter) {
      c.pos += 1;
      continue;
    }
    eatNewline(c);
    return fields;
  }
}

function skipLine(c: Cursor): void {
  while (c.pos < c.text.length && !eatNewline(c)) c.pos += 1;
}

/** Reads every record; syntax errors are collected, not thrown, so the caller can report them with the rest. */
export function readCsv(input: string): CsvReadResult {
  const text = input.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(text);
  const c: Cursor = { text, pos: 0, line: 1 };
  const records: CsvRecord[] = [];
  const errors: CsvSyntaxError[] = [];
  while (c.pos < text.length) {
    const ch = text[c.pos];
    if (ch === "#") {
      skipLine(c);
      continue;
    }
    const line = c.line;
    const fields = readRecord(c, delimiter, errors);
    // Rows of empty cells (",,,," as spreadsheets write them) are blank lines too.
    if (fields.some((f) => f !== "")) records.push({ line, fields });
  }
  return { delimiter, records, errors };
}
