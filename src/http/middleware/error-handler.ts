/** @module Maps every error to a JSON answer; unknown errors are logged and answered 500 without details. */
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../../shared/logger";
import { HttpError } from "../http-error";

export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    let http: HttpError;
    if (err instanceof HttpError) http = err;
    else if (e?.type === "entity.too.large") http = new HttpError("payload_too_large", "request body too large");
    else if (e?.type === "entity.parse.failed") http = new HttpError("bad_request", "malformed JSON body");
    else {
      logger.error({ err, path: req.path, method: req.method }, "unhandled error");
      http = new HttpError("internal", "internal error");
    }
    if (!res.headersSent) res.status(http.status).json({ error: { code: http.code, message: http.message } });
  };
}
