/**
 * @module Wires the /admin dashboard (src/http/admin) to a runtime: the board capability, the figure history, the
 * outbox and the audit log. start-server.ts passes the result to createApp as `dashboard`.
 */
import type { Router } from "express";
import type { Runtime } from "../build-runtime";
import { createDashboardRouter } from "../../http/admin/dashboard.route";
import type { AuditRow } from "../../http/admin/dashboard-deps";
import { progressRepositoryFor } from "../runtime-lookups";
import { boardOf } from "../features/board.feature";

/** The dashboard router of a runtime; every page answers 503 when `adminToken` is unset. */
export function buildDashboard(runtime: Runtime, adminToken: string | undefined): Router {
  const board = boardOf(runtime);
  const figures = progressRepositoryFor(runtime.db, runtime.campaigns);
  let verified: { key: string; result: { ok: boolean; brokenAt?: number } } | undefined;
  return createDashboardRouter({
    adminToken,
    timeZone: runtime.services.timeZone,
    now: () => runtime.clock.now(),
    board: board.service,
    campaigns: runtime.campaigns,
    org: runtime.org,
    unitHistory: (campaignId, unitId) => figures.list(campaignId, { unitId }, 500),
    outbox: runtime.outboxRepo,
    auditLog: {
      async recent(p): Promise<AuditRow[]> {
        const rows = await runtime.db.auditLog.findMany({ where: p.before ? { seq: { lt: p.before } } : {}, orderBy: { seq: "desc" }, take: p.limit });
        return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entityId, reason: r.reason, after: r.afterJson }));
      },
      /** The whole chain is re-hashed only when it grew (the log is append-only). */
      async verify() {
        const last = await runtime.db.auditLog.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
        const key = `${last?.seq ?? 0}:${last?.hash ?? ""}`;
        if (verified?.key !== key) verified = { key, result: await runtime.audit.verifyChain() };
        return verified.result;
      },
    },
  });
}
