/**
 * @module The bot's command menu (runtime-contract.md "Chat"), registered with setMyCommands. Descriptions come from
 * the catalogs (`channels.telegram.commands.<command>`), Vietnamese by default and English for English clients.
 */
import type { Translate } from "../shared/numbered-choices.js";
import type { BotCommand, TelegramApi } from "./telegram-api.js";

/** Command names exactly as the runtime contract lists them. */
export const TELEGRAM_COMMANDS = [
  "start",
  "dangky",
  "baocao",
  "tiendo",
  "tieuchuan",
  "nhacnho",
  "huy",
  "trogiup",
  "ngonngu",
] as const;

/** The menu for one language, descriptions translated. */
export function buildBotCommands(translate: Translate): BotCommand[] {
  return TELEGRAM_COMMANDS.map((command) => ({
    command,
    description: translate(`channels.telegram.commands.${command}`),
  }));
}

/**
 * Registers the menu: Vietnamese as the default for every client, English for clients whose language is English.
 */
export async function registerBotCommands(api: TelegramApi, translators: { vi: Translate; en?: Translate }): Promise<void> {
  await api.setMyCommands(buildBotCommands(translators.vi));
  if (translators.en) await api.setMyCommands(buildBotCommands(translators.en), "en");
}
