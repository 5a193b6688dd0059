/** @module Local date-time in an IANA zone → instant (plan packs write deadlines in local time). */

/** Offset of `zone` at `instant`, in minutes east of UTC. */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - instant.getTime()) / 60000);
}

/** "2021-04-05T17:00" (or "2021-04-05") read in `zone` → the instant. */
export function zonedLocalToInstant(local: string, zone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(local);
  if (!m) throw new Error(`not a local date-time: ${local}`);
  const utcGuess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  const first = utcGuess - zoneOffsetMinutes(new Date(utcGuess), zone) * 60000;
  // Second pass fixes the rare case where the offset differs across the guess (DST edges).
  return new Date(utcGuess - zoneOffsetMinutes(new Date(first), zone) * 60000);
}
