/**
 * @module Pieces shared by the webhook routes: a raw-body parser (signatures need the exact bytes, so no JSON parser
 * may run first), constant-time secret comparison, JSON parsing that keeps big ids exact, outcome counters for
 * /healthz, and the error handler that turns oversize bodies into 413 and bad JSON into 400.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import type { InboundMessage } from "../../conversation/channel-port.js";
import type { AcceptOutcome, InboundSink } from "../../channels/shared/inbound-sink.js";
import { parseJsonKeepingBigInts } from "../../channels/shared/safe-json.js";

export type { AcceptOutcome, InboundSink } from "../../channels/shared/inbound-sink.js";

/** What happened to one delivery; counted per channel. */
export type WebhookOutcome =
  | "accepted"
  | "duplicate"
  | "ignored"
  | "bad_secret"
  | "bad_signature"
  | "stale"
  | "malformed"
  | "too_large"
  | "sink_failed";

export type WebhookChannel = "telegram" | "zalo" | "zalo-bot";

/** Observer of delivery outcomes (metrics, logs). Never receives message content. */
export type WebhookObserver = (channel: WebhookChannel, outcome: WebhookOutcome, detail?: string) => void;

/** In-memory counters `{ "zalo.bad_signature": 2, … }` for /healthz; `observe` plugs into the route factories. */
export function createWebhookCounters() {
  const counts = new Map<string, number>();
  const observe: WebhookObserver = (channel, outcome) => {
    const key = `${channel}.${outcome}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  return { observe, snapshot: (): Record<string, number> => Object.fromEntries(counts) };
}

/** Default limit for webhook bodies; updates are a few kilobytes. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** express.raw for any content type, so req.body is the exact Buffer received. */
export function rawBody(limitBytes: number): RequestHandler {
  return express.raw({ type: () => true, limit: limitBytes });
}

/** Compares a header with the configured secret in constant time (lengths hidden by hashing both first). */
export function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string") return false;
  const a = createHash("sha256").update(header, "utf8").digest();
  const b = createHash("sha256").update(secret, "utf8").digest();
  return timingSafeEqual(a, b);
}

/**
 * The raw body of a request parsed by `rawBody`. Throws when something upstream already consumed it (a global
 * express.json() mounted before the webhook routes): that is a wiring bug, and signatures could not be verified.
 */
export function rawBytesOf(req: Request): Buffer {
  if (Buffer.isBuffer(req.body)) return req.body;
  if (req.body === undefined) return Buffer.alloc(0);
  throw new Error("webhook body was parsed before the webhook route: mount webhook routes before any JSON parser");
}

/** Parses JSON keeping ≥16-digit integers as strings; undefined when the bytes are not JSON. */
export function parseJson(raw: Buffer): unknown {
  try {
    return parseJsonKeepingBigInts(raw.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Hands each message to the sink in order; the combined outcome is "duplicate" only if every one was. */
export async function acceptAll(sink: InboundSink, msgs: InboundMessage[], raw: unknown): Promise<AcceptOutcome> {
  let outcome: AcceptOutcome = "duplicate";
  for (const msg of msgs) if ((await sink.accept(msg, raw)) === "accepted") outcome = "accepted";
  return outcome;
}

const OK_BODY = JSON.stringify({ ok: true });

/**
 * The 200 a platform waits for, written directly: express's `res.json` also hashes every body for an ETag, which a
 * webhook answer never uses (measured: a few percent of the CPU per update).
 */
export function acknowledge(res: Response): void {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": OK_BODY.length }).end(OK_BODY);
}

/** Router-level error handler: 413 for oversize bodies, 400 for unreadable ones, 500 otherwise (platform retries). */
export function webhookErrorHandler(channel: WebhookChannel, observe?: WebhookObserver): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const e = err as { type?: string; status?: number };
    if (e.type === "entity.too.large" || e.status === 413) {
      observe?.(channel, "too_large");
      res.status(413).json({ ok: false, error: "payload too large" });
      return;
    }
    if (e.status !== undefined && e.status >= 400 && e.status < 500) {
      observe?.(channel, "malformed");
      res.status(400).json({ ok: false, error: "bad request" });
      return;
    }
    observe?.(channel, "sink_failed", err instanceof Error ? err.name : undefined);
    res.status(500).json({ ok: false, error: "internal error" });
  };
}
