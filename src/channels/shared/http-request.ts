/**
 * @module One fetch wrapper for every platform client: injected fetch, a timeout on the whole exchange (headers and
 * body), an optional caller signal, and failures turned into NetworkError without leaking the URL.
 */
import { NetworkError } from "./channel-errors.js";

export type FetchLike = typeof fetch;

/** What the clients need from an HTTP answer; the body is read inside the timeout. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  bodyText: string;
}

export interface HttpRequestOptions {
  fetch: FetchLike;
  /** Logical name for errors and logs ("telegram.sendMessage"); the URL itself is never reported. */
  endpoint: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Performs one request; throws NetworkError on any transport failure, never an error mentioning the URL. */
export async function httpRequest(url: string, init: RequestInit, opts: HttpRequestOptions): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  try {
    const res = await opts.fetch(url, { ...init, signal });
    const bodyText = await res.text();
    return { status: res.status, headers: res.headers, bodyText };
  } catch (err) {
    throw new NetworkError(opts.endpoint, networkReason(err, timeout, opts.signal));
  }
}

function networkReason(err: unknown, timeout: AbortSignal, caller?: AbortSignal): string {
  if (caller?.aborted) return "aborted";
  if (timeout.aborted) return "timeout";
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return err instanceof Error ? err.name : "unknown";
}
