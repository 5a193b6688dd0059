/**
 * @module Builds the enabled channels from the config: senders (outbound), webhook routers (inbound), and the
 * Telegram long-polling loop for development when no webhook secret is set.
 */
import type { Router } from "express";
import type { Config } from "../config/config";
import type { ChannelSender } from "../conversation/channel-port";
import type { InboundSink } from "../channels/shared/inbound-sink";
import { createTelegramApi, type TelegramApi } from "../channels/telegram/telegram-api";
import { createTelegramSender } from "../channels/telegram/telegram-sender";
import { createZaloClient } from "../channels/zalo/zalo-client";
import { createZaloOaSender } from "../channels/zalo/zalo-oa-adapter";
import { createZaloBotClient } from "../channels/zalo/zalo-bot-client";
import { createZaloBotSender } from "../channels/zalo/zalo-bot-adapter";
import { createZaloTokenManager, type TokenStore, type ZaloTokenManager } from "../channels/zalo/zalo-token-manager";
import { createTelegramWebhookRoute } from "../http/webhooks/telegram.route";
import { createZaloWebhookRoute } from "../http/webhooks/zalo.route";
import { createZaloBotWebhookRoute } from "../http/webhooks/zalo-bot.route";
import type { WebhookObserver } from "../http/webhooks/webhook-common";
import { createTranslator } from "../i18n/i18n";
import type { Clock } from "../shared/clock";

export interface ChannelSet {
  senders: ChannelSender[];
  routers: Router[];
  telegramApi?: TelegramApi;
  zaloTokens?: ZaloTokenManager;
  /** Channel → "webhook" | "polling" | "send-only", for the start-up line and /healthz. */
  modes: Record<string, string>;
}

/** The stored token pair's id (one OA per deployment). */
export const ZALO_OA_TOKEN_ID = "zalo-oa";

export function buildChannelSenders(config: Config, deps: { tokenStore: TokenStore; clock: Clock }): Omit<ChannelSet, "routers"> {
  const senders: ChannelSender[] = [];
  const modes: Record<string, string> = {};
  const translate = createTranslator(config.defaultLocale);
  let telegramApi: TelegramApi | undefined;
  let zaloTokens: ZaloTokenManager | undefined;
  if (config.telegram) {
    telegramApi = createTelegramApi({ token: config.telegram.token, apiRoot: config.telegram.apiRoot });
    senders.push(createTelegramSender({ api: telegramApi }));
    modes.telegram = config.telegram.webhookSecret ? "webhook" : "polling";
  }
  if (config.zaloOa) {
    const z = config.zaloOa;
    zaloTokens = createZaloTokenManager({
      id: ZALO_OA_TOKEN_ID, appId: z.appId, appSecret: z.appSecret, oauthBase: z.oauthBase, store: deps.tokenStore, clock: deps.clock,
      initial: z.accessToken && z.refreshToken ? { accessToken: z.accessToken, refreshToken: z.refreshToken } : undefined,
    });
    senders.push(createZaloOaSender({ client: createZaloClient({ apiBase: z.apiBase, tokens: zaloTokens }), translate }));
    modes.zalo = "webhook";
  }
  if (config.zaloBot) {
    senders.push(createZaloBotSender({ client: createZaloBotClient({ token: config.zaloBot.token, apiBase: config.zaloBot.apiBase }), translate }));
    modes["zalo-bot"] = config.zaloBot.webhookSecret ? "webhook" : "send-only (no ZALO_BOT_WEBHOOK_SECRET)";
  }
  return { senders, telegramApi, zaloTokens, modes };
}

export function buildWebhookRouters(config: Config, deps: { sink: InboundSink; clock: Clock; telegramApi?: TelegramApi; observe?: WebhookObserver }): Router[] {
  const routers: Router[] = [];
  if (config.telegram?.webhookSecret) {
    const api = deps.telegramApi;
    routers.push(
      createTelegramWebhookRoute({
        secret: config.telegram.webhookSecret, sink: deps.sink, botUsername: config.telegram.username, observe: deps.observe,
        answerCallbackQuery: api ? (id) => api.answerCallbackQuery(id) : undefined,
      }),
    );
  }
  if (config.zaloOa) routers.push(createZaloWebhookRoute({ appId: config.zaloOa.appId, oaSecretKey: config.zaloOa.secretKey, sink: deps.sink, clock: deps.clock, observe: deps.observe }));
  if (config.zaloBot?.webhookSecret) routers.push(createZaloBotWebhookRoute({ secret: config.zaloBot.webhookSecret, sink: deps.sink, observe: deps.observe }));
  return routers;
}
