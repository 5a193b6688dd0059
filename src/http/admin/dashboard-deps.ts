/** @module What the /admin dashboard reads and does, as ports (wired from the runtime by app/board). */
import type { BoardCampaign } from "../../domain/board/board-data";
import type { BoardService } from "../../domain/board/board-service";
import type { OrgDirectory } from "../../domain/organisation/organisation";
import type { StoredReport } from "../../domain/progress/progress-repository";
import type { Delivery } from "../../delivery/outbox";

/** One audit log entry as the dashboard lists it. */
export interface AuditRow {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  reason: string | null;
  /** The entry's "after" JSON as stored (shown shortened). */
  after: string | null;
}

/** The dashboard's dependencies. */
export interface DashboardDeps {
  /** ADMIN_TOKEN; unset → every dashboard page answers 503. */
  adminToken?: string;
  timeZone: string;
  now(): Date;
  board: Pick<BoardService, "progress" | "ranking" | "standings" | "addAdjustment">;
  campaigns: { list(): BoardCampaign[]; byCode(code: string): BoardCampaign | undefined; current(): BoardCampaign | undefined };
  org: Pick<OrgDirectory, "listUnits" | "listClusters" | "unitByCode" | "unitById" | "officerById" | "clustersOfUnit">;
  /** Every figure a unit sent for a campaign, superseded ones included, newest first. */
  unitHistory(campaignId: string, unitId: string): Promise<StoredReport[]>;
  outbox: { list(filter: { status?: string; limit?: number }): Promise<Delivery[]>; counts(): Promise<Record<string, number>> };
  auditLog: { recent(p: { before?: number; limit: number }): Promise<AuditRow[]>; verify(): Promise<{ ok: boolean; brokenAt?: number }> };
}
