/**
 * @module Words the /nhacnho listing and the board's "deadlines on days off" notice through an injected translator.
 */
import type { Holiday } from "../calendar/working-calendar.js";
import type { HolidayDeadlineFlag } from "./holiday-deadlines.js";
import {
  formatDue,
  formatLocalDateVn,
  formatUnitList,
  type RenderedMessage,
  type RenderOptions,
  type Translate,
} from "./render-reminder.js";
import type { UpcomingDeadline } from "./upcoming-deadlines.js";

function whenText(item: UpcomingDeadline, t: Translate): string {
  if (item.isOverdue) {
    return item.daysLeft < 0 ? t("reminders.upcoming.overdue", { days: -item.daysLeft }) : t("reminders.upcoming.overdue_today");
  }
  return item.daysLeft === 0 ? t("reminders.upcoming.today") : t("reminders.upcoming.days_left", { days: item.daysLeft });
}

function itemLines(item: UpcomingDeadline, t: Translate, listed: number): string[] {
  const title = item.period ? t("reminders.format.title_period", { title: item.title, period: item.period }) : item.title;
  const lines = [t("reminders.upcoming.item", { title, due: formatDue(item.dueLocal, t), when: whenText(item, t) })];
  for (const u of item.myUnits) {
    lines.push(t(u.submitted ? "reminders.upcoming.unit_submitted" : "reminders.upcoming.unit_missing", { unit: u.name }));
  }
  const seesOthers = item.totalUnits > item.myUnits.length;
  if (seesOthers && item.missingUnits.length > 0) {
    lines.push(
      t("reminders.upcoming.scope_missing", {
        missingCount: item.missingUnits.length,
        total: item.totalUnits,
        missing: formatUnitList(item.missingUnits, t, listed),
      }),
    );
  } else if (seesOthers) {
    lines.push(t("reminders.upcoming.scope_done", { total: item.totalUnits }));
  }
  if (item.onNonWorkingDay) lines.push(t("reminders.upcoming.non_working_day"));
  return lines;
}

/** The /nhacnho reply. Items beyond what fits `maxChars` are left out (soonest first are kept). */
export function renderUpcoming(
  items: readonly UpcomingDeadline[],
  t: Translate,
  options: RenderOptions & { horizonDays?: number } = {},
): RenderedMessage {
  if (items.length === 0) return { text: t("reminders.upcoming.none", { days: options.horizonDays ?? 45 }) };
  const maxChars = options.maxChars ?? 2000;
  const listed = options.maxListed ?? 10;
  let text = t("reminders.upcoming.header");
  for (const item of items) {
    const block = itemLines(item, t, listed).join("\n");
    if (text.length + block.length + 1 > maxChars) break;
    text += `\n${block}`;
  }
  return { text };
}

/** A holiday's display name: "Tết Nguyên đán (nghỉ bù)". */
export function holidayLabel(h: Holiday, t: Translate): string {
  return t("reminders.holiday_label", { name: t(h.nameKey), type: t(`reminders.holiday_types.${h.type}`) });
}

/** The board's notice listing deadlines that fall on weekends or holidays. */
export function renderHolidayFlags(flags: readonly HolidayDeadlineFlag[], t: Translate): RenderedMessage {
  if (flags.length === 0) return { text: t("reminders.holiday_flag.none") };
  const lines = [t("reminders.holiday_flag.header")];
  for (const f of flags) {
    const first = f.holidays[0];
    const reason = first ? holidayLabel(first, t) : t("reminders.holiday_flag.weekend");
    lines.push(
      t("reminders.holiday_flag.item", {
        title: f.title,
        due: formatDue(f.due, t),
        reason,
        previous: formatLocalDateVn(f.previousWorkingDay),
      }),
    );
  }
  return { text: lines.join("\n") };
}
