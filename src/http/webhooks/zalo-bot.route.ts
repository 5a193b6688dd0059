/**
 * @module POST /webhooks/zalo-bot: checks X-Bot-Api-Secret-Token in constant time (401), reads the raw body (413 over
 * the limit, 400 if not JSON), converts the update (wrapped or unwrapped) and answers 200 after the sink stored it.
 */
import { Router } from "express";
import { toZaloBotInboundMessages } from "../../channels/zalo/zalo-bot-adapter.js";
import {
  acceptAll,
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

export interface ZaloBotWebhookRouteDeps {
  secret: string;
  sink: InboundSink;
  observe?: WebhookObserver;
  maxBodyBytes?: number;
  /** Default /webhooks/zalo-bot; mount the router at the app root. */
  path?: string;
}

export function createZaloBotWebhookRoute(deps: ZaloBotWebhookRouteDeps): Router {
  const router = Router();
  router.post(
    deps.path ?? "/webhooks/zalo-bot",
    (req, res, next) => {
      if (secretMatches(req.get("x-bot-api-secret-token"), deps.secret)) return next();
      deps.observe?.("zalo-bot", "bad_secret");
      res.status(401).json({ ok: false, error: "unauthorized" });
    },
    rawBody(deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
    async (req, res) => {
      const update = parseJson(rawBytesOf(req));
      if (typeof update !== "object" || update === null) {
        deps.observe?.("zalo-bot", "malformed");
        res.status(400).json({ ok: false, error: "body is not a JSON object" });
        return;
      }
      const msgs = toZaloBotInboundMessages(update);
      if (msgs.length === 0) {
        deps.observe?.("zalo-bot", "ignored");
      } else {
        deps.observe?.("zalo-bot", await acceptAll(deps.sink, msgs, update));
      }
      acknowledge(res);
    },
  );
  router.use(webhookErrorHandler("zalo-bot", deps.observe));
  return router;
}
