/**
 * @module Zalo failure types, mirroring grammY: the platform refused (ZaloApiError, with the endpoint and Zalo's own
 * code), the transport failed (shared NetworkError), or no usable OA token exists (ZaloTokenUnavailableError).
 */

/** Zalo answered with `error != 0` (usually inside HTTP 200), or a non-2xx HTTP status (zaloCode = -status). */
export class ZaloApiError extends Error {
  constructor(
    /** The API path ("/v3.0/oa/message/cs"), never a full URL. */
    readonly endpoint: string,
    readonly zaloCode: number,
    message: string,
    /** X-RateLimit-Remain of the answer, when sent. */
    readonly rateLimitRemain?: number,
  ) {
    super(`zalo ${endpoint} failed: ${zaloCode} ${message}`);
    this.name = "ZaloApiError";
  }
}

/** No access token can be used: none stored, or it expired and the refresh failed (operator must re-consent). */
export class ZaloTokenUnavailableError extends Error {
  constructor(reason: string) {
    super(`zalo oa token unavailable: ${reason}`);
    this.name = "ZaloTokenUnavailableError";
  }
}

/**
 * Codes meaning "this access token is invalid or expired". goclaw reports the family with inconsistent sign and
 * magnitude (±216, ±220, ±401), so all are treated alike.
 */
const AUTH_CODES = new Set([-216, 216, -220, 220, -401, 401]);

/** True for the expired/invalid access-token family: refresh once, retry once. */
export function isZaloAuthCode(code: number): boolean {
  return AUTH_CODES.has(code);
}
