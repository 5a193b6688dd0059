/**
 * @module Append-only audit log, hash-chained (each entry hashes the previous one) so tampering is detectable.
 * Appends are serialised in-process and retried on a sequence clash from another instance.
 */
import { createHash } from "node:crypto";
import type { Db } from "./prisma-client";

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

export interface AuditLog {
  append(e: AuditEntry): Promise<void>;
  verifyChain(): Promise<{ ok: boolean; brokenAt?: number }>;
}

function hashOf(prevHash: string, seq: number, e: AuditEntry, beforeJson: string | null, afterJson: string | null): string {
  return createHash("sha256")
    .update([prevHash, seq, e.actor, e.action, e.entity, e.entityId, beforeJson ?? "", afterJson ?? "", e.reason ?? ""].join("\u001f"))
    .digest("hex");
}

export function createPrismaAuditLog(db: Db): AuditLog {
  let chain: Promise<void> = Promise.resolve();
  async function appendOnce(e: AuditEntry): Promise<void> {
    const last = await db.auditLog.findFirst({ orderBy: { seq: "desc" } });
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? "genesis";
    const beforeJson = e.before === undefined ? null : JSON.stringify(e.before);
    const afterJson = e.after === undefined ? null : JSON.stringify(e.after);
    const hash = hashOf(prevHash, seq, e, beforeJson, afterJson);
    await db.auditLog.create({
      data: { seq, actor: e.actor, action: e.action, entity: e.entity, entityId: e.entityId, beforeJson, afterJson, reason: e.reason ?? null, prevHash, hash },
    });
  }
  return {
    append(e) {
      const run = chain.then(async () => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await appendOnce(e);
          } catch (err) {
            if (attempt >= 5) throw err;
          }
        }
      });
      chain = run.catch(() => undefined);
      return run;
    },
    async verifyChain() {
      const rows = await db.auditLog.findMany({ orderBy: { seq: "asc" } });
      let prev = "genesis";
      for (const r of rows) {
        const e: AuditEntry = { actor: r.actor, action: r.action, entity: r.entity, entityId: r.entityId, reason: r.reason ?? undefined };
        if (r.prevHash !== prev || hashOf(prev, r.seq, e, r.beforeJson, r.afterJson) !== r.hash) return { ok: false, brokenAt: r.seq };
        prev = r.hash;
      }
      return { ok: true };
    },
  };
}
