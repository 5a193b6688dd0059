/** @module Strict ISO-8601 date-time parsing for operator input (`reminders run --at`). */
import { instantFromLocal } from "../../domain/calendar/zoned-time";

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * "2021-04-05T08:00:00+07:00" or "…Z" → that instant; without an offset ("2021-04-05T08:00") the time is local to
 * `timeZone`. null for anything else, including impossible dates such as 2021-02-30 (which Date would roll over).
 */
export function parseIsoInstant(text: string, timeZone: string): Date | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00", , offset] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (offset) {
    const normalized = offset === "Z" || offset.includes(":") ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
    const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${m[7] ?? ""}${normalized}`);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  return instantFromLocal(`${y}-${mo}-${d}T${h}:${mi}:${s}`, timeZone);
}
