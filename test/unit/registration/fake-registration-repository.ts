/** In-memory twins of the registration ports (same behaviour as storage, for domain tests without a database). */
import type { Pledge, PledgeStatus } from "../../../src/domain/registration/pledge";
import { formatReceiptNo, nextReceiptSeq, type Registration } from "../../../src/domain/registration/registration";
import type { AuditSink, PledgeRepository, RegistrationRepository } from "../../../src/domain/registration/registration-repository";

export function createInMemoryRegistrationRepository(): RegistrationRepository & { rows: Registration[] } {
  const rows: Registration[] = [];
  let n = 0;
  return {
    rows,
    async listUnitHistory(campaignId, unitId) {
      return rows.filter((r) => r.campaignId === campaignId && r.unitId === unitId).sort((a, b) => b.version - a.version);
    },
    async listCampaign(campaignId) {
      return rows.filter((r) => r.campaignId === campaignId);
    },
    async findById(id) {
      return rows.find((r) => r.id === id) ?? null;
    },
    async createPending(r, at) {
      for (const x of rows) if (x.campaignId === r.campaignId && x.unitId === r.unitId && x.status === "pending") Object.assign(x, { status: "withdrawn", supersededAt: at });
      const version = Math.max(0, ...rows.filter((x) => x.campaignId === r.campaignId && x.unitId === r.unitId).map((x) => x.version)) + 1;
      const row: Registration = { id: `r${++n}`, campaignId: r.campaignId, unitId: r.unitId, version, status: "pending", ...structuredClone(r.content), draftedBy: r.draftedBy, decidedBy: null, receiptNo: null, reason: r.reason, createdAt: at, submittedAt: null, supersededAt: null };
      rows.push(row);
      return { ...row };
    },
    async submit(p) {
      const reg = rows.find((r) => r.id === p.id);
      if (!reg || reg.status !== "pending") return null;
      const prev = rows.find((r) => r.campaignId === reg.campaignId && r.unitId === reg.unitId && r.status === "submitted");
      if (prev) Object.assign(prev, { status: "superseded", supersededAt: p.at });
      const receiptNo = formatReceiptNo(p.receiptPrefix, nextReceiptSeq(p.receiptPrefix, rows.filter((r) => r.campaignId === reg.campaignId).map((r) => r.receiptNo)));
      Object.assign(reg, { status: "submitted", decidedBy: p.decidedBy, receiptNo, submittedAt: p.at });
      return { registration: { ...reg }, superseded: prev ? { ...prev } : null };
    },
    async reject(p) {
      const reg = rows.find((r) => r.id === p.id);
      if (!reg || reg.status !== "pending") return null;
      Object.assign(reg, { status: "rejected", decidedBy: p.decidedBy, reason: p.reason, supersededAt: p.at });
      return { ...reg };
    },
  };
}

export function createInMemoryPledgeRepository(): PledgeRepository {
  const pledges: Pledge[] = [];
  return {
    async find(campaignId, clusterId) {
      return structuredClone(pledges.find((p) => p.campaignId === campaignId && p.clusterId === clusterId) ?? null);
    },
    async findById(id) {
      return structuredClone(pledges.find((p) => p.id === id) ?? null);
    },
    async listCampaign(campaignId) {
      return structuredClone(pledges.filter((p) => p.campaignId === campaignId));
    },
    async open(p) {
      if (pledges.some((x) => x.campaignId === p.campaignId && x.clusterId === p.clusterId)) return null;
      const pledge: Pledge = { id: `p${pledges.length + 1}`, campaignId: p.campaignId, clusterId: p.clusterId, commitments: p.commitments, openedBy: p.openedBy, status: "open", createdAt: p.at, signatures: [] };
      pledges.push(pledge);
      return structuredClone(pledge);
    },
    async sign(p) {
      const pledge = pledges.find((x) => x.id === p.pledgeId)!;
      if (pledge.signatures.some((s) => s.unitId === p.unitId)) return "already_signed";
      pledge.signatures.push({ unitId: p.unitId, officerId: p.officerId, signedAt: p.at });
      return "signed";
    },
    async setStatus(id: string, status: PledgeStatus) {
      pledges.find((x) => x.id === id)!.status = status;
    },
  };
}

export function createRecordingAudit(): AuditSink & { entries: Parameters<AuditSink["append"]>[0][] } {
  const entries: Parameters<AuditSink["append"]>[0][] = [];
  return { entries, async append(e) { entries.push(e); } };
}
