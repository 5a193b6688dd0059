/**
 * @module Entry points of the plan-pack loader: text or file in, a validated PlanPack out, or one PlanPackError
 * listing every problem (YAML syntax, schema, cross-field rules) with its field path and line.
 */
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { packHash } from "./pack-hash.js";
import { crossCheckPlanPack } from "./plan-pack-cross-check.js";
import { PlanPackError } from "./plan-pack-error.js";
import { fromZodIssues, locateIssues } from "./plan-pack-issues.js";
import { planPackSchema } from "./plan-pack-schema.js";
import { toPlanPackContent } from "./plan-pack-to-domain.js";
import type { PlanPack } from "./plan-pack-types.js";

/**
 * Parses a plan pack written in YAML or JSON (JSON is valid YAML 1.2, so one reader serves both and both get line
 * numbers). `sourceName` names the file in error messages and in `meta.sourceName`.
 * @throws PlanPackError with every problem found; nothing is returned when any exists.
 */
export function parsePlanPack(text: string, sourceName: string): PlanPack {
  const counter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PlanPackError(
      sourceName,
      doc.errors.map((e) => ({ path: "", line: e.linePos?.[0].line ?? null, message: `YAML/JSON syntax: ${e.message.split("\n")[0]}` })),
    );
  }
  let raw: unknown;
  try {
    // Aliases are legal YAML but a pack has no use for billion-laughs sized expansions.
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    throw new PlanPackError(sourceName, [{ path: "", line: null, message: (err as Error).message }]);
  }
  const parsed = planPackSchema.safeParse(raw);
  const rawIssues = [...(parsed.success ? [] : fromZodIssues(parsed.error.issues)), ...crossCheckPlanPack(raw)];
  if (!parsed.success || rawIssues.length > 0) {
    throw new PlanPackError(sourceName, locateIssues(rawIssues, doc, counter));
  }
  const content = toPlanPackContent(parsed.data);
  return { ...content, meta: { ...content.meta, sourceName, packHash: packHash(content) } };
}

/**
 * Reads and parses a plan pack file (UTF-8, `.yaml`, `.yml` or `.json`).
 * @throws PlanPackError when the file cannot be read or is invalid.
 */
export async function loadPlanPack(path: string): Promise<PlanPack> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "unknown error";
    throw new PlanPackError(path, [{ path: "", line: null, message: `Cannot read the file (${code})` }]);
  }
  return parsePlanPack(text, path);
}
