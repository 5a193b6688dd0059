/**
 * @module Turns zod issues and cross-check findings into PlanPackIssues: dotted paths ("indicators[3].target") and
 * the line of the offending node in the YAML/JSON source (or of its nearest existing parent when a key is missing).
 */
import type { Document, LineCounter } from "yaml";
import type { ZodIssue } from "zod";
import type { RawIssue } from "./plan-pack-cross-check.js";
import type { PlanPackIssue } from "./plan-pack-types.js";

type Path = Array<string | number>;

/** ["indicators", 3, "target"] → "indicators[3].target". */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, seg) => {
    if (typeof seg === "number") return `${acc}[${seg}]`;
    return acc === "" ? seg : `${acc}.${seg}`;
  }, "");
}

/** Splits zod issues into one RawIssue per problem (an unknown-keys issue becomes one issue per key). */
export function fromZodIssues(issues: readonly ZodIssue[]): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: [...issue.path, key], message: `Unknown key "${key}"` });
    } else if (issue.code === "invalid_union") {
      out.push({ path: issue.path, message: issue.message === "Invalid input" ? "Value not allowed here" : issue.message });
    } else {
      out.push({ path: issue.path, message: issue.message });
    }
  }
  return out;
}

interface Ranged {
  range?: [number, number, number] | null;
}

function lineOf(doc: Document, counter: LineCounter, path: Path): number | null {
  // Walk up until a node exists: a missing key is reported on the line of the object that lacks it.
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Ranged | null | undefined;
    if (node && typeof node === "object" && Array.isArray(node.range)) return counter.linePos(node.range[0]).line;
  }
  return null;
}

/** Located, de-duplicated issues, ordered by line then path. */
export function locateIssues(raw: readonly RawIssue[], doc: Document, counter: LineCounter): PlanPackIssue[] {
  const seen = new Set<string>();
  const out: PlanPackIssue[] = [];
  for (const r of raw) {
    const path = formatPath(r.path);
    const key = `${path}\u0000${r.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, line: lineOf(doc, counter, r.path), message: r.message });
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path));
}
