/**
 * @module Giao ước thi đua of a cụm/khối: the cluster leader opens it with common commitments, the head of each
 * member unit signs it in chat; it is complete when every member has signed. Pure types and rules.
 */
import type { Cluster, Officer } from "../organisation/organisation";

export type PledgeStatus = "open" | "complete";

export interface PledgeSignature {
  unitId: string;
  officerId: string;
  signedAt: Date;
}

export interface Pledge {
  id: string;
  campaignId: string;
  clusterId: string;
  /** The common commitments, one per line as the leader wrote them. */
  commitments: string[];
  openedBy: string;
  status: PledgeStatus;
  createdAt: Date;
  signatures: PledgeSignature[];
}

/** Limits on the commitments a leader writes (a pledge is read in chat: short lines, not a document). */
export const PLEDGE_LIMITS = { maxLines: 15, minChars: 5, maxChars: 300 } as const;

export type PledgeTextProblem = "pledge_empty" | "pledge_too_many" | "pledge_line_short" | "pledge_line_long";

/** Splits the leader's message into commitments (bullets and numbering removed) and checks the limits. */
export function readPledgeCommitments(text: string): { ok: true; lines: string[] } | { ok: false; problem: PledgeTextProblem; line?: number } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:\d{1,2}[.)]|[-•*+])\s*/, "").replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (lines.length === 0) return { ok: false, problem: "pledge_empty" };
  if (lines.length > PLEDGE_LIMITS.maxLines) return { ok: false, problem: "pledge_too_many" };
  const short = lines.findIndex((l) => l.length < PLEDGE_LIMITS.minChars);
  if (short >= 0) return { ok: false, problem: "pledge_line_short", line: short + 1 };
  const long = lines.findIndex((l) => l.length > PLEDGE_LIMITS.maxChars);
  if (long >= 0) return { ok: false, problem: "pledge_line_long", line: long + 1 };
  return { ok: true, lines };
}

/** Clusters an officer leads: role cluster_leader of the cluster's leader unit (the board may act for any). */
export function clustersLedBy(officer: Officer, clusters: readonly Cluster[]): Cluster[] {
  if (officer.role === "board") return [...clusters];
  if (officer.role !== "cluster_leader") return [];
  return clusters.filter((c) => c.leaderUnitId === officer.unitId);
}

/** Whether the officer may sign for their unit: the head of a member unit. */
export function canSignPledge(officer: Officer, cluster: Cluster): boolean {
  return officer.role === "unit_head" && cluster.memberUnitIds.includes(officer.unitId);
}

/** Who has signed and who has not, in the cluster's member order. */
export function pledgeProgress(pledge: Pick<Pledge, "signatures">, cluster: Cluster): { signed: PledgeSignature[]; missing: string[]; complete: boolean } {
  const byUnit = new Map(pledge.signatures.map((s) => [s.unitId, s]));
  const signed = cluster.memberUnitIds.map((id) => byUnit.get(id)).filter((s): s is PledgeSignature => s !== undefined);
  const missing = cluster.memberUnitIds.filter((id) => !byUnit.has(id));
  return { signed, missing, complete: cluster.memberUnitIds.length > 0 && missing.length === 0 };
}
