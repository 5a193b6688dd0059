/**
 * A fake Telegram Bot API on 127.0.0.1:0 speaking the real wire format: `/bot<token>/<method>`, JSON and multipart
 * bodies, `{ok:true,result}` / `{ok:false,error_code,description,parameters}`. It records every request, keeps the
 * messages it "delivered" per chat, lets a test script failures per chat, and serves getUpdates from a queue.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { close, listen, readBody, sendJson, type RecordedRequest } from "./fake-platform-http.js";

export type TelegramFailure =
  | { type: "rate_limited"; retryAfter: number }
  | { type: "blocked" }
  | { type: "chat_not_found" }
  | { type: "migrated"; newChatId: number }
  | { type: "server_error" }
  | { type: "bad_gateway_html" }
  | { type: "bad_request"; description: string }
  | { type: "unauthorized" };

/** A message the fake accepted, as a test wants to see it. */
export interface TelegramDelivered {
  method: string;
  chatId: string;
  messageId: number;
  text?: string;
  caption?: string;
  parseMode?: string;
  replyMarkup?: { inline_keyboard: { text: string; callback_data: string }[][] };
  file?: { filename: string; size: number; type: string };
}

export interface FakeTelegramServer {
  url: string;
  token: string;
  requests: RecordedRequest[];
  /** Messages delivered to a chat in order (edits replace the text of the edited entry). */
  delivered(chatId: string | number): TelegramDelivered[];
  failNext(chatId: string | number, failure: TelegramFailure, times?: number): void;
  pushUpdate(update: unknown): void;
  webhookUrl(): string | undefined;
  close(): Promise<void>;
}

const FAILURES: Record<TelegramFailure["type"], (f: TelegramFailure) => [number, Record<string, unknown>]> = {
  rate_limited: (f) => [429, { description: `Too Many Requests: retry after ${(f as { retryAfter: number }).retryAfter}`,
    parameters: { retry_after: (f as { retryAfter: number }).retryAfter } }],
  blocked: () => [403, { description: "Forbidden: bot was blocked by the user" }],
  chat_not_found: () => [400, { description: "Bad Request: chat not found" }],
  migrated: (f) => [400, { description: "Bad Request: group chat was upgraded to a supergroup chat",
    parameters: { migrate_to_chat_id: (f as { newChatId: number }).newChatId } }],
  server_error: () => [500, { description: "Internal Server Error" }],
  bad_gateway_html: () => [502, {}],
  bad_request: (f) => [400, { description: (f as { description: string }).description }],
  unauthorized: () => [401, { description: "Unauthorized" }],
};

export async function createFakeTelegramServer(opts: { token?: string } = {}): Promise<FakeTelegramServer> {
  const token = opts.token ?? "123456:TEST-token_secret";
  const requests: RecordedRequest[] = [];
  const delivered = new Map<string, TelegramDelivered[]>();
  const failures = new Map<string, TelegramFailure[]>();
  const updates: { update_id: number }[] = [];
  const waiters: (() => void)[] = [];
  let webhook: string | undefined;
  let nextMessageId = 100;

  function fail(res: ServerResponse, failure: TelegramFailure) {
    const [status, extra] = FAILURES[failure.type](failure);
    if (failure.type === "bad_gateway_html") {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body>502 Bad Gateway</body></html>");
      return;
    }
    sendJson(res, status, { ok: false, error_code: status, ...extra });
  }

  function deliver(method: string, body: Record<string, unknown>): TelegramDelivered {
    const chatId = String(body.chat_id);
    const markup = typeof body.reply_markup === "string" ? JSON.parse(body.reply_markup) : body.reply_markup;
    const file = (body.photo ?? body.document) as TelegramDelivered["file"] | undefined;
    const entry: TelegramDelivered = { method, chatId, messageId: nextMessageId++, text: body.text as string | undefined,
      caption: body.caption as string | undefined, parseMode: body.parse_mode as string | undefined, replyMarkup: markup, file };
    delivered.set(chatId, [...(delivered.get(chatId) ?? []), entry]);
    return entry;
  }

  async function getUpdates(res: ServerResponse, body: Record<string, unknown>) {
    if (webhook) {
      sendJson(res, 409, { ok: false, error_code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
      return;
    }
    const offset = Number(body.offset ?? 0);
    while (updates.length > 0 && updates[0]!.update_id < offset) updates.shift();
    if (updates.length === 0) {
      const waitMs = Math.min(Number(body.timeout ?? 0), 2) * 1000;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, waitMs);
        waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
    sendJson(res, 200, { ok: true, result: updates.filter((u) => u.update_id >= offset) });
  }

  function handle(method: string, body: Record<string, unknown>, res: ServerResponse) {
    const chatId = body.chat_id === undefined ? undefined : String(body.chat_id);
    const queued = chatId ? failures.get(chatId) : undefined;
    if (queued && queued.length > 0) return fail(res, queued.shift()!);
    switch (method) {
      case "getMe":
        return sendJson(res, 200, { ok: true, result: { id: 123456, is_bot: true, first_name: "Thi đua", username: "ThiDuaTestBot",
          can_join_groups: true, can_read_all_group_messages: false } });
      case "sendMessage":
      case "sendPhoto":
      case "sendDocument": {
        if (method === "sendMessage" && !body.text) return fail(res, { type: "bad_request", description: "Bad Request: message text is empty" });
        const invalid = checkFormatting(body, method === "sendMessage" ? "text" : "caption");
        if (invalid) return fail(res, { type: "bad_request", description: invalid });
        const e = deliver(method, body);
        return sendJson(res, 200, { ok: true, result: { message_id: e.messageId, date: 1700000000, chat: { id: Number(chatId), type: "private" }, text: e.text } });
      }
      case "editMessageText": {
        const invalidEdit = checkFormatting(body, "text");
        if (invalidEdit) return fail(res, { type: "bad_request", description: invalidEdit });
        const entry = (delivered.get(chatId ?? "") ?? []).find((m) => m.messageId === Number(body.message_id));
        if (!entry) return fail(res, { type: "bad_request", description: "Bad Request: message to edit not found" });
        if (entry.text === body.text) return fail(res, { type: "bad_request", description: "Bad Request: message is not modified" });
        entry.text = body.text as string;
        entry.replyMarkup = body.reply_markup as TelegramDelivered["replyMarkup"];
        return sendJson(res, 200, { ok: true, result: { message_id: entry.messageId } });
      }
      case "setWebhook":
        webhook = String(body.url);
        return sendJson(res, 200, { ok: true, result: true, description: "Webhook was set" });
      case "deleteWebhook":
        webhook = undefined;
        return sendJson(res, 200, { ok: true, result: true });
      case "getWebhookInfo":
        return sendJson(res, 200, { ok: true, result: { url: webhook ?? "", pending_update_count: 0 } });
      case "setMyCommands":
      case "answerCallbackQuery":
      case "sendChatAction":
        return sendJson(res, 200, { ok: true, result: true });
      case "getUpdates":
        return void getUpdates(res, body);
      default:
        return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    }
  }

  const { server, url } = await listen((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const u = new URL(req.url ?? "/", "http://fake");
      const { contentType, body } = await readBody(req);
      requests.push({ method: req.method ?? "", path: u.pathname, query: Object.fromEntries(u.searchParams), headers: req.headers, contentType, body });
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(u.pathname);
      if (!m) return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      if (m[1] !== token) return sendJson(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      handle(m[2]!, { ...Object.fromEntries(u.searchParams), ...body }, res);
    })();
  });

  return {
    url,
    token,
    requests,
    delivered: (chatId) => delivered.get(String(chatId)) ?? [],
    failNext(chatId, failure, times = 1) {
      const list = failures.get(String(chatId)) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(String(chatId), list);
    },
    pushUpdate(update) {
      updates.push(update as { update_id: number });
      waiters.splice(0).forEach((w) => w());
    },
    webhookUrl: () => webhook,
    close: () => {
      waiters.splice(0).forEach((w) => w());
      return close(server);
    },
  };
}

const HTML_TAG = /^<\/?(b|strong|i|em|u|ins|s|strike|del|a|code|pre|tg-spoiler|span|blockquote)(\s[^>]*)?>/;
const HTML_ENTITY = /^&(lt|gt|amp|quot|#\d+);/;

/** Telegram's HTML rules, as far as they matter here: bare < and & are refused; length counts visible text. */
function checkFormatting(body: Record<string, unknown>, field: "text" | "caption"): string | undefined {
  const value = body[field];
  if (typeof value !== "string") return undefined;
  let visible = value;
  if (body.parse_mode === "HTML") {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === "<" && !HTML_TAG.test(value.slice(i))) return "Bad Request: can't parse entities: Unsupported start tag";
      if (value[i] === "&" && !HTML_ENTITY.test(value.slice(i))) return "Bad Request: can't parse entities: Character '&' is reserved";
    }
    visible = value.replace(/<[^>]+>/g, "").replace(/&(lt|gt|amp|quot);/g, "x");
  }
  const limit = field === "text" ? 4096 : 1024;
  if (visible.length > limit) return field === "text" ? "Bad Request: message is too long" : "Bad Request: message caption is too long";
  return undefined;
}

const FIXTURES = new URL("../fixtures/telegram/", import.meta.url);

/** A recorded Telegram update from test/fixtures/telegram/<name>.json, with fields shallow-merged over it. */
export function telegramUpdate(name: string, patch: { update_id?: number; message?: Record<string, unknown> } = {}): Record<string, unknown> {
  const base = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8")) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base, ...(patch.update_id !== undefined ? { update_id: patch.update_id } : {}) };
  if (patch.message) out.message = { ...(base.message as Record<string, unknown>), ...patch.message };
  return out;
}
