/**
 * @module One request function for every platform client: a timeout on the whole exchange (headers and body), an
 * optional caller signal, and failures turned into NetworkError without leaking the URL.
 *
 * By default it speaks node:http(s) over keep-alive agents: the global fetch (undici, web streams, AbortSignal
 * plumbing) cost ~0.6 ms of CPU per message sent, a fifth of the whole webhook-to-reply path (bench/webhooks).
 * Tests and special cases may inject a fetch instead.
 */
import http from "node:http";
import https from "node:https";
import { NetworkError } from "./channel-errors.js";

export type FetchLike = typeof fetch;

/** What the clients need from an HTTP answer; the body is read inside the timeout. */
export interface HttpAnswer {
  status: number;
  headers: { get(name: string): string | null };
  bodyText: string;
}

export interface HttpRequestOptions {
  /** Injected fetch (tests); node:http when absent. */
  fetch?: FetchLike;
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
    if (!opts.fetch) return await viaNodeHttp(url, init, signal);
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

/** Connections to the platform APIs are reused (one TLS handshake per socket, not per message). */
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

function plainHeaders(h: RequestInit["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (h instanceof Headers || Array.isArray(h)) new Headers(h).forEach((v, k) => (out[k] = v));
  else for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = String(v);
  return out;
}

/** The body as bytes; multipart (FormData) is encoded by the platform's own Request, which sets its boundary. */
async function bodyBytes(url: string, init: RequestInit, headers: Record<string, string>): Promise<Buffer | undefined> {
  const b = init.body;
  if (b === undefined || b === null) return undefined;
  if (typeof b === "string") return Buffer.from(b, "utf8");
  if (b instanceof Uint8Array) return Buffer.from(b);
  if (b instanceof URLSearchParams) {
    headers["content-type"] ??= "application/x-www-form-urlencoded";
    return Buffer.from(b.toString(), "utf8");
  }
  const encoded = new Request(url, { method: init.method ?? "POST", body: b });
  const type = encoded.headers.get("content-type");
  if (type) headers["content-type"] = type;
  return Buffer.from(await encoded.arrayBuffer());
}

async function viaNodeHttp(url: string, init: RequestInit, signal: AbortSignal): Promise<HttpAnswer> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  if (!secure && target.protocol !== "http:") throw new Error(`unsupported protocol ${target.protocol}`);
  const headers = plainHeaders(init.headers);
  const body = await bodyBytes(url, init, headers);
  if (body) headers["content-length"] = String(body.length);
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = (secure ? https : http).request(target, { method: init.method ?? "GET", headers, agent: agents[secure ? "https:" : "http:"], signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("close", () => {
        if (!res.complete) return reject(new Error("connection closed before the answer was complete"));
        const raw = res.headers;
        resolve({
          status: res.statusCode ?? 0,
          headers: { get: (name) => { const v = raw[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v; } },
          bodyText: Buffer.concat(chunks).toString("utf8"),
        });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}
