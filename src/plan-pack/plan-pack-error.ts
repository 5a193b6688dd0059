/** @module The one error a plan pack load throws: every problem found, each with its field path and YAML line. */
import type { PlanPackIssue } from "./plan-pack-types.js";

/** One line per issue: "kg-2021.yaml:123 indicators[3].target: Expected number, received string". */
export function formatPlanPackIssues(sourceName: string, issues: readonly PlanPackIssue[]): string {
  const lines = issues.map((i) => {
    const where = i.line !== null ? `${sourceName}:${i.line}` : sourceName;
    return `  - ${where} ${i.path === "" ? "(file)" : i.path}: ${i.message}`;
  });
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  return [`Plan pack ${sourceName} is invalid (${count}):`, ...lines].join("\n");
}

/**
 * Thrown by parsePlanPack/loadPlanPack when the file cannot be read, is not YAML/JSON, or breaks the schema.
 * `issues` lists every problem at once so the author can fix them in one pass; nothing is imported.
 */
export class PlanPackError extends Error {
  readonly code = "plan_pack_invalid" as const;

  constructor(
    readonly sourceName: string,
    readonly issues: readonly PlanPackIssue[],
  ) {
    super(formatPlanPackIssues(sourceName, issues));
    this.name = "PlanPackError";
  }
}
