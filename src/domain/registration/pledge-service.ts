/**
 * @module Use cases of giao ước thi đua: the cluster leader opens a pledge, member unit heads sign it; the pledge
 * becomes complete with the last signature. Rules in pledge.ts; every step is audited.
 */
import type { Cluster, Officer } from "../organisation/organisation";
import { canSignPledge, clustersLedBy, pledgeProgress, type Pledge } from "./pledge";
import type { AuditSink, PledgeRepository } from "./registration-repository";

/** Why a pledge use case refused; each maps to `registration.pledge.error.<code>`. */
export type PledgeErrorCode = "forbidden" | "exists" | "not_found" | "already_signed";

export type OpenOutcome = { ok: true; pledge: Pledge } | { ok: false; code: PledgeErrorCode; pledge?: Pledge };

export type SignOutcome =
  | { ok: true; pledge: Pledge; complete: boolean; missing: string[] }
  | { ok: false; code: PledgeErrorCode; pledge?: Pledge };

export function createPledgeService(deps: { repo: PledgeRepository; audit: AuditSink }) {
  const { repo, audit } = deps;
  return {
    /** Opens the cluster's pledge with its common commitments (one pledge per cluster and campaign). */
    async open(p: { campaignId: string; cluster: Cluster; officer: Officer; commitments: string[]; now: Date }): Promise<OpenOutcome> {
      if (!clustersLedBy(p.officer, [p.cluster]).length) return { ok: false, code: "forbidden" };
      const pledge = await repo.open({ campaignId: p.campaignId, clusterId: p.cluster.id, commitments: p.commitments, openedBy: p.officer.id, at: p.now });
      if (!pledge) return { ok: false, code: "exists", pledge: (await repo.find(p.campaignId, p.cluster.id)) ?? undefined };
      await audit.append({ actor: `officer:${p.officer.id}`, action: "pledge.opened", entity: "Pledge", entityId: pledge.id, after: { clusterId: p.cluster.id, commitments: p.commitments } });
      return { ok: true, pledge };
    },

    /** The head of a member unit signs for the unit; the last signature completes the pledge. */
    async sign(p: { pledgeId: string; cluster: Cluster; officer: Officer; now: Date }): Promise<SignOutcome> {
      const pledge = await repo.findById(p.pledgeId);
      if (!pledge || pledge.clusterId !== p.cluster.id) return { ok: false, code: "not_found" };
      if (!canSignPledge(p.officer, p.cluster)) return { ok: false, code: "forbidden", pledge };
      const res = await repo.sign({ pledgeId: pledge.id, unitId: p.officer.unitId, officerId: p.officer.id, at: p.now });
      if (res === "already_signed") return { ok: false, code: "already_signed", pledge };
      await audit.append({ actor: `officer:${p.officer.id}`, action: "pledge.signed", entity: "Pledge", entityId: pledge.id, after: { unitId: p.officer.unitId } });
      const fresh = (await repo.findById(pledge.id)) ?? pledge;
      const progress = pledgeProgress(fresh, p.cluster);
      if (progress.complete && fresh.status !== "complete") {
        await repo.setStatus(fresh.id, "complete");
        await audit.append({ actor: `officer:${p.officer.id}`, action: "pledge.completed", entity: "Pledge", entityId: fresh.id, after: { signatures: fresh.signatures.length } });
        return { ok: true, pledge: { ...fresh, status: "complete" }, complete: true, missing: [] };
      }
      return { ok: true, pledge: fresh, complete: false, missing: progress.missing };
    },
  };
}

export type PledgeService = ReturnType<typeof createPledgeService>;
