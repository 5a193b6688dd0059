/**
 * @module POST /webhooks/telegram: checks X-Telegram-Bot-Api-Secret-Token in constant time (401), reads the raw body
 * (413 over the limit, 400 if not JSON), converts the Update and answers 200 only after the sink stored it.
 */
import { Router } from "express";
import { callbackQueryIdOf, toInboundMessage } from "../../channels/telegram/telegram-inbound.js";
import {
  DEFAULT_MAX_BODY_BYTES,
  parseJson,
  acknowledge,
  rawBody,
  rawBytesOf,
  secretMatches,
  webhookErrorHandler,
  type InboundSink,
  type WebhookObserver,
} from "./webhook-common.js";

export interface TelegramWebhookRouteDeps {
  secret: string;
  sink: InboundSink;
  /** Bot username, so commands addressed to other bots in a group are ignored. */
  botUsername?: string;
  /** Called (not awaited) for a newly accepted button press, to stop the client's spinner. */
  answerCallbackQuery?: (callbackQueryId: string) => Promise<unknown>;
  observe?: WebhookObserver;
  maxBodyBytes?: number;
  /** Default /webhooks/telegram (runtime contract); mount the router at the app root. */
  path?: string;
}

export function createTelegramWebhookRoute(deps: TelegramWebhookRouteDeps): Router {
  const router = Router();
  const path = deps.path ?? "/webhooks/telegram";
  router.post(
    path,
    (req, res, next) => {
      // Checked before the body is read: an unauthenticated sender cannot make us buffer anything.
      if (secretMatches(req.get("x-telegram-bot-api-secret-token"), deps.secret)) return next();
      deps.observe?.("telegram", "bad_secret");
      res.status(401).json({ ok: false, error: "unauthorized" });
    },
    rawBody(deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
    async (req, res) => {
      const update = parseJson(rawBytesOf(req));
      if (typeof update !== "object" || update === null) {
        deps.observe?.("telegram", "malformed");
        res.status(400).json({ ok: false, error: "body is not a JSON object" });
        return;
      }
      const msg = toInboundMessage(update, { botUsername: deps.botUsername });
      if (!msg) {
        deps.observe?.("telegram", "ignored");
        acknowledge(res);
        return;
      }
      const outcome = await deps.sink.accept(msg, update);
      deps.observe?.("telegram", outcome);
      const cbId = outcome === "accepted" ? callbackQueryIdOf(update) : undefined;
      if (cbId && deps.answerCallbackQuery) deps.answerCallbackQuery(cbId).catch(() => undefined);
      acknowledge(res);
    },
  );
  router.use(webhookErrorHandler("telegram", deps.observe));
  return router;
}
