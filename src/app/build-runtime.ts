/**
 * @module Composition of the bot's core (store → services → dispatcher → inbound pipeline → outbox), shared by
 * main.ts, the local chat, the CLI and the tests. Channels and HTTP are added on top by main.ts.
 */
import type { Config } from "../config/config";
import type { ChannelSender } from "../conversation/channel-port";
import { createDispatcher, type CommandHandler } from "../conversation/dispatcher";
import { createInboundProcessor } from "../conversation/inbound-processor";
import type { BotServices } from "../conversation/services";
import type { Flow, TurnContext } from "../conversation/turn";
import { bindGroupCommand, cancelCommand, handlePlatformEvent, helpCommand, languageCommand, linkWithCode, startCommand } from "../conversation/flows/account.flow";
import type { CommandName } from "../conversation/command-parser";
import { createOutboxDispatcher } from "../delivery/outbox-dispatcher";
import { createVnCalendar } from "../domain/calendar/vn-calendar";
import { DEFAULT_SENDING_WINDOW } from "../domain/calendar/working-calendar";
import { reminderSendableFrom } from "../domain/reminders/reminder-send-time";
import type { BucketSpec, ChannelLimits } from "../delivery/token-bucket";
import { createFloodGuard, DEFAULT_FLOOD_LIMIT } from "../conversation/flood-guard";
import { systemClock, type Clock } from "../shared/clock";
import type { Logger } from "../shared/logger";
import { createPrismaAccountRepository } from "../storage/prisma-account-repository";
import { createPrismaAuditLog } from "../storage/prisma-audit-log";
import { createPrismaCampaignCatalog } from "../storage/prisma-campaign-repository";
import { createDb, providerOf, type Db } from "../storage/prisma-client";
import { createPrismaInboundStore } from "../storage/prisma-inbound-store";
import { createPrismaLeaseManager } from "../storage/prisma-lease";
import { createPrismaOrgDirectory } from "../storage/prisma-org-directory";
import { createPrismaOutboxRepository } from "../storage/prisma-outbox-repository";
import { migrate } from "../storage/migrate";
import { looksLikeInviteCode } from "../storage/prisma-account-repository";

/** Features add themselves here (report, registration, criteria, reminders…); see src/app/features.ts. */
export interface FeatureSet {
  flows: Flow[];
  commands: Partial<Record<CommandName, CommandHandler>>;
  freeText: ((ctx: TurnContext, text: string) => Promise<boolean>)[];
}

export interface RuntimeOptions {
  config: Pick<Config, "databaseUrl" | "timeZone" | "defaultLocale"> & { telegram?: Config["telegram"] };
  logger: Logger;
  clock?: Clock;
  senders?: ChannelSender[];
  limits?: Record<string, ChannelLimits>;
  /** Messages one person may send (burst, then per second) before they are not handled; null = no limit (tests). */
  floodLimit?: BucketSpec | null;
  /** Adds feature flows/commands given the core services. */
  features?: (services: BotServices, db: Db) => Promise<FeatureSet> | FeatureSet;
  skipMigrations?: boolean;
}

export async function buildRuntime(opts: RuntimeOptions) {
  const clock = opts.clock ?? systemClock;
  if (!opts.skipMigrations) await migrate(opts.config.databaseUrl);
  const db = createDb(opts.config.databaseUrl);
  const org = await createPrismaOrgDirectory(db);
  const campaigns = await createPrismaCampaignCatalog(db);
  const accounts = createPrismaAccountRepository(db);
  const audit = createPrismaAuditLog(db);
  const outboxRepo = createPrismaOutboxRepository(db);
  const leases = createPrismaLeaseManager(db);
  const senders = new Map((opts.senders ?? []).map((s) => [s.channel as string, s]));
  const outboxDispatcher = createOutboxDispatcher({
    repo: outboxRepo, senders, clock, logger: opts.logger, holderId: leases.holderId, limits: opts.limits,
    onUnreachable: async (d, to, reason) => {
      await accounts.markUnreachable(to.channel, to.chatId, reason, clock.now());
    },
    onGroupMigrated: async (to, newChatId) => accounts.migrateGroup(to.channel, to.chatId, newChatId),
    // Reminders held up past the sending window wait for the next working morning (reminder-send-time.ts).
    sendableFrom: reminderSendableFrom(createVnCalendar(), { ...DEFAULT_SENDING_WINDOW, zone: opts.config.timeZone }),
  });
  const services: BotServices = {
    org, accounts, campaigns, audit, timeZone: opts.config.timeZone,
    outbox: { enqueue: async (d, now) => { const r = await outboxRepo.enqueue(d, now); outboxDispatcher.kick(); return r; } },
    telegramDeepLink: opts.config.telegram?.username ? `https://t.me/${opts.config.telegram.username}?start=` : undefined,
  };
  const features = (await opts.features?.(services, db)) ?? { flows: [], commands: {}, freeText: [] };
  const dispatcher = createDispatcher({
    services,
    flows: features.flows,
    commands: { start: startCommand, trogiup: helpCommand, menu: helpCommand, huy: cancelCommand, ngonngu: languageCommand, ganhom: bindGroupCommand, ...features.commands },
    onFreeText: async (ctx, text) => {
      if (!ctx.officer && looksLikeInviteCode(text)) return linkWithCode(ctx, text).then(() => true);
      for (const h of features.freeText) if (await h(ctx, text)) return true;
      return false;
    },
    onEvent: handlePlatformEvent,
    supportsButtons: (channel) => senders.get(channel)?.supportsButtons ?? true,
    defaultLocale: opts.config.defaultLocale,
  });
  const inbound = createInboundProcessor({
    store: createPrismaInboundStore(db), handle: dispatcher.handle,
    kickOutbox: () => outboxDispatcher.kick(), handOff: outboxDispatcher, clock, logger: opts.logger, defaultLocale: opts.config.defaultLocale,
    flood: opts.floodLimit === null ? null : createFloodGuard(opts.floodLimit ?? DEFAULT_FLOOD_LIMIT),
    // PostgreSQL is the store several instances share; an embedded SQLite file has one (the per-conversation queue
    // in the process keeps the order there).
    orderAcrossInstances: providerOf(opts.config.databaseUrl) === "postgresql",
  });

  return {
    db, clock, org, campaigns, accounts, audit, outboxRepo, outboxDispatcher, leases, services, dispatcher, inbound, senders,
    async checkDb(): Promise<boolean> {
      try {
        await db.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    async close(): Promise<void> {
      await outboxDispatcher.stop();
      await inbound.idle();
      await db.$disconnect();
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof buildRuntime>>;
