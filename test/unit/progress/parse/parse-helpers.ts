/** Shared set-up for the parser tests: the plan's indicators, the dev set's "today", one-line reading. */
import { parseMessage } from "../../../../src/domain/progress/parse/parse-message";
import type { MessageReading, ParseContext } from "../../../../src/domain/progress/parse/parse-message";
import { DEV_NOW, DEV_TZ, loadIndicators } from "./reference-indicators";

export const indicators = loadIndicators();

export const devContext: ParseContext = { indicators, campaignYear: 2021, now: DEV_NOW, timeZone: DEV_TZ };

/** Reads a message as if sent on 2021-04-05 in Asia/Ho_Chi_Minh (or at `now`). */
export function read(text: string, now?: string): MessageReading {
  return parseMessage(text, now ? { ...devContext, now: new Date(now) } : devContext);
}

/** The fields the dev set labels, for compact assertions. */
export function brief(r: MessageReading): { intent: string; indicator: string | null; period: string | null; value: number | null; basis: string | null; ask: string | null } {
  return { intent: r.intent, indicator: r.indicator?.code ?? null, period: r.period, value: r.value, basis: r.basis, ask: r.ambiguity?.reason ?? null };
}
