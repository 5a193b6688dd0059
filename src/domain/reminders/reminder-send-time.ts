/**
 * @module When a queued reminder may actually go out. Planning already puts each reminder inside the sending window
 * on a working day; this rule covers what happens after planning: a reminder planned for 19:45 but held up (an
 * outage, a long queue, a retry) waits for the next working morning rather than reaching officers at night.
 * Replies to what a user just wrote are not reminders and go at once. A reminder planned more than a day before it
 * is sent is an operator's catch-up of another day (`reminders run --at` for a past date) and is sent as asked.
 */
import { toAllowedSendTime, type SendingWindow, type WorkingCalendar } from "../calendar/working-calendar";

const DAY_MS = 86_400_000;

/** The earliest time at or after `at` when this queued message may be sent. */
export function reminderSendableFrom(calendar: WorkingCalendar, window: SendingWindow) {
  return (d: { kind: string; nextAttemptAt: Date }, at: Date): Date => {
    if (!d.kind.startsWith("reminder.") || at.getTime() - d.nextAttemptAt.getTime() > DAY_MS) return at;
    return toAllowedSendTime(at, calendar, window);
  };
}
