/**
 * @module Words a DueReminder in the recipient's language through an injected translator (keys under
 * `reminders.*`). Pure: no catalog import, so the domain stays free of i18n; conversation/notify passes `t`.
 * Output is structurally an OutboundMessage: text with **bold** marks, and an acknowledgement button on digests.
 * Group texts never carry figures, only who has and has not submitted.
 */
import type { DeadlineKind } from "../campaigns/campaign.js";
import { ackCallbackData } from "./notice-key.js";
import type { DueReminder, ReminderParams, UnitRef } from "./reminder-types.js";

/** The translator the i18n layer provides. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A rendered message: structurally compatible with conversation's OutboundMessage. */
export interface RenderedMessage {
  text: string;
  buttons?: Array<Array<{ label: string; data: string }>>;
}

/** Rendering limits. */
export interface RenderOptions {
  /** Most unit names listed before "and N more" (default 20). */
  maxListed?: number;
  /** Longest text allowed (default 2000, Zalo's limit; Telegram allows 4096). */
  maxChars?: number;
}

/** "2021-04-05T17:00" → "17:00 ngày 05/04/2021" (wording from `reminders.format.due`). */
export function formatDue(local: string, t: Translate): string {
  const [date = "", time = ""] = local.split("T");
  const [y, m, d] = date.split("-");
  return t("reminders.format.due", { time: time.slice(0, 5), date: `${d}/${m}/${y}` });
}

/** "YYYY-MM-DD" → "DD/MM/YYYY". */
export function formatLocalDateVn(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

/** Unit names joined, the first `max` of them, then "and N more". */
export function formatUnitList(units: readonly UnitRef[], t: Translate, max: number): string {
  const sep = t("reminders.format.separator");
  const shown = units.slice(0, Math.max(0, max)).map((u) => u.name);
  if (shown.length === units.length) return shown.join(sep);
  return t("reminders.format.list_more", { list: shown.join(sep), count: units.length - shown.length });
}

/** Deadline title with its period code when it has one. */
export function formatTitle(p: Pick<ReminderParams, "deadlineTitle" | "period">, t: Translate): string {
  return p.period ? t("reminders.format.title_period", { title: p.deadlineTitle, period: p.period }) : p.deadlineTitle;
}

/** What to do, per deadline kind ("Gửi số liệu qua lệnh /baocao."). */
export function actionHint(kind: DeadlineKind, t: Translate): string {
  if (kind === "registration" || kind === "pledge" || kind === "award_dossier") return t(`reminders.action.${kind}`);
  return t("reminders.action.report");
}

function textFor(r: Pick<DueReminder, "kind" | "params">, t: Translate, listed: number): string {
  const p = r.params;
  const common = {
    title: formatTitle(p, t),
    due: formatDue(p.dueLocal, t),
    days: p.daysLeft,
    hours: p.hoursOverdue,
    units: formatUnitList(p.units, t, listed),
    missing: formatUnitList(p.missingUnits, t, listed),
    missingCount: p.missingUnits.length,
    submittedCount: p.submittedUnits.length,
    total: p.totalUnits,
    clusters: formatUnitList(p.clusters, t, listed),
    action: actionHint(p.deadlineKind, t),
  };
  switch (r.kind) {
    case "pre_due":
      return t(p.daysLeft <= 0 ? "reminders.pre_due_today" : "reminders.pre_due", common);
    case "overdue":
      return t("reminders.overdue", common);
    case "escalation_unit_head":
    case "escalation_cluster":
    case "escalation_board":
      return t(`reminders.${r.kind}`, common);
    case "group_digest": {
      const key = p.level !== undefined ? "overdue" : p.daysLeft <= 0 ? "pre_due_today" : "pre_due";
      return `${t(`reminders.digest.${key}`, common)}\n${t("reminders.digest.ack_hint")}`;
    }
  }
}

/** Renders one reminder; lists shrink until the text fits `maxChars`. */
export function renderReminder(
  reminder: Pick<DueReminder, "kind" | "params" | "noticeKey">,
  t: Translate,
  options: RenderOptions = {},
): RenderedMessage {
  const maxChars = options.maxChars ?? 2000;
  let listed = options.maxListed ?? 20;
  let text = textFor(reminder, t, listed);
  while (text.length > maxChars && listed > 0) {
    listed = Math.floor(listed / 2);
    text = textFor(reminder, t, listed);
  }
  if (text.length > maxChars) text = `${text.slice(0, maxChars - 1)}…`;
  if (reminder.kind !== "group_digest" || !reminder.noticeKey) return { text };
  return { text, buttons: [[{ label: t("reminders.digest.ack_button"), data: ackCallbackData(reminder.noticeKey) }]] };
}
