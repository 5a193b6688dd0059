/**
 * @module A thin Bot API client over fetch: `${apiRoot}/bot${token}/${method}`, JSON or multipart bodies, the
 * `{ok, result}` envelope checked, failures typed (TelegramApiError for a refusal, NetworkError for transport).
 * The token lives only in the URL built here; no error message ever contains it.
 */
import { NetworkError, UnexpectedResponseError } from "../shared/channel-errors.js";
import { httpRequest, type FetchLike } from "../shared/http-request.js";

/** Telegram refused a call (grammY's GrammyError): keeps the method, error_code, description and parameters. */
export class TelegramApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    readonly parameters: { retry_after?: number; migrate_to_chat_id?: number } = {},
  ) {
    super(`telegram ${method} failed: ${errorCode} ${description}`);
    this.name = "TelegramApiError";
  }
}

export interface TelegramApiDeps {
  token: string;
  /** Bot API root without trailing slash; default https://api.telegram.org. */
  apiRoot?: string;
  fetch?: FetchLike;
  /** Per-call timeout; default 15 s (getUpdates adds its long-poll timeout). */
  timeoutMs?: number;
}

/** A file attached to a multipart call (sendPhoto, sendDocument). */
export interface TelegramUpload {
  field: "photo" | "document";
  filename: string;
  bytes: Uint8Array;
  mime: string;
}

export interface BotCommand {
  command: string;
  description: string;
}

export interface TelegramBotInfo {
  id: number;
  username?: string;
  can_read_all_group_messages?: boolean;
}

export type TelegramApi = ReturnType<typeof createTelegramApi>;

/** Creates the client; every method resolves to Telegram's `result` or throws TelegramApiError / NetworkError. */
export function createTelegramApi(deps: TelegramApiDeps) {
  const root = (deps.apiRoot ?? "https://api.telegram.org").replace(/\/+$/, "");
  const fetchImpl = deps.fetch;
  const defaultTimeout = deps.timeoutMs ?? 15_000;

  async function send<T>(method: string, init: RequestInit, opts: CallOptions = {}): Promise<T> {
    const answer = await httpRequest(`${root}/bot${deps.token}/${method}`, init, {
      fetch: fetchImpl,
      endpoint: `telegram.${method}`,
      timeoutMs: opts.timeoutMs ?? defaultTimeout,
      signal: opts.signal,
    });
    return readEnvelope<T>(method, answer.status, answer.bodyText);
  }

  /** Calls `method` with a JSON body. */
  function call<T>(method: string, params: Record<string, unknown> = {}, opts?: CallOptions): Promise<T> {
    const body = JSON.stringify(params, (_k, v: unknown) => (v === undefined ? undefined : v));
    return send<T>(method, { method: "POST", headers: { "content-type": "application/json" }, body }, opts);
  }

  /** Calls `method` with a multipart body: string fields plus one file. */
  function callMultipart<T>(method: string, fields: Record<string, string | undefined>, file: TelegramUpload): Promise<T> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
    form.append(file.field, new Blob([file.bytes], { type: file.mime }), file.filename);
    return send<T>(method, { method: "POST", body: form });
  }

  return {
    call,
    callMultipart,
    getMe: () => call<TelegramBotInfo>("getMe"),
    setWebhook: (p: { url: string; secretToken?: string; allowedUpdates?: string[]; dropPendingUpdates?: boolean }) =>
      call<boolean>("setWebhook", {
        url: p.url,
        secret_token: p.secretToken,
        allowed_updates: p.allowedUpdates ?? TELEGRAM_ALLOWED_UPDATES,
        drop_pending_updates: p.dropPendingUpdates,
      }),
    deleteWebhook: (dropPendingUpdates = false) =>
      call<boolean>("deleteWebhook", { drop_pending_updates: dropPendingUpdates }),
    getWebhookInfo: () => call<{ url: string; pending_update_count?: number }>("getWebhookInfo"),
    setMyCommands: (commands: BotCommand[], languageCode?: string) =>
      call<boolean>("setMyCommands", { commands, language_code: languageCode }),
    answerCallbackQuery: (callbackQueryId: string, text?: string) =>
      call<boolean>("answerCallbackQuery", { callback_query_id: callbackQueryId, text }),
    /** Long poll; the HTTP timeout is the poll timeout plus a margin. */
    getUpdates: (p: { offset?: number; timeoutSec: number; allowedUpdates?: string[] }, signal?: AbortSignal) =>
      call<unknown[]>(
        "getUpdates",
        { offset: p.offset, timeout: p.timeoutSec, allowed_updates: p.allowedUpdates ?? TELEGRAM_ALLOWED_UPDATES },
        { signal, timeoutMs: p.timeoutSec * 1000 + 10_000 },
      ),
  };
}

interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The update kinds the bot handles (also passed to setWebhook so Telegram does not send the rest). */
export const TELEGRAM_ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"];

function readEnvelope<T>(method: string, status: number, bodyText: string): T {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Proxies and the Bot API front end answer 5xx with HTML; that is an outage, not a refusal.
    if (status >= 500) throw new NetworkError(`telegram.${method}`, `HTTP ${status}`);
    throw new UnexpectedResponseError(`telegram.${method}`, status, "body is not JSON");
  }
  const env = body as { ok?: unknown; result?: unknown; error_code?: unknown; description?: unknown; parameters?: unknown };
  if (env.ok === true) return env.result as T;
  if (env.ok === false) {
    const code = typeof env.error_code === "number" ? env.error_code : status;
    const description = typeof env.description === "string" ? env.description : "no description";
    throw new TelegramApiError(method, code, description, readParameters(env.parameters));
  }
  throw new UnexpectedResponseError(`telegram.${method}`, status, "no ok field");
}

function readParameters(p: unknown): TelegramApiError["parameters"] {
  if (typeof p !== "object" || p === null) return {};
  const o = p as Record<string, unknown>;
  return {
    retry_after: typeof o.retry_after === "number" ? o.retry_after : undefined,
    migrate_to_chat_id: typeof o.migrate_to_chat_id === "number" ? o.migrate_to_chat_id : undefined,
  };
}
