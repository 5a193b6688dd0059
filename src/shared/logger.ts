/**
 * @module Structured logging (pino). Tokens, secrets and message bodies never reach the log: known secret fields are
 * redacted and the token-bearing Telegram URL form (/bot<token>/) is masked in every string that passes through.
 */
import pino from "pino";

export type Logger = pino.Logger;

const REDACT_PATHS = [
  "token", "accessToken", "refreshToken", "access_token", "refresh_token", "secret", "secretKey", "appSecret",
  "authorization", "*.token", "*.accessToken", "*.refreshToken", "*.access_token", "*.secret", "*.authorization",
  "text", "*.text", "rawText", "*.rawText", "payload", "*.payload", "body", "*.body",
];

/** Masks bot tokens in URLs and long secrets that may appear inside error messages. */
export function scrubSecrets(s: string): string {
  return s.replace(/\/bot[^/\s]+\//g, "/bot<redacted>/").replace(/(access_token|secret_key|token)=([^&\s]+)/gi, "$1=<redacted>");
}

export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
      serializers: {
        err: (e: unknown) => {
          const base = pino.stdSerializers.err(e as Error);
          return { ...base, message: scrubSecrets(base.message ?? ""), stack: scrubSecrets(base.stack ?? "") };
        },
      },
    },
    opts.destination,
  );
}
