/** A small province for reminder tests: 4 units in 2 clusters, officers, heads, leaders, board, bound groups. */
import { readFileSync } from "node:fs";
import type { DeadlineDef, ReminderRule } from "../../../src/domain/campaigns/campaign.js";
import { createVnCalendar } from "../../../src/domain/calendar/vn-calendar.js";
import { instantFromLocal, localDateTimeOf } from "../../../src/domain/calendar/zoned-time.js";
import { planReminders, type PlanRemindersInput, type ReminderPlan } from "../../../src/domain/reminders/reminder-policy.js";
import type { Translate } from "../../../src/domain/reminders/render-reminder.js";
import type { ReminderRecipients, ReminderUnit } from "../../../src/domain/reminders/reminder-types.js";

export const ZONE = "Asia/Ho_Chi_Minh";
export const CAMPAIGN = "kg-2021";
export const calendar = createVnCalendar();
export const at = (local: string): Date => instantFromLocal(local, ZONE);
export const local = (d: Date): string => localDateTimeOf(d, ZONE);

export const deadlines: DeadlineDef[] = [
  { code: "reg", kind: "registration", title: "Đăng ký thi đua", period: null, due: "2021-01-29T17:00", assumed: false },
  // Due the Thursday after the 2021 Tết break (10–16/2).
  { code: "m01", kind: "monthly_report", title: "Báo cáo tháng 1", period: "2021-M01", due: "2021-02-18T17:00", assumed: true },
  { code: "q1", kind: "quarterly_report", title: "Báo cáo quý I", period: "2021-Q1", due: "2021-04-05T17:00", assumed: false },
];

export const rules: ReminderRule[] = [
  { kind: "registration", offsetsDays: [7, 3, 1, 0], escalationHours: [2, 24, 48, 72] },
  { kind: "monthly_report", offsetsDays: [7, 3, 1, 0], escalationHours: [1, 24, 48, 72] },
  { kind: "quarterly_report", offsetsDays: [7, 3, 1, 0], escalationHours: [1, 24, 48, 96] },
];

function unit(id: string, name: string, kind: ReminderUnit["kind"], cluster: string): ReminderUnit {
  return {
    id,
    name,
    kind,
    clusterIds: [cluster],
    officers: [
      { id: `o-${id}`, role: "officer", addresses: [`telegram:${id}1`] },
      { id: `h-${id}`, role: "unit_head", addresses: [`zalo:${id}2`] },
    ],
    submittedDeadlineCodes: [],
  };
}

/** Units U1–U4; U1/U2 in cluster C1, U3/U4 in C2. Submissions are applied per pass time by `recipientsAt`. */
export function baseRecipients(): ReminderRecipients {
  return {
    units: [
      unit("U1", "Sở Tài chính", "department", "C1"),
      unit("U2", "Sở Kế hoạch và Đầu tư", "department", "C1"),
      unit("U3", "UBND huyện Châu Thành", "district", "C2"),
      unit("U4", "UBND TP. Rạch Giá", "district", "C2"),
    ],
    clusters: [
      { id: "C1", name: "Cụm 1", leaders: [{ id: "L1", addresses: ["telegram:L1"] }] },
      { id: "C2", name: "Cụm 2", leaders: [{ id: "L2" }] },
    ],
    board: [{ id: "B1", addresses: ["telegram:B1"] }, { id: "B2" }],
    groups: [
      { id: "gU1", scope: "unit", scopeId: "U1", addresses: ["telegram:g:-100"] },
      { id: "gC1", scope: "cluster", scopeId: "C1" },
      { id: "gBoard", scope: "board" },
    ],
  };
}

/** A submission event: the unit has submitted what `deadline` asks from `at` on. */
export interface Submission {
  unitId: string;
  deadline: string;
  at: string;
}

export function recipientsAt(time: Date, submissions: readonly Submission[]): ReminderRecipients {
  const r = baseRecipients();
  for (const u of r.units) {
    u.submittedDeadlineCodes = submissions
      .filter((s) => s.unitId === u.id && at(s.at).getTime() <= time.getTime())
      .map((s) => s.deadline);
  }
  return r;
}

export function pass(time: Date, lastPassAt: Date | null, submissions: readonly Submission[] = []): ReminderPlan {
  const input: PlanRemindersInput = {
    at: time,
    lastPassAt,
    timeZone: ZONE,
    calendar,
    campaignCode: CAMPAIGN,
    deadlines,
    rules,
    recipients: recipientsAt(time, submissions),
  };
  return planReminders(input);
}

/** A translator over the real catalogs, with {name} interpolation, like the one i18n provides. */
export function catalogTranslator(locale: "vi" | "en"): Translate {
  const catalog = JSON.parse(readFileSync(new URL(`../../../locales/${locale}.json`, import.meta.url), "utf8")) as object;
  return (key, params = {}) => {
    const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
    if (typeof value !== "string") throw new Error(`missing locale key ${key}`);
    return value.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  };
}
