/**
 * @module The channel-neutral core: resolve the account and officer, load the session, route the message
 * (button → flow, command → handler, active flow, free text), save the session, return the replies.
 * Small on purpose (grammY's core is ~30 lines); features plug in as Flows and command handlers.
 */
import { createTranslator, type Locale } from "../i18n/i18n";
import { conversationKey, type InboundMessage, type OutboundMessage } from "./channel-port";
import { parseCommand, type CommandName } from "./command-parser";
import type { BotServices } from "./services";
import type { ChannelAccount } from "../domain/organisation/organisation";
import type { Flow, SessionState, TurnContext } from "./turn";

/** What a turn starts from: the sender's account (created, or its last interaction and chat updated) and the stored session. */
export interface OpenedTurn {
  account: ChannelAccount;
  session: Record<string, unknown> | null;
}

/** A changed session: the state to store under the key (null: forget it). */
export interface SessionChange {
  key: string;
  state: Record<string, unknown> | null;
}

/**
 * What a turn produced, not yet stored: the replies and the session change are committed by the caller together
 * with the update's completion (one transaction), so a crash never keeps one without the other.
 */
export interface TurnResult {
  replies: OutboundMessage[];
  session?: SessionChange;
}

export type CommandHandler = (ctx: TurnContext, args: string) => Promise<void>;

export interface DispatcherDeps {
  services: BotServices;
  flows: Flow[];
  commands: Partial<Record<CommandName, CommandHandler>>;
  /** Free text outside any flow (reports, criteria questions…); returns whether it was handled. */
  onFreeText?: (ctx: TurnContext, text: string) => Promise<boolean>;
  /** Handles platform events (group added/removed/migrated, follow/unfollow). */
  onEvent?: (msg: InboundMessage, ctx: TurnContext) => Promise<void>;
  supportsButtons: (channel: string) => boolean;
  defaultLocale: Locale;
}

/**
 * Longest text handled: Telegram's own limit (Zalo's is lower), so only a forged delivery is longer, and some readers
 * (criteria search) grow faster than linearly with the length: a 200 kB text cost 13 s of CPU before this cap.
 */
export const MAX_INBOUND_TEXT = 4096;

/** Commands an account that is not linked to an officer may use (linking, help, criteria look-up). */
const OPEN_COMMANDS: ReadonlySet<CommandName> = new Set(["start", "trogiup", "huy", "ngonngu", "tieuchuan", "menu"]);


export function createDispatcher(deps: DispatcherDeps) {
  const flows = new Map(deps.flows.map((f) => [f.name, f]));

  function buildContext(msg: InboundMessage, { account, session: stored }: OpenedTurn, replies: OutboundMessage[]) {
    const { services } = deps;
    const key = conversationKey(msg);
    const officer = account.officerId ? (services.org.officerById(account.officerId) ?? null) : null;
    const unit = officer ? (services.org.unitById(officer.unitId) ?? null) : null;
    const locale: Locale = account.locale ?? officer?.locale ?? (msg.languageCode?.startsWith("en") ? "en" : deps.defaultLocale);
    let session = (stored ?? {}) as SessionState;
    let dirty = false;
    const ctx: TurnContext = {
      msg, account, officer, unit, locale,
      t: createTranslator(locale),
      now: msg.receivedAt,
      supportsButtons: deps.supportsButtons(msg.address.channel),
      services,
      get session() { return session; },
      setSession(s) { session = s ?? {}; dirty = true; },
      reply(m) { replies.push(typeof m === "string" ? { text: m } : m); },
    };
    const sessionChange = (): SessionChange | undefined => {
      const offered = replies.flatMap((r) => r.buttons?.flat().map((b) => b.data) ?? []);
      if (offered.length > 0) { session = { ...session, choices: offered }; dirty = true; }
      if (!dirty) return undefined;
      return { key, state: Object.keys(session).length ? { ...session, updatedAt: msg.receivedAt.toISOString() } : null };
    };
    return { ctx, sessionChange };
  }

  async function routeCallback(ctx: TurnContext, data: string): Promise<void> {
    const flow = flows.get(data.split(":")[0] ?? "");
    if (flow?.onCallback) return flow.onCallback(ctx, data);
    ctx.reply(ctx.t("core.expired_button"));
  }

  async function route(ctx: TurnContext): Promise<void> {
    const { msg } = ctx;
    if (msg.callbackData) return routeCallback(ctx, msg.callbackData);
    const text = msg.text.trim().slice(0, MAX_INBOUND_TEXT);
    const choice = /^\d{1,2}$/.test(text) ? ctx.session.choices?.[Number(text) - 1] : undefined;
    if (choice) return routeCallback(ctx, choice);
    const cmd = parseCommand(text);
    if (cmd) {
      if (!ctx.officer && !OPEN_COMMANDS.has(cmd.name)) return void ctx.reply(ctx.t("core.not_linked"));
      const handler = deps.commands[cmd.name];
      if (handler) return handler(ctx, cmd.args);
    }
    // Groups get commands and buttons only (Telegram privacy mode delivers little else anyway).
    if (msg.address.isGroup) return;
    const active = ctx.session.flow ? flows.get(ctx.session.flow) : undefined;
    if (active?.onText && (await active.onText(ctx, text)) !== false) return;
    if (deps.onFreeText && (await deps.onFreeText(ctx, text))) return;
    ctx.reply(ctx.t(ctx.officer ? "core.not_understood" : "core.not_linked"));
  }

  return {
    /**
     * Handles one inbound message, opened by the caller (inbound-processor.ts: account and session read in the same
     * round trip as its order check): the replies to send to its chat and the session change, for the caller to commit.
     */
    async handle(msg: InboundMessage, opened: OpenedTurn): Promise<TurnResult> {
      const replies: OutboundMessage[] = [];
      const { ctx, sessionChange } = buildContext(msg, opened, replies);
      if (msg.event) {
        await deps.onEvent?.(msg, ctx);
      } else {
        await route(ctx);
      }
      const session = sessionChange();
      return session ? { replies, session } : { replies };
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
