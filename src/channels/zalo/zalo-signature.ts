/**
 * @module Verification of the OA webhook signature `X-ZEvent-Signature` (zalo.md §3, §8):
 * `mac=` + hex sha256(appId + rawBody + timestamp + oaSecretKey) — plain SHA-256 of the concatenation, NOT an HMAC —
 * computed over the exact bytes received (re-serialised or re-normalised JSON breaks it), compared in constant time.
 * Some sources use oa_id instead of app_id as the first term; that variant is accepted and reported.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export type ZaloSignatureVerdict =
  | { ok: true; variant: "app_id" | "oa_id" }
  | { ok: false; reason: "missing_header" | "malformed_header" | "no_timestamp" | "mismatch" };

export interface ZaloSignatureInput {
  rawBody: Uint8Array;
  /** Header value, with or without the `mac=` prefix. */
  header: string | undefined;
  appId: string;
  /** The OA Secret Key from the webhook settings (not the app secret). */
  oaSecretKey: string;
  /** `timestamp` from inside the body, as the string it was. */
  timestamp: string | undefined;
  /** `oa_id` from the body, to try the alternative first term. */
  oaId?: string;
}

/** sha256 hex over appId|oaId + raw bytes + timestamp + key, concatenated as bytes (the body is never decoded). */
export function computeZaloSignature(firstTerm: string, rawBody: Uint8Array, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256")
    .update(Buffer.from(firstTerm, "utf8"))
    .update(rawBody)
    .update(Buffer.from(timestamp, "utf8"))
    .update(Buffer.from(oaSecretKey, "utf8"))
    .digest("hex");
}

/** The header value Zalo sends for a body: `mac=<64 lowercase hex>`. */
export function zaloSignatureHeader(appId: string, rawBody: Uint8Array, timestamp: string, oaSecretKey: string): string {
  return `mac=${computeZaloSignature(appId, rawBody, timestamp, oaSecretKey)}`;
}

/** Verifies one delivery; never throws. */
export function verifyZaloSignature(input: ZaloSignatureInput): ZaloSignatureVerdict {
  if (!input.header) return { ok: false, reason: "missing_header" };
  const got = input.header.trim().replace(/^mac=/i, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(got)) return { ok: false, reason: "malformed_header" };
  if (!input.timestamp) return { ok: false, reason: "no_timestamp" };
  const gotBytes = Buffer.from(got, "hex");
  const candidates: ["app_id" | "oa_id", string][] = [["app_id", input.appId]];
  if (input.oaId && input.oaId !== input.appId) candidates.push(["oa_id", input.oaId]);
  let matched: "app_id" | "oa_id" | undefined;
  for (const [variant, first] of candidates) {
    const expected = Buffer.from(computeZaloSignature(first, input.rawBody, input.timestamp, input.oaSecretKey), "hex");
    // Both candidates are always compared so timing does not reveal which variant is configured.
    if (timingSafeEqual(expected, gotBytes) && matched === undefined) matched = variant;
  }
  return matched ? { ok: true, variant: matched } : { ok: false, reason: "mismatch" };
}
