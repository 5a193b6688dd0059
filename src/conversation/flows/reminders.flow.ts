/**
 * @module Reminders in chat: `/nhacnho` lists the officer's upcoming (and still open) deadlines and what is missing,
 * through every role they hold; the "Đã nhận" button under a group digest (`ack:<noticeKey>`) records the pressing
 * officer's unit as having acknowledged it, once, and answers with the units that have not acknowledged yet.
 */
import type { WorkingCalendar } from "../../domain/calendar/working-calendar";
import { parseAckCallback } from "../../domain/reminders/notice-key";
import { formatUnitList } from "../../domain/reminders/render-reminder";
import { renderUpcoming } from "../../domain/reminders/render-upcoming";
import { upcomingForOfficer } from "../../domain/reminders/upcoming-deadlines";
import type { CommandHandler } from "../dispatcher";
import type { Flow, TurnContext } from "../turn";
import type { NoticeRecord, ReminderStore } from "./reminder-store";

/** What the reminder chat handlers need. */
export interface RemindersFlowDeps {
  store: Pick<ReminderStore, "loadAudience" | "findNotice" | "acknowledge">;
  calendar: WorkingCalendar;
  /** Days ahead /nhacnho looks (default 45). */
  horizonDays?: number;
}

/** Callback prefix of the acknowledgement button; the dispatcher routes `ack:…` to the flow of this name. */
export const ACK_FLOW = "ack";

const MAX_LISTED = 15;

/** `/nhacnho`: the officer's deadlines from 30 days overdue to `horizonDays` ahead, soonest first. */
export function createUpcomingCommand(deps: RemindersFlowDeps): CommandHandler {
  return async (ctx) => {
    const officer = ctx.officer;
    if (!officer) return void ctx.reply(ctx.t("core.not_linked"));
    const campaign = ctx.services.campaigns.current();
    if (!campaign) return void ctx.reply(ctx.t("reminders.upcoming.no_campaign"));
    const { recipients } = await deps.store.loadAudience(campaign);
    const horizonDays = deps.horizonDays ?? 45;
    const items = upcomingForOfficer({
      at: ctx.now, officerId: officer.id, timeZone: ctx.services.timeZone, calendar: deps.calendar,
      deadlines: campaign.deadlines, recipients, horizonDays,
    });
    ctx.reply(renderUpcoming(items, ctx.t, { horizonDays }));
  };
}

function pendingLine(ctx: TurnContext, notice: NoticeRecord, acknowledged: readonly string[]): string {
  const done = new Set(acknowledged);
  const pending = notice.unitIds.filter((id) => !done.has(id));
  const total = notice.unitIds.length;
  if (pending.length === 0) return ctx.t("reminders.ack.all_done", { total });
  const refs = pending.map((id) => ({ id, name: ctx.services.org.unitById(id)?.name ?? id }));
  return ctx.t("reminders.ack.pending", { count: pending.length, total, units: formatUnitList(refs, ctx.t, MAX_LISTED) });
}

/** The flow answering `ack:<noticeKey>` buttons. */
export function createAckFlow(deps: RemindersFlowDeps): Flow {
  return {
    name: ACK_FLOW,
    async onCallback(ctx, data) {
      const key = parseAckCallback(data);
      const officer = ctx.officer;
      if (!officer) return void ctx.reply(ctx.t("core.not_linked"));
      const notice = key ? await deps.store.findNotice(key) : null;
      if (!key || !notice) return void ctx.reply(ctx.t("reminders.ack.unknown"));
      const res = await deps.store.acknowledge(key, officer.unitId, officer.id, ctx.now);
      const unit = ctx.services.org.unitById(officer.unitId)?.name ?? "";
      const first = ctx.t(res.created ? "reminders.ack.thanks" : "reminders.ack.already", { unit });
      ctx.reply(`${first}\n${pendingLine(ctx, notice, res.acknowledgedUnitIds)}`);
    },
  };
}
