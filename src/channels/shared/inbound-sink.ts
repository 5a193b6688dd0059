/**
 * @module The port through which webhook routes and pollers hand inbound messages to the core. The core implements
 * it: it stores the update (unique on updateId) and processes it in the background.
 */
import type { InboundMessage } from "../../conversation/channel-port.js";

/** "duplicate" when an update with the same updateId was already stored (platform redelivery). */
export type AcceptOutcome = "accepted" | "duplicate";

export interface InboundSink {
  /** Resolves once the update is durably stored; the caller acknowledges the platform only after that. */
  accept(msg: InboundMessage, raw: unknown): Promise<AcceptOutcome>;
}
