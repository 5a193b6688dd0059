/**
 * The outbox keeps reminders inside the sending window even when they are held up after planning: a reminder row
 * claimed after 20:00 (an outage, a long queue) and a retry that would land after 20:00 both wait for the next
 * working morning; a reply to a user is never held back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SendError, type ChannelAddress, type OutboundMessage } from "../../../src/conversation/channel-port";
import { testDbKinds } from "../../helpers/test-db";
import { at, createRecorder, createReminderEnv, local, type ReminderEnv } from "./reminder-env";

describe.each(testDbKinds())("sending window in the outbox on %s", (kind) => {
  let env: ReminderEnv;
  /** Fails the next `failures` sends with a 5xx, then records like the others. */
  const flaky = Object.assign(createRecorder("telegram"), { failures: 0 });
  const record = flaky.send.bind(flaky);
  flaky.send = async (to: ChannelAddress, msg: OutboundMessage) => {
    if (flaky.failures > 0) {
      flaky.failures--;
      throw new SendError("transient", "telegram: 502 Bad Gateway");
    }
    return record(to, msg);
  };

  beforeAll(async () => {
    env = await createReminderEnv({ kind, now: "2021-04-02T19:50", telegram: flaky }); // a Friday
  });
  afterAll(async () => env.close());

  const enqueue = (dedupeKey: string, kindName: string, plannedLocal: string) =>
    env.runtime.outboxRepo.enqueue({ dedupeKey, recipient: "telegram:501", kind: kindName, message: { text: dedupeKey }, notBefore: at(plannedLocal) }, at(plannedLocal));
  const row = (dedupeKey: string) => env.db.delivery.findUniqueOrThrow({ where: { dedupeKey } });

  it("a reminder claimed after the window closes waits for the next working morning; a reply goes at once", async () => {
    await enqueue("late-reminder", "reminder.report_due", "2021-04-02T19:45");
    await enqueue("late-reply", "reply", "2021-04-02T19:45");
    env.clock.set(at("2021-04-02T20:10"));
    await env.runtime.outboxDispatcher.pump();
    expect(flaky.sent.map((s) => s.text)).toEqual(["late-reply"]);
    const held = await row("late-reminder");
    expect(held.status).toBe("pending");
    expect(held.attempts).toBe(0); // waiting is not a failed attempt
    expect(local(held.nextAttemptAt)).toBe("2021-04-05T07:30"); // Monday: the weekend is skipped

    env.clock.set(at("2021-04-05T07:30"));
    await env.runtime.outboxDispatcher.pump();
    expect(flaky.sent.map((s) => s.text)).toEqual(["late-reply", "late-reminder"]);
  });

  it("a retry that would fall after 20:00 is moved to the next working morning", async () => {
    // The first backoff is 0.5–1 s: from 19:59:59.6 it always ends after 20:00.
    env.clock.set(new Date(at("2021-04-06T19:59:59").getTime() + 600));
    await enqueue("retry-reminder", "reminder.report_due", "2021-04-06T19:59");
    flaky.failures = 1;
    await env.runtime.outboxDispatcher.pump();
    const r = await row("retry-reminder");
    expect(r.status).toBe("retry");
    expect(local(r.nextAttemptAt)).toBe("2021-04-07T07:30");
  });

  it("a catch-up of another day (planned more than a day earlier, as `reminders run --at` does) is sent as asked", async () => {
    env.clock.set(at("2021-04-08T22:00"));
    await enqueue("catch-up", "reminder.report_due", "2021-04-01T08:00");
    await env.runtime.outboxDispatcher.pump();
    expect((await row("catch-up")).status).toBe("sent");
  });
});
