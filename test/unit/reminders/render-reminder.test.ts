import { describe, expect, it } from "vitest";
import { renderReminder } from "../../../src/domain/reminders/render-reminder.js";
import { holidayLabel, renderHolidayFlags, renderUpcoming } from "../../../src/domain/reminders/render-upcoming.js";
import { flagHolidayDeadlines, upcomingForOfficer } from "../../../src/domain/reminders/reminder-policy.js";
import type { DueReminder, UnitRef } from "../../../src/domain/reminders/reminder-types.js";
import { ZONE, at, baseRecipients, calendar, catalogTranslator, deadlines, pass } from "./reminder-fixtures.js";

const vi = catalogTranslator("vi");
const en = catalogTranslator("en");
const find = (due: DueReminder[], recipient: string) => due.find((r) => r.recipient.id === recipient) as DueReminder;

describe("renderReminder", () => {
  it("words a countdown in Vietnamese and English with the due time and the action", () => {
    const r = find(pass(at("2021-04-02T08:00"), at("2021-04-02T07:45")).due, "o-U1");
    expect(renderReminder(r, vi)).toEqual({
      text: "⏰ Nhắc hạn: **Báo cáo quý I (2021-Q1)** — hạn 17:00 ngày 05/04/2021, còn 3 ngày. Đơn vị: Sở Tài chính. Gửi số liệu qua lệnh /baocao.",
    });
    expect(renderReminder(r, en).text).toContain("due 17:00 on 05/04/2021, 3 day(s) left");
  });

  it("words the due-day step, the overdue notice and each escalation rung", () => {
    const today = find(pass(at("2021-04-05T08:00"), at("2021-04-05T07:45")).due, "o-U1");
    expect(renderReminder(today, vi).text).toContain("Hôm nay là hạn");
    const overdue = find(pass(at("2021-04-05T18:00"), at("2021-04-05T17:45")).due, "o-U1");
    expect(renderReminder(overdue, vi).text).toMatch(/^❗ Đã quá hạn \*\*Báo cáo quý I/);
    const head = find(pass(at("2021-04-06T17:00"), at("2021-04-06T16:45")).due, "h-U1");
    expect(renderReminder(head, vi).text).toContain("đã quá hạn 24 giờ");
    const leader = find(pass(at("2021-04-07T17:00"), at("2021-04-07T16:45")).due, "L1");
    expect(renderReminder(leader, vi).text).toContain("Cụm/khối Cụm 1: 2/2 đơn vị chưa nộp");
    const board = find(pass(at("2021-04-09T17:00"), at("2021-04-09T16:45")).due, "B1");
    expect(renderReminder(board, en).text).toContain("4/4 units have not submitted");
  });

  it("words a registration reminder with the registration command", () => {
    const r = find(pass(at("2021-01-22T08:00"), at("2021-01-22T07:45")).due, "o-U1");
    expect(renderReminder(r, vi).text).toContain("/dangky");
  });

  it("gives group digests an acknowledgement button and no figures", () => {
    const digest = find(pass(at("2021-04-02T08:00"), at("2021-04-02T07:45")).due, "gC1");
    const msg = renderReminder(digest, vi);
    expect(msg.buttons).toEqual([[{ label: "✅ Đã nhận", data: `ack:${digest.noticeKey}` }]]);
    expect(msg.text).toContain("Đã nộp 0/2. Chưa nộp: Sở Tài chính, Sở Kế hoạch và Đầu tư.");
    expect(msg.text).not.toMatch(/\d[\d.,]*\s*(tỷ|triệu|%)/);
  });

  it("shortens long unit lists to fit Zalo's 2,000 characters", () => {
    const digest = find(pass(at("2021-04-09T17:00"), at("2021-04-09T16:45")).due, "gBoard");
    const many: UnitRef[] = Array.from({ length: 300 }, (_, i) => ({ id: `u${i}`, name: `UBND xã (thị trấn) Số-${i}. Kiên Giang` }));
    const msg = renderReminder({ ...digest, params: { ...digest.params, missingUnits: many, totalUnits: 300 } }, vi);
    expect(msg.text.length).toBeLessThanOrEqual(2000);
    expect(msg.text).toMatch(/và \d+ đơn vị khác/);
  });
});

describe("renderUpcoming and renderHolidayFlags", () => {
  it("renders the /nhacnho list", () => {
    const items = upcomingForOfficer({ at: at("2021-03-30T09:00"), officerId: "L1", timeZone: ZONE, calendar, deadlines, recipients: baseRecipients() });
    const text = renderUpcoming(items, vi).text;
    expect(text).toBe(
      "🗓 Hạn sắp tới của bạn:\n• **Báo cáo quý I (2021-Q1)** — hạn 17:00 ngày 05/04/2021 (còn 6 ngày)\n   Chưa nộp 2/2: Sở Tài chính, Sở Kế hoạch và Đầu tư",
    );
    expect(renderUpcoming([], en, { horizonDays: 30 }).text).toBe("No deadlines in the next 30 days.");
  });

  it("renders the board's notice of deadlines on days off", () => {
    const flags = flagHolidayDeadlines(
      [{ code: "tet", kind: "monthly_report", title: "Báo cáo tháng 1", period: null, due: "2021-02-15T17:00", assumed: true }],
      calendar,
    );
    expect(renderHolidayFlags(flags, vi).text).toContain(
      "• **Báo cáo tháng 1**: hạn 17:00 ngày 15/02/2021 rơi vào Tết Nguyên đán (nghỉ lễ). Ngày làm việc liền trước: 09/02/2021.",
    );
    expect(holidayLabel(calendar.holidaysOn("2022-01-03")[0]!, en)).toBe("New Year's Day (compensatory day off)");
  });
});
