/**
 * @module zod schemas for Zalo wire formats: OA API `data` payloads, OA webhook events and Zalo Bot Platform updates.
 * Ids are strings (they can exceed 2^53); a bare number is accepted and turned into its decimal string.
 */
import { z } from "zod";

/** An id or millisecond timestamp: string on the wire; tolerated as a number and kept as a string. */
export const idSchema = z.union([z.string(), z.number()]).transform((v) => String(v));

// ---------- OA API responses (the `data` of the envelope) ----------

export const sentMessageSchema = z
  .object({ message_id: idSchema.optional(), msg_id: idSchema.optional(), user_id: idSchema.optional() })
  .transform((d) => ({ messageId: d.message_id ?? d.msg_id, userId: d.user_id }));

export const messageQuotaSchema = z
  .object({ last_interaction: idSchema.optional(), cs_reply: z.unknown().optional() })
  .passthrough();

export const userDetailSchema = z
  .object({
    user_id: idSchema,
    display_name: z.string().optional(),
    user_is_follower: z.boolean().optional(),
    user_last_interaction_date: z.string().optional(),
  })
  .passthrough();

export const uploadImageSchema = z.object({ attachment_id: idSchema });
export const uploadFileSchema = z.object({ token: z.string() });

/** One button of a CS message. */
export interface ZaloButton {
  title: string;
  type: "oa.query.hide" | "oa.query.show" | "oa.open.url";
  payload: string | { url: string };
}

/** The `message` object of a CS or group send. */
export interface ZaloMessageBody {
  text?: string;
  attachment?:
    | { type: "template"; payload: { buttons: ZaloButton[] } }
    | { type: "template"; payload: { template_type: "media"; elements: { media_type: "image"; attachment_id: string }[] } }
    | { type: "file"; payload: { token: string } };
}

// ---------- OA webhook events ----------

const idHolder = z.object({ id: idSchema });

export const zaloOaEventSchema = z.object({
  event_name: z.string(),
  app_id: idSchema.optional(),
  oa_id: idSchema.optional(),
  timestamp: idSchema.optional(),
  sender: idHolder.optional(),
  recipient: idHolder.optional(),
  follower: idHolder.optional(),
  message: z.object({ text: z.string().optional(), msg_id: idSchema.optional() }).passthrough().optional(),
});

export type ZaloOaEvent = z.infer<typeof zaloOaEventSchema>;

// ---------- Zalo Bot Platform ----------

export const zaloBotMessageSchema = z
  .object({
    message_id: idSchema,
    date: idSchema.optional(),
    text: z.string().optional(),
    caption: z.string().optional(),
    from: z.object({ id: idSchema, display_name: z.string().optional(), is_bot: z.boolean().optional() }).optional(),
    chat: z.object({ id: idSchema, chat_type: z.string().optional() }),
  })
  .passthrough();

const zaloBotUpdateInnerSchema = z.object({ event_name: z.string(), message: zaloBotMessageSchema.optional() });

/** Documented wrapped form `{ok, result:{…}}` and the unwrapped `{event_name, message}` seen in practice. */
export const zaloBotUpdateSchema = z.union([
  z.object({ ok: z.boolean().optional(), result: zaloBotUpdateInnerSchema }).transform((w) => w.result),
  zaloBotUpdateInnerSchema,
]);

export type ZaloBotUpdate = z.infer<typeof zaloBotUpdateSchema>;
