/**
 * @module Words the board's charts and exports print, looked up in the `board.*` catalog namespace.
 */
import type { Translate } from "../i18n/i18n";
import type { Comparator } from "../domain/campaigns/campaign";
import { parsePeriodCode } from "../domain/progress/period";

const ROMAN = ["I", "II", "III", "IV"];

const COMPARATOR_KEYS: Record<Comparator, string> = {
  ">=": "gte",
  ">": "gt",
  "<=": "lte",
  "<": "lt",
  "=": "eq",
  decrease_vs_previous_year: "decrease",
  maintain: "maintain",
};

/**
 * "Quý I năm 2021", "6 tháng đầu năm 2021", "Tháng 3 năm 2021"… as official reports write them (Roman quarters),
 * unlike period.ts's short chat form "Quý 1/2021"; an unknown code is returned as is.
 */
export function periodLabel(code: string, t: Translate): string {
  const p = parsePeriodCode(code);
  if (!p) return code;
  const year = p.year;
  switch (p.kind) {
    case "month":
      return t("board.period.month", { month: p.index, year });
    case "quarter":
      return t("board.period.quarter", { quarter: ROMAN[p.index - 1] ?? String(p.index), year });
    case "half":
      return t(p.index === 1 ? "board.period.half1" : "board.period.half2", { year });
    case "nine_months":
      return t("board.period.nineMonths", { year });
    case "year":
      return t("board.period.year", { year });
  }
}

/** "≥", "Giảm so với cùng kỳ"… */
export function comparatorLabel(comparator: Comparator, t: Translate): string {
  return t(`board.comparator.${COMPARATOR_KEYS[comparator]}`);
}

/** Group heading ("Kinh tế"…); an unknown group prints its code. */
export function groupLabel(group: string, t: Translate): string {
  const key = `board.group.${group}`;
  const label = t(key);
  return label === key ? group : label;
}

/** "Kiên Giang, ngày 05 tháng 4 năm 2021" in the given timezone (Việt Nam by default). */
export function dateLine(place: string, at: Date, t: Translate, timeZone = "Asia/Ho_Chi_Minh"): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "numeric", day: "2-digit" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  // Official Vietnamese documents zero-pad the day and months January–February only (Nghị định 30/2020).
  const month = Number(get("month"));
  return t("board.export.dateLine", { place, day: get("day"), month: month <= 2 ? `0${month}` : String(month), year: get("year") });
}
