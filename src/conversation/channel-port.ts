/**
 * @module Channel-neutral message types and the ports channel adapters implement.
 * Adapters (src/channels/*) translate platform payloads to and from these; they never decide.
 */

export type ChannelName = "telegram" | "zalo" | "zalo-bot" | "local";

/** Where a message goes: a private chat or a group on one platform. Serialised as "telegram:123". */
export interface ChannelAddress {
  channel: ChannelName;
  chatId: string;
  isGroup?: boolean;
}

export function formatAddress(a: ChannelAddress): string {
  return `${a.channel}:${a.isGroup ? "g:" : ""}${a.chatId}`;
}

/**
 * One person's conversation in one chat (a private chat, or one member in a group): its messages are handled one
 * after the other in arrival order, and its dialogue state is stored under this key.
 */
export function conversationKey(m: { address: ChannelAddress; userId: string }): string {
  return `${formatAddress(m.address)}:${m.userId}`;
}

export function parseAddress(s: string): ChannelAddress {
  const [channel, second, third] = s.split(":");
  if (second === "g" && third !== undefined) return { channel: channel as ChannelName, chatId: third, isGroup: true };
  return { channel: channel as ChannelName, chatId: second ?? "" };
}

/** A button; on platforms without buttons it becomes a numbered text choice whose reply is `data`. */
export interface Button {
  label: string;
  /** Opaque callback payload (≤ 64 bytes for Telegram). Sent back as InboundMessage.callbackData. */
  data: string;
}

export interface OutboundMessage {
  /** Plain text; adapters escape it for their format. Bold spans are marked with **…** and rendered per platform. */
  text: string;
  /** Rows of buttons. */
  buttons?: Button[][];
  /** A PNG image (charts) sent with `text` as caption. */
  imagePng?: Uint8Array;
  /** A file (XLSX/CSV export). */
  document?: { filename: string; bytes: Uint8Array; mime: string };
  /** If set, the adapter edits this previously sent message instead of sending a new one (Telegram read-backs). */
  editMessageId?: string;
}

export interface InboundMessage {
  /** Platform-unique update id, used for dedupe ("telegram:123456"). */
  updateId: string;
  address: ChannelAddress;
  /** The sender's platform user id (differs from chatId in groups). */
  userId: string;
  userName?: string;
  /** Message text (NFC-normalised by the adapter); empty for button presses. */
  text: string;
  /** Set when the user pressed a button (Telegram callback_query data, Zalo oa.query payload). */
  callbackData?: string;
  /** Id of the message the button belonged to (to edit it). */
  callbackMessageId?: string;
  /** Platform message id of this message (provenance of reported figures). */
  messageId?: string;
  /** Language hint from the platform (Telegram language_code). */
  languageCode?: string;
  receivedAt: Date;
  /** Service events: bot added to / removed from a group, group migrated, Zalo follow/unfollow. */
  event?:
    | { type: "bot_added" }
    | { type: "bot_removed" }
    | { type: "group_migrated"; newChatId: string }
    | { type: "follow" }
    | { type: "unfollow" };
}

/** Result of handing one message to a platform. */
export interface SendResult {
  externalId?: string;
}

/**
 * What an adapter must classify platform failures into, so the outbox can decide:
 * retry later (rate limited / transient), give up on this recipient (unreachable), or dead-letter (permanent).
 */
export type SendFailureKind = "rate_limited" | "transient" | "unreachable" | "permanent" | "auth";

export class SendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    readonly retryAfterMs?: number,
    readonly newChatId?: string,
  ) {
    super(message);
    this.name = "SendError";
  }
}

/** Implemented by each channel adapter: deliver one message to one address. Throws SendError. */
export interface ChannelSender {
  readonly channel: ChannelName;
  /** Maximum characters of one text message on this platform (Telegram 4096, Zalo 2000). */
  readonly maxTextLength: number;
  /** Whether the platform renders buttons (Zalo Bot Platform does not: numbered text choices instead). */
  readonly supportsButtons: boolean;
  send(to: ChannelAddress, msg: OutboundMessage): Promise<SendResult>;
}
