/**
 * @module Zalo Bot Platform client: `${apiBase}/bot${TOKEN}/${method}` with a JSON body and the `{ok, result}` /
 * `{ok:false, error_code, description}` envelope (a 200 does not mean success). The token lives only in the URL
 * built here and never reaches an error message.
 */
import { z } from "zod";
import { NetworkError, UnexpectedResponseError } from "../shared/channel-errors.js";
import { httpRequest, type FetchLike } from "../shared/http-request.js";
import { parseJsonKeepingBigInts } from "../shared/safe-json.js";
import { idSchema } from "./zalo-schemas.js";

/** The Bot Platform refused a call: method, error_code (400, 401, 403, 404, 408, 429) and description. */
export class ZaloBotApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`zalo-bot ${method} failed: ${errorCode} ${description}`);
    this.name = "ZaloBotApiError";
  }
}

export interface ZaloBotClientDeps {
  token: string;
  /** Default https://bot-api.zaloplatforms.com. */
  apiBase?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const sentSchema = z.object({ message_id: idSchema.optional() }).passthrough();

export type ZaloBotClient = ReturnType<typeof createZaloBotClient>;

export function createZaloBotClient(deps: ZaloBotClientDeps) {
  const base = (deps.apiBase ?? "https://bot-api.zaloplatforms.com").replace(/\/+$/, "");
  const fetchImpl = deps.fetch;

  /** One call; resolves to the parsed `result`. */
  async function call<T>(
    method: string,
    params: Record<string, unknown>,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    opts: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<T> {
    const answer = await httpRequest(
      `${base}/bot${deps.token}/${method}`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) },
      { fetch: fetchImpl, endpoint: `zalo-bot.${method}`, timeoutMs: opts.timeoutMs ?? deps.timeoutMs ?? 15_000, signal: opts.signal },
    );
    let body: { ok?: unknown; result?: unknown; error_code?: unknown; description?: unknown };
    try {
      body = parseJsonKeepingBigInts(answer.bodyText) as typeof body;
    } catch {
      if (answer.status >= 500) throw new NetworkError(`zalo-bot.${method}`, `HTTP ${answer.status}`);
      throw new UnexpectedResponseError(`zalo-bot.${method}`, answer.status, "body is not JSON");
    }
    if (body.ok !== true) {
      const code = typeof body.error_code === "number" ? body.error_code : answer.status;
      throw new ZaloBotApiError(method, code, typeof body.description === "string" ? body.description : "no description");
    }
    const result = schema.safeParse(body.result ?? {});
    if (!result.success) throw new UnexpectedResponseError(`zalo-bot.${method}`, answer.status, "unexpected result shape");
    return result.data;
  }

  return {
    call,
    getMe: () => call("getMe", {}, z.object({ id: idSchema, account_name: z.string().optional() }).passthrough()),
    sendMessage: (chatId: string, text: string) => call("sendMessage", { chat_id: chatId, text }, sentSchema),
    sendPhoto: (chatId: string, photoUrl: string, caption?: string) =>
      call("sendPhoto", { chat_id: chatId, photo: photoUrl, caption }, sentSchema),
    sendChatAction: (chatId: string, action = "typing") => call("sendChatAction", { chat_id: chatId, action }, z.unknown()),
    setWebhook: (url: string, secretToken: string) =>
      call("setWebhook", { url, secret_token: secretToken }, z.unknown()),
    deleteWebhook: () => call("deleteWebhook", {}, z.unknown()),
    /** Long poll for one update (no offset exists on this platform); 408 means idle. */
    getUpdates: (timeoutSec: number, signal?: AbortSignal) =>
      call("getUpdates", { timeout: String(timeoutSec) }, z.unknown(), { signal, timeoutMs: timeoutSec * 1000 + 10_000 }),
  };
}
