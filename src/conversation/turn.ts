/** @module The context one inbound message is handled in, and the Flow interface every conversation implements. */
import type { Locale, Translate } from "../i18n/i18n";
import type { ChannelAccount, Officer, Unit } from "../domain/organisation/organisation";
import type { InboundMessage, OutboundMessage } from "./channel-port";
import type { BotServices } from "./services";

/** Persisted dialogue state: which flow is active, its step and data, and numbered choices on offer. */
export interface SessionState {
  flow?: string;
  step?: string;
  data?: Record<string, unknown>;
  /** Callback data of the buttons last offered, so a typed "2" works on every platform. */
  choices?: string[];
  updatedAt?: string;
}

export interface TurnContext {
  msg: InboundMessage;
  account: ChannelAccount;
  officer: Officer | null;
  unit: Unit | null;
  locale: Locale;
  t: Translate;
  now: Date;
  supportsButtons: boolean;
  services: BotServices;
  session: SessionState;
  /** Replaces the session (null clears it); saved after the handler returns. */
  setSession(s: SessionState | null): void;
  reply(m: OutboundMessage | string): void;
}

export interface Flow {
  name: string;
  /** Handles a text while this flow is active. Return false to let the dispatcher try other routes. */
  onText?(ctx: TurnContext, text: string): Promise<boolean | void>;
  /** Handles a button press whose data starts with `${name}:`. */
  onCallback?(ctx: TurnContext, data: string): Promise<void>;
}
