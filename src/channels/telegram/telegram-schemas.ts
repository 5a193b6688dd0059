/**
 * @module zod schemas for the subset of Telegram's Update we read. Unknown fields are ignored; unknown update kinds
 * parse (all kinds are optional) and are then dropped by the inbound mapper.
 */
import { z } from "zod";

const userSchema = z.object({
  id: z.number(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const chatSchema = z.object({
  id: z.number(),
  type: z.enum(["private", "group", "supergroup", "channel"]),
  title: z.string().optional(),
});

const messageSchema = z.object({
  message_id: z.number(),
  date: z.number(),
  chat: chatSchema,
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  migrate_to_chat_id: z.number().optional(),
  migrate_from_chat_id: z.number().optional(),
});

const callbackQuerySchema = z.object({
  id: z.string(),
  from: userSchema,
  message: z.object({ message_id: z.number(), date: z.number(), chat: chatSchema }).optional(),
  data: z.string().optional(),
});

const chatMemberSchema = z.object({ status: z.string(), user: userSchema });

const chatMemberUpdatedSchema = z.object({
  chat: chatSchema,
  from: userSchema,
  date: z.number(),
  old_chat_member: chatMemberSchema,
  new_chat_member: chatMemberSchema,
});

export const telegramUpdateSchema = z.object({
  update_id: z.number().int(),
  message: messageSchema.optional(),
  edited_message: z.unknown().optional(),
  callback_query: callbackQuerySchema.optional(),
  my_chat_member: chatMemberUpdatedSchema.optional(),
});

export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
export type TelegramMessage = z.infer<typeof messageSchema>;
export type TelegramUser = z.infer<typeof userSchema>;
export type TelegramChat = z.infer<typeof chatSchema>;
export type TelegramChatMemberUpdated = z.infer<typeof chatMemberUpdatedSchema>;
