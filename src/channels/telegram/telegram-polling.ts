/**
 * @module Long polling for development (no TELEGRAM_WEBHOOK_SECRET): getUpdates with an offset that only advances
 * after the sink has stored each update, so a crash redelivers rather than loses. Abortable; backs off on errors.
 */
import type { InboundSink } from "../shared/inbound-sink.js";
import type { TelegramApi } from "./telegram-api.js";
import { toInboundMessage, type TelegramInboundOptions } from "./telegram-inbound.js";

export interface TelegramPollingDeps extends TelegramInboundOptions {
  api: TelegramApi;
  sink: InboundSink;
  /** Stops the loop; the pending getUpdates request is aborted too. */
  signal: AbortSignal;
  /** Long-poll timeout in seconds; default 25. */
  timeoutSec?: number;
  /** Called with every failed poll (409 Conflict when a webhook is set or another instance polls, outages). */
  onError?: (err: unknown) => void;
  /** Delay after a failed poll, doubling up to 30 s; default 1 s. */
  backoffMs?: number;
  /** Called once per update after the sink accepted it, e.g. to answer callback queries. */
  onAccepted?: (raw: unknown) => void;
}

/** Runs until `signal` aborts. Resolves then; never rejects because of platform errors. */
export async function runTelegramPolling(deps: TelegramPollingDeps): Promise<void> {
  let offset: number | undefined;
  let delay = deps.backoffMs ?? 1000;
  while (!deps.signal.aborted) {
    try {
      const updates = await deps.api.getUpdates({ offset, timeoutSec: deps.timeoutSec ?? 25 }, deps.signal);
      for (const raw of updates) {
        const updateId = (raw as { update_id?: unknown }).update_id;
        const msg = toInboundMessage(raw, deps);
        if (msg) {
          await deps.sink.accept(msg, raw);
          deps.onAccepted?.(raw);
        }
        if (typeof updateId === "number") offset = updateId + 1;
      }
      delay = deps.backoffMs ?? 1000;
    } catch (err) {
      if (deps.signal.aborted) break;
      deps.onError?.(err);
      await sleep(delay, deps.signal);
      delay = Math.min(delay * 2, 30_000);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
