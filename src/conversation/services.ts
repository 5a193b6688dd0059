/** @module Everything the conversation core may call, as ports (implemented in storage/domain, wired in main.ts). */
import type { CampaignDef } from "../domain/campaigns/campaign";
import type { AccountRepository } from "../domain/organisation/account-repository";
import type { OrgDirectory } from "../domain/organisation/organisation";
import type { NewDelivery } from "../delivery/outbox";

/** A loaded campaign: its definition plus the database id and indicator ids. */
export interface ActiveCampaign extends CampaignDef {
  id: string;
  indicatorIds: Record<string, string>;
}

export interface CampaignCatalog {
  /** The campaign officers talk about now (the newest one, or the one named by config). */
  current(): ActiveCampaign | undefined;
  byCode(code: string): ActiveCampaign | undefined;
  list(): ActiveCampaign[];
  refresh(): Promise<void>;
}

export interface AuditPort {
  append(e: { actor: string; action: string; entity: string; entityId: string; before?: unknown; after?: unknown; reason?: string }): Promise<void>;
}

export interface OutboxPort {
  enqueue(d: NewDelivery, now: Date): Promise<{ id: string; created: boolean }>;
}

/** Feature handlers register here; the dispatcher routes commands, intents and callbacks to them. */
export interface BotServices {
  org: OrgDirectory;
  accounts: AccountRepository;
  campaigns: CampaignCatalog;
  outbox: OutboxPort;
  audit: AuditPort;
  timeZone: string;
  /** Deep-link base for invite codes, e.g. "https://t.me/thidua_bot?start=". */
  telegramDeepLink?: string;
}
