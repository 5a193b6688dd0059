/**
 * A fake Zalo on 127.0.0.1:0: OAuth v4 token rotation (single-use refresh tokens; a second use answers -118;
 * expires_in as the string "90000"), the OA Open API (`access_token` header, HTTP 200 envelopes with `error`),
 * and the Bot Platform (`/bot<token>/<method>`, `{ok,result}`). Scriptable errors, request log, delivered messages.
 * Also builds signed OA webhook deliveries from test/fixtures/zalo.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { zaloSignatureHeader } from "../../src/channels/zalo/zalo-signature.js";
import { close, listen, readBody, sendJson, type FakeFile, type RecordedRequest } from "./fake-platform-http.js";

export interface ZaloDelivered {
  endpoint: string;
  /** user_id, group_id or Bot chat_id. */
  to: string;
  text?: string;
  attachment?: { type: string; payload: Record<string, unknown> };
  messageId: string;
}

export interface FakeZaloServer {
  url: string;
  appId: string;
  appSecret: string;
  botToken: string;
  requests: RecordedRequest[];
  /** Number of calls to the OAuth token endpoint. */
  tokenCalls(): number;
  /** Refresh tokens the fake would accept now (a fresh pair is issued per use). */
  issueRefreshToken(): string;
  issueAccessToken(): string;
  /** Invalidates every access token issued so far (they answer -216 from now on). */
  expireAccessTokens(): void;
  /** The next `times` token calls fail with this Zalo error code (or HTTP 500 for "http_500"). */
  failTokenEndpoint(code: number | "http_500", times?: number): void;
  /**
   * The next `times` OA sends to this user/group fail with Zalo error `code` in an HTTP 200 envelope (-32 also sets
   * X-RateLimit-Remain: 0); a code ≥ 500 is answered as that HTTP status instead.
   */
  failNext(recipient: string, code: number, times?: number): void;
  /** The next `times` Bot sends to this chat fail with error_code (HTTP 200 envelope, as the platform does). */
  failBotNext(chatId: string, errorCode: number, times?: number): void;
  delivered(recipient: string): ZaloDelivered[];
  /** Queues one Bot update for getUpdates. */
  pushBotUpdate(update: unknown): void;
  close(): Promise<void>;
}

const MESSAGES: Record<number, string> = {
  [-32]: "Your application/OA reached limit call api",
  [-201]: "Parameters are invalid",
  [-210]: "Parameter exceeds the allowed size",
  [-213]: "User has not followed OA",
  [-216]: "Access token is invalid",
  [-227]: "User is banned or inactive for more than 45 days",
  [-230]: "User has not interacted with the OA in the past 7 days",
  [-232]: "User has expired interaction",
  [-244]: "User has restricted this message type",
};

export async function createFakeZaloServer(opts: { appId?: string; appSecret?: string; botToken?: string } = {}): Promise<FakeZaloServer> {
  const appId = opts.appId ?? "4104589211234567890";
  const appSecret = opts.appSecret ?? "app-SECRET-never-log";
  const botToken = opts.botToken ?? "987654321:bot-SECRET-token";
  const requests: RecordedRequest[] = [];
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const tokenFailures: (number | "http_500")[] = [];
  const failures = new Map<string, number[]>();
  const botFailures = new Map<string, number[]>();
  const delivered = new Map<string, ZaloDelivered[]>();
  const botUpdates: unknown[] = [];
  let tokenCalls = 0;
  let seq = 0;
  const nextId = () => `${7_245_128_312_345_678_000n + BigInt(++seq)}`;
  const issueAccessToken = () => { const t = `AT-${nextId()}`; accessTokens.add(t); return t; };
  const issueRefreshToken = () => { const t = `RT-${nextId()}`; refreshTokens.add(t); return t; };
  const record = (d: ZaloDelivered) => delivered.set(d.to, [...(delivered.get(d.to) ?? []), d]);
  const zalo = (res: ServerResponse, error: number, data?: unknown, remain = 3999) =>
    sendJson(res, 200, error === 0 ? { error: 0, message: "Success", data } : { error, message: MESSAGES[error] ?? "Error" },
      { "x-ratelimit-limit": "4000", "x-ratelimit-remain": String(remain) });

  function oauth(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse) {
    tokenCalls += 1;
    const scripted = tokenFailures.shift();
    if (scripted === "http_500") return sendJson(res, 500, { message: "Internal Server Error" });
    if (scripted !== undefined) return sendJson(res, 200, { error: scripted, error_name: "Scripted", error_description: "scripted failure" });
    if (req.headers.secret_key !== appSecret) return sendJson(res, 200, { error: -14001, error_name: "Invalid secret key" });
    if (body.grant_type !== "refresh_token" || body.app_id !== appId) return sendJson(res, 200, { error: -14003, error_name: "Invalid parameter" });
    const rt = String(body.refresh_token ?? "");
    if (!refreshTokens.delete(rt)) return sendJson(res, 200, { error: -118, error_name: "Invalid refresh token", error_description: "refresh token is invalid or was used" });
    sendJson(res, 200, { access_token: issueAccessToken(), refresh_token: issueRefreshToken(), expires_in: "90000" });
  }

  function oaSend(path: string, body: Record<string, unknown>, res: ServerResponse) {
    const recipient = (body.recipient ?? {}) as { user_id?: string; group_id?: string };
    const to = recipient.user_id ?? recipient.group_id ?? "";
    const scripted = failures.get(to)?.shift();
    if (scripted !== undefined && scripted >= 500) return sendJson(res, scripted, { message: "Service Unavailable" });
    if (scripted !== undefined) return zalo(res, scripted, undefined, scripted === -32 ? 0 : 3999);
    const message = (body.message ?? {}) as { text?: string; attachment?: ZaloDelivered["attachment"] };
    if (!to) return zalo(res, -201);
    if (message.text !== undefined && (message.text.length === 0 || message.text.length > 2000)) return zalo(res, -210);
    const messageId = nextId();
    record({ endpoint: path, to, text: message.text, attachment: message.attachment, messageId });
    zalo(res, 0, path.includes("group") ? { message_id: messageId, group_id: to } : { message_id: messageId, user_id: to, quota: { quota_type: "reply", remain: "8", total: "8" } });
  }

  function oa(req: IncomingMessage, path: string, query: Record<string, string>, body: Record<string, unknown>, res: ServerResponse) {
    if (req.headers.authorization) return zalo(res, -216);
    if (!accessTokens.has(String(req.headers.access_token ?? ""))) return zalo(res, -216);
    switch (path) {
      case "/v3.0/oa/message/cs":
      case "/v3.0/oa/group/message":
        return oaSend(path, body, res);
      case "/v3.0/oa/quota/message":
        return zalo(res, 0, { last_interaction: "1677721200000", cs_reply: { remain: "8", total: "8" } });
      case "/v3.0/oa/user/detail": {
        const userId = (JSON.parse(query.data ?? "{}") as { user_id?: string }).user_id;
        if (!userId) return zalo(res, -201);
        return zalo(res, 0, { user_id: userId, display_name: "Nguyễn Văn A", user_is_follower: true, user_last_interaction_date: "01/03/2023" });
      }
      case "/v2.0/oa/upload/image": {
        const f = body.file as FakeFile | undefined;
        if (!f) return zalo(res, -201);
        if (f.size > 1024 * 1024) return zalo(res, -210);
        return zalo(res, 0, { attachment_id: `att-${nextId()}` });
      }
      case "/v2.0/oa/upload/file":
        return body.file ? zalo(res, 0, { token: `file-${nextId()}` }) : zalo(res, -201);
      default:
        return sendJson(res, 404, { error: 404, message: "Not found" });
    }
  }

  function bot(method: string, body: Record<string, unknown>, res: ServerResponse) {
    const chatId = body.chat_id === undefined ? "" : String(body.chat_id);
    const scripted = botFailures.get(chatId)?.shift();
    if (scripted !== undefined) return sendJson(res, 200, { ok: false, error_code: scripted, description: scripted === 429 ? "Quota exceeded" : "Scripted error" });
    switch (method) {
      case "getMe":
        return sendJson(res, 200, { ok: true, result: { id: "bot-1", account_name: "Bot Thi Dua", account_type: "BASIC", can_join_groups: false } });
      case "sendMessage": {
        const text = String(body.text ?? "");
        if (text.length === 0 || text.length > 2000) return sendJson(res, 200, { ok: false, error_code: 400, description: "Bad request" });
        const messageId = nextId();
        record({ endpoint: "sendMessage", to: chatId, text, messageId });
        return sendJson(res, 200, { ok: true, result: { message_id: messageId, date: 1700000000000 } });
      }
      case "sendPhoto":
      case "sendChatAction":
      case "setWebhook":
      case "deleteWebhook":
      case "getWebhookInfo":
        return sendJson(res, 200, { ok: true, result: { url: "", updated_at: 0 } });
      case "getUpdates":
        return botUpdates.length > 0 ? sendJson(res, 200, { ok: true, result: botUpdates.shift() })
          : sendJson(res, 200, { ok: false, error_code: 408, description: "Request timeout" });
      default:
        return sendJson(res, 404, { ok: false, error_code: 404, description: "Not found" });
    }
  }

  const { server, url } = await listen((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? "/", "http://fake");
      const { contentType, body } = await readBody(req);
      const query = Object.fromEntries(u.searchParams);
      requests.push({ method: req.method ?? "", path: u.pathname, query, headers: req.headers, contentType, body });
      if (u.pathname === "/v4/oa/access_token" && req.method === "POST") return oauth(req, body, res);
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(u.pathname);
      if (m) return m[1] === botToken ? bot(m[2]!, body, res) : sendJson(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      return oa(req, u.pathname, query, body, res);
    })();
  });

  const push = (map: Map<string, number[]>, key: string, code: number, times: number) =>
    map.set(key, [...(map.get(key) ?? []), ...Array<number>(times).fill(code)]);

  return {
    url, appId, appSecret, botToken, requests,
    tokenCalls: () => tokenCalls,
    issueRefreshToken,
    issueAccessToken,
    expireAccessTokens: () => accessTokens.clear(),
    failTokenEndpoint: (code, times = 1) => { for (let i = 0; i < times; i++) tokenFailures.push(code); },
    failNext: (recipient, code, times = 1) => push(failures, recipient, code, times),
    failBotNext: (chatId, code, times = 1) => push(botFailures, chatId, code, times),
    delivered: (recipient) => delivered.get(recipient) ?? [],
    pushBotUpdate: (update) => botUpdates.push(update),
    close: () => close(server),
  };
}

const FIXTURES = new URL("../fixtures/zalo/", import.meta.url);

/** The text of test/fixtures/zalo/<name>.json exactly as stored (bytes matter for signatures). */
export function zaloFixtureText(name: string): string {
  return readFileSync(new URL(`${name}.json`, FIXTURES), "utf8");
}

/** A fixture parsed, with top-level fields shallow-merged over it. */
export function zaloFixture(name: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(zaloFixtureText(name)) as Record<string, unknown>), ...patch };
}

/**
 * An OA webhook delivery signed exactly as Zalo does: header `mac=` + sha256(appId + raw body + timestamp + key).
 * `body` may be an object (serialised once here) or the exact raw text to send.
 */
export function signedZaloDelivery(p: { appId: string; oaSecretKey: string; body: string | Record<string, unknown>; firstTerm?: string }) {
  const raw = Buffer.from(typeof p.body === "string" ? p.body : JSON.stringify(p.body), "utf8");
  const timestamp = String((JSON.parse(raw.toString("utf8")) as { timestamp?: unknown }).timestamp ?? "");
  const header = zaloSignatureHeader(p.firstTerm ?? p.appId, raw, timestamp, p.oaSecretKey);
  return { raw, headers: { "content-type": "application/json", "x-zevent-signature": header } };
}
