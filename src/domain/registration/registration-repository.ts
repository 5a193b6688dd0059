/**
 * @module Ports of the registration capability: stored registration versions, pledges and the plan's award titles
 * (implemented by src/storage/prisma-registration-repository.ts). They speak domain types only.
 */
import type { Pledge, PledgeStatus } from "./pledge";
import type { Registration, RegistrationContent } from "./registration";
import type { PlanTitle } from "./title-catalog";

export interface NewRegistration {
  campaignId: string;
  unitId: string;
  content: RegistrationContent;
  draftedBy: string;
  /** Why a change after submission (or a late registration) is made; null for a first registration. */
  reason: string | null;
}

export interface RegistrationRepository {
  /** Every version of a unit's registration for a campaign, newest first. */
  listUnitHistory(campaignId: string, unitId: string): Promise<Registration[]>;
  /** Every version of every unit for a campaign, oldest first. */
  listCampaign(campaignId: string): Promise<Registration[]>;
  findById(id: string): Promise<Registration | null>;
  /** Stores a new version waiting for the unit head; any older pending version of the unit becomes `withdrawn`. */
  createPending(r: NewRegistration, at: Date): Promise<Registration>;
  /**
   * Makes a pending version `submitted` with the campaign's next receipt number under `receiptPrefix`, and the
   * previously submitted version `superseded`, atomically. null when the version is no longer pending.
   */
  submit(p: { id: string; decidedBy: string; at: Date; receiptPrefix: string }): Promise<{ registration: Registration; superseded: Registration | null } | null>;
  /** Makes a pending version `rejected` with the reason. null when it is no longer pending. */
  reject(p: { id: string; decidedBy: string; reason: string; at: Date }): Promise<Registration | null>;
}

export interface PledgeRepository {
  find(campaignId: string, clusterId: string): Promise<Pledge | null>;
  findById(id: string): Promise<Pledge | null>;
  listCampaign(campaignId: string): Promise<Pledge[]>;
  /** Opens the cluster's pledge; null when the cluster already has one for the campaign. */
  open(p: { campaignId: string; clusterId: string; commitments: string[]; openedBy: string; at: Date }): Promise<Pledge | null>;
  /** Records a unit's signature once; "already_signed" when the unit had signed. */
  sign(p: { pledgeId: string; unitId: string; officerId: string; at: Date }): Promise<"signed" | "already_signed">;
  setStatus(id: string, status: PledgeStatus): Promise<void>;
}

/** The award titles of a campaign's plan pack (empty when the pack has none). */
export interface PlanTitleSource {
  planTitles(campaignId: string): Promise<PlanTitle[]>;
}

/** The audit log as this capability uses it (structurally the conversation's AuditPort). */
export interface AuditSink {
  append(e: { actor: string; action: string; entity: string; entityId: string; before?: unknown; after?: unknown; reason?: string }): Promise<void>;
}
