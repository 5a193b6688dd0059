/**
 * @module Zalo Official Account adapter: ChannelSender over the OA client (2,000-character NFC chunks, up to five
 * `oa.query.hide` buttons, numbered text choices beyond that and in groups, images and files via upload) and the
 * failure mapping the outbox acts on. Inbound events are converted in zalo-oa-inbound.ts (re-exported here).
 */
import {
  SendError,
  type Button,
  type ChannelAddress,
  type ChannelSender,
  type OutboundMessage,
} from "../../conversation/channel-port.js";
import { NetworkError } from "../shared/channel-errors.js";
import { appendNumberedChoices, flattenButtons, type Translate } from "../shared/numbered-choices.js";
import { withoutEmphasis } from "../shared/emphasis.js";
import { splitText } from "../shared/text-chunks.js";
import type { ZaloClient } from "./zalo-client.js";
import { isZaloAuthCode, ZaloApiError, ZaloTokenUnavailableError } from "./zalo-errors.js";
import type { ZaloButton, ZaloMessageBody } from "./zalo-schemas.js";

import { ZALO_CALLBACK_PREFIX } from "./zalo-oa-inbound.js";

export { toInboundMessages, ZALO_CALLBACK_PREFIX } from "./zalo-oa-inbound.js";

/** Zalo's limit for one text message, counted on NFC text. */
export const ZALO_MAX_TEXT = 2000;
/** At most this many buttons are rendered as real buttons; more become numbered choices. */
export const ZALO_MAX_BUTTONS = 5;

export interface ZaloOaSenderDeps {
  client: ZaloClient;
  /** Translator for the hint under numbered choices (omitted when absent). */
  translate?: Translate;
  /** Told which choices were offered as numbers, so the core can map "2" back to a button's data. */
  onNumberedChoices?: (to: ChannelAddress, offered: Button[]) => void;
}

/** Creates the OA sender. Addresses with isGroup go to the GMF group endpoint, others to the CS endpoint. */
export function createZaloOaSender(deps: ZaloOaSenderDeps): ChannelSender {
  const { client } = deps;
  const post = (to: ChannelAddress, message: ZaloMessageBody) =>
    to.isGroup ? client.sendGroupMessage(to.chatId, message) : client.sendCsMessage(to.chatId, message);

  async function sendAttachments(to: ChannelAddress, msg: OutboundMessage): Promise<string | undefined> {
    let last: string | undefined;
    if (msg.imagePng) {
      const { attachment_id } = await client.uploadImage(msg.imagePng, "chart.png", "image/png");
      const sent = await post(to, {
        attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id }] } },
      });
      last = sent.messageId;
    }
    if (msg.document) {
      const { token } = await client.uploadFile(msg.document.bytes, msg.document.filename, msg.document.mime);
      last = (await post(to, { attachment: { type: "file", payload: { token } } })).messageId ?? last;
    }
    return last;
  }

  async function deliver(to: ChannelAddress, msg: OutboundMessage) {
    const buttons = flattenButtons(msg.buttons);
    const asButtons = buttons.length > 0 && buttons.length <= ZALO_MAX_BUTTONS && !to.isGroup;
    let text = withoutEmphasis(msg.text.normalize("NFC"));
    if (buttons.length > 0 && !asButtons) {
      text = appendNumberedChoices(text, buttons, deps.translate);
      deps.onNumberedChoices?.(to, buttons);
    }
    const chunks = splitText(text, ZALO_MAX_TEXT);
    if (chunks.length === 0 && !msg.imagePng && !msg.document) throw new SendError("permanent", "zalo: empty message");
    let last = await sendAttachments(to, msg);
    for (const [i, chunk] of chunks.entries()) {
      const withButtons = asButtons && i === chunks.length - 1;
      const sent = await post(to, withButtons ? { text: chunk, attachment: buttonAttachment(buttons) } : { text: chunk });
      last = sent.messageId ?? last;
    }
    return { externalId: last };
  }

  return {
    channel: "zalo",
    maxTextLength: ZALO_MAX_TEXT,
    supportsButtons: true,
    async send(to, msg) {
      try {
        return await deliver(to, msg);
      } catch (err) {
        throw toZaloSendError(err);
      }
    },
  };
}

/**
 * Buttons of a CS text. The wrapper follows Zalo's official .NET SDK (no template_type); zalo.md marks the exact v3
 * shape UNVERIFIED, so it is built in this one place. Payloads carry a prefix so a tap is recognisable inbound.
 */
export function buttonAttachment(buttons: Button[]): NonNullable<ZaloMessageBody["attachment"]> {
  const zaloButtons: ZaloButton[] = buttons.map((b) => ({
    title: b.label.normalize("NFC"),
    type: "oa.query.hide",
    payload: `${ZALO_CALLBACK_PREFIX}${b.data}`,
  }));
  return { type: "template", payload: { buttons: zaloButtons } };
}

const RATE_LIMITED: Record<number, number> = { [-32]: 60_000, [-211]: 3600_000, [-218]: 3600_000 };
const UNREACHABLE = new Set([-230, -232, -213, -227, -244, -237, -403]);
/** App/OA configuration or commercial gates: nothing will get through until an operator acts. */
const CHANNEL_CONFIG = new Set([-209, -212, -221, -223, -224, -242, -118, -14014]);

/** Maps a failure of any OA call to a SendError kind. Messages carry endpoint and code, never tokens. */
export function toZaloSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof ZaloApiError) {
    const code = err.zaloCode;
    const retry = RATE_LIMITED[code];
    if (retry !== undefined) return new SendError("rate_limited", err.message, retry);
    if (code === -429) return new SendError("rate_limited", err.message, 60_000);
    if (UNREACHABLE.has(code)) return new SendError("unreachable", err.message);
    if (isZaloAuthCode(code) || CHANNEL_CONFIG.has(code)) return new SendError("auth", err.message);
    if (code <= -500 && code >= -599) return new SendError("transient", err.message);
    return new SendError("permanent", err.message);
  }
  if (err instanceof ZaloTokenUnavailableError) return new SendError("auth", err.message);
  if (err instanceof NetworkError) return new SendError("transient", err.message);
  return new SendError("permanent", `zalo: ${err instanceof Error ? err.message : "unknown error"}`);
}
