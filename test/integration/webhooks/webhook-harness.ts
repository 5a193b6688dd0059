/** Shared helpers for the webhook route tests: an in-memory sink (unique on updateId) and an app on 127.0.0.1:0. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Router } from "express";
import type { InboundMessage } from "../../../src/conversation/channel-port.js";
import type { InboundSink } from "../../../src/channels/shared/inbound-sink.js";
import { createWebhookCounters } from "../../../src/http/webhooks/webhook-common.js";

export function createMemorySink() {
  const stored = new Map<string, InboundMessage>();
  const calls: { msg: InboundMessage; raw: unknown }[] = [];
  let gate: Promise<void> | undefined;
  let failWith: Error | undefined;
  const sink: InboundSink & {
    stored: Map<string, InboundMessage>;
    calls: typeof calls;
    holdUntil(p: Promise<void>): void;
    failNext(e: Error): void;
  } = {
    stored,
    calls,
    holdUntil: (p) => {
      gate = p;
    },
    failNext: (e) => {
      failWith = e;
    },
    async accept(msg, raw) {
      calls.push({ msg, raw });
      if (gate) await gate;
      if (failWith) {
        const e = failWith;
        failWith = undefined;
        throw e;
      }
      if (stored.has(msg.updateId)) return "duplicate";
      stored.set(msg.updateId, msg);
      return "accepted";
    },
  };
  return sink;
}

export async function startApp(build: (observe: ReturnType<typeof createWebhookCounters>["observe"]) => Router, before?: (app: express.Express) => void) {
  const counters = createWebhookCounters();
  const app = express();
  before?.(app);
  app.use(build(counters.observe));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    counters,
    post: (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
