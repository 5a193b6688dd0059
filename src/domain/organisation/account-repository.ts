/** @module Port: chat accounts, bound group chats and one-time invite codes (implemented in src/storage). */
import type { ChannelAccount } from "./organisation";

export interface GroupBinding {
  id: string;
  platform: string;
  chatId: string;
  unitId: string | null;
  clusterId: string | null;
  isBoard: boolean;
  active: boolean;
}

export type RedeemResult =
  | { ok: true; officerId: string }
  | { ok: false; reason: "invalid" | "used" | "expired" };

export interface AccountRepository {
  findAccount(platform: string, externalId: string): Promise<ChannelAccount | null>;
  /** Records that this user wrote now (creates an unlinked account on first contact). */
  touch(platform: string, externalId: string, chatId: string, at: Date, displayName?: string): Promise<ChannelAccount>;
  setLocale(accountId: string, locale: "vi" | "en"): Promise<void>;
  markUnreachable(platform: string, chatId: string, reason: string, at: Date): Promise<void>;
  setFollower(platform: string, externalId: string, isFollower: boolean): Promise<void>;
  accountsOfOfficer(officerId: string): Promise<ChannelAccount[]>;
  createInvite(officerId: string, expiresAt: Date): Promise<string>;
  redeemInvite(code: string, accountId: string, at: Date): Promise<RedeemResult>;
  /**
   * Counts wrong invite codes from one account in a sliding window (guessing protection). `record` adds one failure
   * at `at`; returns the failures within `windowMs` before `at`.
   */
  linkFailures(accountId: string, at: Date, windowMs: number, record: boolean): Promise<number>;
  bindGroup(b: Omit<GroupBinding, "id" | "active"> & { boundBy: string; title?: string }): Promise<void>;
  findGroup(platform: string, chatId: string): Promise<GroupBinding | null>;
  listGroups(): Promise<GroupBinding[]>;
  migrateGroup(platform: string, oldChatId: string, newChatId: string): Promise<void>;
  deactivateGroup(platform: string, chatId: string, at: Date): Promise<void>;
}

