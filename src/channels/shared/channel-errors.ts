/**
 * @module Errors shared by the platform clients. Like grammY's HttpError, a NetworkError never carries the URL or the
 * underlying error message: Telegram puts the bot token in every URL, so only a short reason code survives.
 */

/** The request never produced an HTTP answer (refused, reset, DNS, timeout). Always worth retrying later. */
export class NetworkError extends Error {
  constructor(
    /** Logical endpoint, e.g. "telegram.sendMessage" or "/v3.0/oa/message/cs"; never a URL. */
    readonly endpoint: string,
    /** Short reason such as "timeout", "ECONNREFUSED", "aborted". */
    readonly reason: string,
  ) {
    super(`${endpoint}: network error (${reason})`);
    this.name = "NetworkError";
  }
}

/**
 * The platform answered with a body we cannot read (not JSON, or JSON of an unexpected shape).
 * Either the platform changed or our schema is wrong: a bug to fix, not a condition to retry.
 */
export class UnexpectedResponseError extends Error {
  constructor(
    readonly endpoint: string,
    readonly httpStatus: number,
    detail: string,
  ) {
    super(`${endpoint}: unexpected response (HTTP ${httpStatus}): ${detail}`);
    this.name = "UnexpectedResponseError";
  }
}
