/** @module One HTTP error type and the code → status table (Hono-style); JSON errors `{ error: { code, message } }`. */

export type HttpErrorCode =
  | "bad_request" | "unauthorized" | "forbidden" | "not_found" | "payload_too_large"
  | "admin_disabled" | "db_unavailable" | "internal";

const STATUS: Record<HttpErrorCode, number> = {
  bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, payload_too_large: 413,
  admin_disabled: 503, db_unavailable: 503, internal: 500,
};

export class HttpError extends Error {
  constructor(readonly code: HttpErrorCode, message: string) {
    super(message);
    this.name = "HttpError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}
