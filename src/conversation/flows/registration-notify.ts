/**
 * @module Messages the registration and pledge flows send to people other than the sender (a unit head asked to
 * approve, a drafter told of a receipt, a cluster group told of a registration), through the durable outbox, each
 * in the recipient's language. Buttons in such a message are also offered as numbered choices in the recipient's
 * dialogue (when they are not in the middle of another one), so typing "1" works on platforms without buttons
 * (Zalo) as it does after a reply.
 */
import { createTranslator, type Locale, type Translate } from "../../i18n/i18n";
import type { ChannelAccount, Officer, Role } from "../../domain/organisation/organisation";
import type { OutboundMessage } from "../channel-port";
import type { BotServices } from "../services";

/** Puts callback data on offer in a recipient's dialogue (implemented over the session store by the feature). */
export interface ChoiceOffer {
  offer(account: ChannelAccount, choices: string[]): Promise<void>;
}

export interface NotifyOptions {
  /** Logical message key; the account or group id is appended, so each recipient gets it once. */
  key: string;
  kind: string;
  now: Date;
  campaignId?: string;
}

export type MessageBuilder = (t: Translate, locale: Locale) => OutboundMessage;

export function createNotifier(deps: { services: BotServices; choices?: ChoiceOffer; defaultLocale?: Locale }) {
  const { services } = deps;
  const fallback: Locale = deps.defaultLocale ?? "vi";

  async function toAccount(officer: Officer, account: ChannelAccount, build: MessageBuilder, o: NotifyOptions): Promise<boolean> {
    if (account.unreachableAt) return false;
    const locale: Locale = account.locale ?? officer.locale ?? fallback;
    const message = build(createTranslator(locale), locale);
    const res = await services.outbox.enqueue(
      { dedupeKey: `${o.key}:${account.id}`, recipient: `${account.platform}:${account.chatId}`, kind: o.kind, message, officerId: officer.id, campaignId: o.campaignId ?? null },
      o.now,
    );
    const offered = message.buttons?.flat().map((b) => b.data) ?? [];
    if (res.created && offered.length > 0) await deps.choices?.offer(account, offered);
    return true;
  }

  async function toOfficer(officerId: string, build: MessageBuilder, o: NotifyOptions): Promise<number> {
    const officer = services.org.officerById(officerId);
    if (!officer) return 0;
    let n = 0;
    for (const account of await services.accounts.accountsOfOfficer(officerId)) if (await toAccount(officer, account, build, o)) n++;
    return n;
  }

  return {
    /** Sends to every reachable chat account of the officer; returns how many accounts were addressed. */
    toOfficer,

    /** Sends to the officers of a unit with one of the roles; returns the officers reached (at least one account). */
    async toUnitOfficers(unitId: string, roles: Role[], build: MessageBuilder, o: NotifyOptions, except: string[] = []): Promise<Officer[]> {
      const reached: Officer[] = [];
      for (const officer of officersOf(services, unitId, roles)) {
        if (except.includes(officer.id)) continue;
        if ((await toOfficer(officer.id, build, o)) > 0) reached.push(officer);
      }
      return reached;
    },

    /** Sends to the active group chats bound to any of the clusters (in the default language). */
    async toClusterGroups(clusterIds: string[], build: MessageBuilder, o: NotifyOptions): Promise<number> {
      const groups = (await services.accounts.listGroups()).filter((g) => g.active && g.clusterId !== null && clusterIds.includes(g.clusterId));
      const message = build(createTranslator(fallback), fallback);
      for (const g of groups) {
        await services.outbox.enqueue({ dedupeKey: `${o.key}:${g.id}`, recipient: `${g.platform}:g:${g.chatId}`, kind: o.kind, message, campaignId: o.campaignId ?? null }, o.now);
      }
      return groups.length;
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

/** The officers of a unit with one of the roles, in directory order. */
export function officersOf(services: BotServices, unitId: string, roles: Role[]): Officer[] {
  return services.org.listOfficers().filter((o) => o.unitId === unitId && roles.includes(o.role));
}

/** The board's officers (role board). */
export function boardOfficers(services: BotServices): Officer[] {
  return services.org.listOfficers().filter((o) => o.role === "board");
}
