/**
 * @module Typed Zalo OA Open API client: ONE request function (injected fetch, `access_token` header — never
 * `Authorization: Bearer`, GET parameters as one JSON `data` query parameter, the `{error, message, data}` envelope
 * checked with zod). An expired-token answer triggers exactly one refresh and one retry.
 */
import { z } from "zod";
import { UnexpectedResponseError } from "../shared/channel-errors.js";
import { httpRequest, type FetchLike } from "../shared/http-request.js";
import { parseJsonKeepingBigInts } from "../shared/safe-json.js";
import { isZaloAuthCode, ZaloApiError } from "./zalo-errors.js";
import {
  messageQuotaSchema,
  sentMessageSchema,
  uploadFileSchema,
  uploadImageSchema,
  userDetailSchema,
  type ZaloMessageBody,
} from "./zalo-schemas.js";

/** Where the client gets tokens; implemented by the token manager. */
export interface ZaloTokenProvider {
  getAccessToken(): Promise<string>;
  /** Called when Zalo rejected `rejected` as expired/invalid; returns a token to retry with (refreshing if needed). */
  refreshAfterRejection(rejected: string): Promise<string>;
}

export interface ZaloClientDeps {
  /** OA Open API root, default https://openapi.zalo.me. */
  apiBase?: string;
  tokens: ZaloTokenProvider;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export interface ZaloRequestOptions<T> {
  method?: "GET" | "POST";
  /** JSON body (POST). */
  body?: unknown;
  /** GET parameters, sent as `?data=<JSON>`. */
  query?: unknown;
  /** Multipart body (uploads). */
  form?: () => FormData;
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
}

const envelopeSchema = z.object({
  error: z.coerce.number(),
  message: z.string().optional(),
  data: z.unknown().optional(),
});

export type ZaloClient = ReturnType<typeof createZaloClient>;

/** Creates the client. Every method throws ZaloApiError, NetworkError, UnexpectedResponseError or a token error. */
export function createZaloClient(deps: ZaloClientDeps) {
  const base = (deps.apiBase ?? "https://openapi.zalo.me").replace(/\/+$/, "");
  const fetchImpl = deps.fetch;
  const timeoutMs = deps.timeoutMs ?? 15_000;

  async function once<T>(path: string, opts: ZaloRequestOptions<T>, token: string): Promise<T> {
    const method = opts.method ?? (opts.query !== undefined ? "GET" : "POST");
    const url = opts.query !== undefined ? `${base}${path}?data=${encodeURIComponent(JSON.stringify(opts.query))}` : `${base}${path}`;
    const headers: Record<string, string> = { access_token: token };
    let body: RequestInit["body"];
    if (opts.form) body = opts.form();
    else if (opts.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.body);
    }
    const answer = await httpRequest(url, { method, headers, body }, { fetch: fetchImpl, endpoint: path, timeoutMs });
    const remainHeader = answer.headers.get("x-ratelimit-remain");
    const remain = remainHeader === null ? undefined : Number(remainHeader);
    if (answer.status < 200 || answer.status >= 300) {
      throw new ZaloApiError(path, -answer.status, `HTTP ${answer.status}`, remain);
    }
    let json: unknown;
    try {
      json = parseJsonKeepingBigInts(answer.bodyText);
    } catch {
      throw new UnexpectedResponseError(path, answer.status, "body is not JSON");
    }
    const env = envelopeSchema.safeParse(json);
    if (!env.success) throw new UnexpectedResponseError(path, answer.status, "no error field in the envelope");
    if (env.data.error !== 0) throw new ZaloApiError(path, env.data.error, env.data.message ?? "", remain);
    const data = opts.schema.safeParse(env.data.data ?? {});
    if (!data.success) throw new UnexpectedResponseError(path, answer.status, data.error.issues[0]?.message ?? "bad data");
    return data.data;
  }

  /** One Zalo call; on an expired/invalid-token answer, refreshes once and retries once (never loops). */
  async function request<T>(path: string, opts: ZaloRequestOptions<T>): Promise<T> {
    const token = await deps.tokens.getAccessToken();
    try {
      return await once(path, opts, token);
    } catch (err) {
      if (!(err instanceof ZaloApiError) || !isZaloAuthCode(err.zaloCode)) throw err;
      const fresh = await deps.tokens.refreshAfterRejection(token);
      return once(path, opts, fresh);
    }
  }

  function uploadForm(bytes: Uint8Array, filename: string, mime: string) {
    return () => {
      const form = new FormData();
      form.append("file", new Blob([bytes], { type: mime }), filename);
      return form;
    };
  }

  return {
    request,
    /** Consultation (CS) message to a user who interacted within 7 days. */
    sendCsMessage: (userId: string, message: ZaloMessageBody) =>
      request("/v3.0/oa/message/cs", { body: { recipient: { user_id: userId }, message }, schema: sentMessageSchema }),
    /** Message into a GMF group the OA owns. */
    sendGroupMessage: (groupId: string, message: ZaloMessageBody) =>
      request("/v3.0/oa/group/message", { body: { recipient: { group_id: groupId }, message }, schema: sentMessageSchema }),
    /** Send windows for one user (last interaction, CS and promotion quota). */
    getMessageQuota: (userId: string) =>
      request("/v3.0/oa/quota/message", { body: { user_id: userId }, schema: messageQuotaSchema }),
    getUserDetail: (userId: string) =>
      request("/v3.0/oa/user/detail", { query: { user_id: userId }, schema: userDetailSchema }),
    /** jpg/png ≤ 1 MB → attachment_id (valid about 7 days). */
    uploadImage: (bytes: Uint8Array, filename: string, mime = "image/png") =>
      request("/v2.0/oa/upload/image", { form: uploadForm(bytes, filename, mime), schema: uploadImageSchema }),
    /** File ≤ 5 MB → token for a file message. */
    uploadFile: (bytes: Uint8Array, filename: string, mime: string) =>
      request("/v2.0/oa/upload/file", { form: uploadForm(bytes, filename, mime), schema: uploadFileSchema }),
  };
}
