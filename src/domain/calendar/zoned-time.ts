/**
 * @module Time-zone arithmetic without a library: local wall-clock parts of an instant in any IANA zone, and the
 * instant of a local date-time in a zone. Built on Intl.DateTimeFormat (full ICU ships with Node 20), so daylight
 * saving zones work too, not only the fixed +07:00 of Asia/Ho_Chi_Minh.
 *
 * Local dates are ISO strings "YYYY-MM-DD"; local date-times are "YYYY-MM-DDTHH:mm" (optionally ":ss"), the format
 * of DeadlineDef.due.
 */

/** Wall-clock fields of an instant in a zone. weekday: 0 = Sunday … 6 = Saturday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Creating a DateTimeFormat costs far more than using one; planning for 10k officers reuses a handful.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** Parts straight from Intl: the slow path, and the source of truth for offsets. */
function intlLocalParts(instant: Date, zone: string): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const p of formatterFor(zone).formatToParts(instant)) {
    if (p.type === "weekday") out.weekday = WEEKDAYS[p.value] ?? 0;
    else if (p.type === "year") out.year = Number(p.value);
    else if (p.type === "month") out.month = Number(p.value);
    else if (p.type === "day") out.day = Number(p.value);
    else if (p.type === "hour") out.hour = Number(p.value);
    else if (p.type === "minute") out.minute = Number(p.value);
    else if (p.type === "second") out.second = Number(p.value);
  }
  return out;
}

function intlOffsetMs(instant: Date, zone: string): number {
  const p = intlLocalParts(instant, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

// Offsets are cached per zone and 15-minute bucket, but only for buckets whose two ends share one offset, so a
// transition at any odd time stays exact. Planning for 10k officers then costs date arithmetic, not Intl calls.
const BUCKET_MS = 15 * MINUTE_MS;
const MAX_CACHED_BUCKETS = 50_000;
const offsetCache = new Map<string, Map<number, number>>();

function offsetMs(instant: Date, zone: string): number {
  const bucket = Math.floor(instant.getTime() / BUCKET_MS);
  let zoneCache = offsetCache.get(zone);
  const cached = zoneCache?.get(bucket);
  if (cached !== undefined) return cached;
  const start = intlOffsetMs(new Date(bucket * BUCKET_MS), zone);
  const end = intlOffsetMs(new Date((bucket + 1) * BUCKET_MS - 1), zone);
  if (start !== end) return intlOffsetMs(instant, zone);
  if (!zoneCache || zoneCache.size >= MAX_CACHED_BUCKETS) {
    zoneCache = new Map();
    offsetCache.set(zone, zoneCache);
  }
  zoneCache.set(bucket, start);
  return start;
}

/** Local wall-clock parts of `instant` in `zone`. */
export function localPartsOf(instant: Date, zone: string): LocalParts {
  const d = new Date(instant.getTime() + offsetMs(instant, zone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** Offset of `zone` from UTC at `instant`, in minutes (+420 for Asia/Ho_Chi_Minh). Sub-minute LMT offsets are rounded. */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  return Math.round(offsetMs(instant, zone) / MINUTE_MS);
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** "YYYY-MM-DD" of the given fields. */
export function formatLocalDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

/** Local date of `instant` in `zone`: "2021-04-05". */
export function localDateOf(instant: Date, zone: string): string {
  const p = localPartsOf(instant, zone);
  return formatLocalDate(p.year, p.month, p.day);
}

/** Local date-time of `instant` in `zone`: "2021-04-05T17:00". */
export function localDateTimeOf(instant: Date, zone: string): string {
  const p = localPartsOf(instant, zone);
  return `${formatLocalDate(p.year, p.month, p.day)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** Parsed local date-time fields. */
export interface LocalDateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm[:ss]"; throws RangeError on anything else (including 2021-02-30). */
export function parseLocalDateTime(text: string): LocalDateTimeFields {
  const m = LOCAL_RE.exec(text.trim());
  if (!m) throw new RangeError(`Not a local date-time: "${text}"`);
  const f: LocalDateTimeFields = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
  const check = new Date(Date.UTC(f.year, f.month - 1, f.day));
  const valid =
    check.getUTCFullYear() === f.year && check.getUTCMonth() === f.month - 1 && check.getUTCDate() === f.day;
  if (!valid || f.hour > 23 || f.minute > 59 || f.second > 59) throw new RangeError(`Invalid local date-time: "${text}"`);
  return f;
}

/** Parses "HH:mm" into minutes after midnight. */
export function parseTimeOfDay(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 23 || min > 59) throw new RangeError(`Not a time of day: "${text}"`);
  return h * 60 + min;
}

/**
 * The instant at which the wall clock in `zone` reads `local` ("2021-04-05T17:00" or a date = midnight).
 * Ambiguous times (clocks set back) resolve to the earlier instant; non-existent times (clocks set forward) are
 * moved forward by the gap, as Temporal's "compatible" disambiguation does.
 */
export function instantFromLocal(local: string | LocalDateTimeFields, zone: string): Date {
  const f = typeof local === "string" ? parseLocalDateTime(local) : local;
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  // Try the offsets in force a day either side: one of them is the right one for any real zone.
  const before = offsetMs(new Date(asUtc - DAY_MS), zone);
  const after = offsetMs(new Date(asUtc + DAY_MS), zone);
  const candidates = [asUtc - before, asUtc - after].sort((a, b) => a - b);
  for (const t of candidates) {
    if (offsetMs(new Date(t), zone) + t === asUtc) return new Date(t);
  }
  // In a gap: neither candidate reads back; use the pre-transition offset, which lands after the gap.
  return new Date(asUtc - before);
}

/** Adds whole calendar days to a local date ("2021-02-28" + 1 → "2021-03-01"); independent of zones and DST. */
export function addLocalDays(date: string, days: number): string {
  const f = parseLocalDateTime(date);
  const d = new Date(Date.UTC(f.year, f.month - 1, f.day) + days * DAY_MS);
  return formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Day of week of a local date: 0 = Sunday … 6 = Saturday. */
export function weekdayOfLocalDate(date: string): number {
  const f = parseLocalDateTime(date);
  return new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay();
}

/** Whole calendar days from local date `from` to local date `to` (negative when `to` is earlier). */
export function localDaysBetween(from: string, to: string): number {
  const a = parseLocalDateTime(from);
  const b = parseLocalDateTime(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** The instant `local date + days` at the same wall-clock time in `zone` (DST-safe "same time tomorrow"). */
export function addLocalDaysToInstant(instant: Date, days: number, zone: string): Date {
  const p = localPartsOf(instant, zone);
  const date = addLocalDays(formatLocalDate(p.year, p.month, p.day), days);
  const d = parseLocalDateTime(date);
  return instantFromLocal({ ...d, hour: p.hour, minute: p.minute, second: p.second }, zone);
}

/** Minutes after local midnight of `instant` in `zone`. */
export function localMinuteOfDay(instant: Date, zone: string): number {
  const p = localPartsOf(instant, zone);
  return p.hour * 60 + p.minute;
}
