/**
 * @module POST /webhooks/zalo (OA): raw body (413 over the limit, 400 if not JSON), X-ZEvent-Signature verified over
 * the exact bytes. A bad or missing signature is answered 200 but NOT processed (zalo.md §3, §8: Zalo's URL-save
 * ping is unsigned and any non-200 counts as a failure that eventually disables the webhook); it is only counted.
 * Timestamps outside the allowed skew are treated the same way (replay guard). Answers after the sink stored it.
 */
import { Router } from "express";
import type { Clock } from "../../shared/clock.js";
import { toInboundMessages } from "../../channels/zalo/zalo-oa-inbound.js";
import { verifyZaloSignature } from "../../channels/zalo/zalo-signature.js";
import {
  acceptAll,
  DEFAULT_MAX_BODY_BYTES,
  parseJson,
  acknowledge,
  rawBody,
  rawBytesOf,
  webhookErrorHandler,
  type InboundSink,
  type WebhookObserver,
} from "./webhook-common.js";

export interface ZaloWebhookRouteDeps {
  appId: string;
  /** The OA Secret Key from the webhook settings (not the app secret). */
  oaSecretKey: string;
  sink: InboundSink;
  clock: Clock;
  /** Our OA id, to drop echoes of our own sends. */
  oaId?: string;
  /**
   * Maximum |now − timestamp|. Default 24 h: Zalo retries the same body for up to ~12 h, and a replay inside the
   * window is caught by msg_id deduplication anyway.
   */
  maxSkewMs?: number;
  observe?: WebhookObserver;
  maxBodyBytes?: number;
  /** Default /webhooks/zalo; mount the router at the app root. */
  path?: string;
}

export function createZaloWebhookRoute(deps: ZaloWebhookRouteDeps): Router {
  const router = Router();
  const maxSkew = deps.maxSkewMs ?? 24 * 3600_000;
  router.post(deps.path ?? "/webhooks/zalo", rawBody(deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES), async (req, res) => {
    const raw = rawBytesOf(req);
    const event = parseJson(raw);
    if (typeof event !== "object" || event === null) {
      deps.observe?.("zalo", "malformed");
      res.status(400).json({ ok: false, error: "body is not a JSON object" });
      return;
    }
    const fields = event as { timestamp?: unknown; oa_id?: unknown };
    const timestamp = typeof fields.timestamp === "string" || typeof fields.timestamp === "number" ? String(fields.timestamp) : undefined;
    const verdict = verifyZaloSignature({
      rawBody: raw,
      header: req.get("x-zevent-signature"),
      appId: deps.appId,
      oaSecretKey: deps.oaSecretKey,
      timestamp,
      oaId: typeof fields.oa_id === "string" ? fields.oa_id : deps.oaId,
    });
    if (!verdict.ok) {
      deps.observe?.("zalo", "bad_signature", verdict.reason);
      acknowledge(res);
      return;
    }
    if (Math.abs(deps.clock.now().getTime() - Number(timestamp)) > maxSkew) {
      deps.observe?.("zalo", "stale");
      acknowledge(res);
      return;
    }
    const msgs = toInboundMessages(event, { oaId: deps.oaId });
    if (msgs.length === 0) deps.observe?.("zalo", "ignored", verdict.variant);
    else deps.observe?.("zalo", await acceptAll(deps.sink, msgs, event), verdict.variant);
    acknowledge(res);
  });
  router.use(webhookErrorHandler("zalo", deps.observe));
  return router;
}
