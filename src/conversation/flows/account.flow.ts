/** @module Linking a chat account with an invite code, help, cancel, language, group binding and platform events. */
import { createTranslator } from "../../i18n/i18n";
import type { InboundMessage } from "../channel-port";
import type { CommandHandler } from "../dispatcher";
import type { TurnContext } from "../turn";

const CODE_RE = /^[A-Za-z0-9]{10}$/;

/** `/start <code>` or a bare code: links this account to the officer the code was made for (single use, expiring). */
export const startCommand: CommandHandler = async (ctx, args) => {
  const code = args.trim();
  if (!code) return void ctx.reply(ctx.officer ? ctx.t("core.welcome_back", { name: ctx.officer.name }) : ctx.t("core.welcome_unlinked"));
  return linkWithCode(ctx, code);
};

/** Wrong codes allowed per account in the window before linking is refused for a while (guessing protection). */
export const LINK_MAX_FAILURES = 5;
export const LINK_WINDOW_MS = 15 * 60_000;

export async function linkWithCode(ctx: TurnContext, code: string): Promise<void> {
  const { accounts } = ctx.services;
  if ((await accounts.linkFailures(ctx.account.id, ctx.now, LINK_WINDOW_MS, false)) >= LINK_MAX_FAILURES) {
    return void ctx.reply(ctx.t("core.link_rate_limited", { minutes: LINK_WINDOW_MS / 60_000 }));
  }
  if (!CODE_RE.test(code)) return void ctx.reply(ctx.t("core.link_invalid"));
  const res = await accounts.redeemInvite(code.toUpperCase(), ctx.account.id, ctx.now);
  if (!res.ok) {
    await accounts.linkFailures(ctx.account.id, ctx.now, LINK_WINDOW_MS, true);
    return void ctx.reply(ctx.t(`core.link_${res.reason}`));
  }
  const officer = ctx.services.org.officerById(res.officerId);
  const unit = officer ? ctx.services.org.unitById(officer.unitId) : undefined;
  await ctx.services.audit.append({ actor: `officer:${res.officerId}`, action: "account.linked", entity: "ChannelAccount", entityId: ctx.account.id, after: { platform: ctx.account.platform } });
  ctx.reply(ctx.t("core.linked", { name: officer?.name ?? "", unit: unit?.name ?? "", role: ctx.t(`roles.${officer?.role ?? "officer"}`) }));
  ctx.reply(ctx.t("core.help"));
}

export const helpCommand: CommandHandler = async (ctx) => {
  ctx.reply(ctx.t(ctx.officer ? "core.help" : "core.help_unlinked"));
};

/** Always works, whatever state the dialogue is in. */
export const cancelCommand: CommandHandler = async (ctx) => {
  const had = Boolean(ctx.session.flow);
  ctx.setSession(null);
  ctx.reply(ctx.t(had ? "core.cancelled" : "core.nothing_to_cancel"));
};

export const languageCommand: CommandHandler = async (ctx, args) => {
  const want = args.trim().toLowerCase();
  if (want !== "vi" && want !== "en") return void ctx.reply(ctx.t("core.language_usage"));
  await ctx.services.accounts.setLocale(ctx.account.id, want);
  ctx.locale = want;
  ctx.t = createTranslator(want);
  ctx.reply(ctx.t("core.language_set"));
};

/**
 * `/ganhom <unit or cluster code | ban>` in a group: binds the group to a unit (its head or officer), a cluster (its
 * leader) or the board (a board officer). Only authorised officers may bind.
 */
export const bindGroupCommand: CommandHandler = async (ctx, args) => {
  if (!ctx.msg.address.isGroup) return void ctx.reply(ctx.t("core.bind_only_in_group"));
  const officer = ctx.officer;
  if (!officer) return void ctx.reply(ctx.t("core.not_linked"));
  const code = args.trim().toUpperCase();
  const { org, accounts } = ctx.services;
  const base = { platform: ctx.msg.address.channel, chatId: ctx.msg.address.chatId, boundBy: officer.id, title: undefined };
  if (code === "" || code === "BAN" || code === "BOARD") {
    if (code === "" && officer.role !== "board") {
      await accounts.bindGroup({ ...base, unitId: officer.unitId, clusterId: null, isBoard: false });
      return void ctx.reply(ctx.t("core.bound_unit", { name: org.unitById(officer.unitId)?.name ?? "" }));
    }
    if (officer.role !== "board") return void ctx.reply(ctx.t("core.bind_forbidden"));
    await accounts.bindGroup({ ...base, unitId: null, clusterId: null, isBoard: true });
    return void ctx.reply(ctx.t("core.bound_board"));
  }
  const cluster = org.clusterByCode(code);
  if (cluster) {
    const allowed = officer.role === "board" || (officer.role === "cluster_leader" && cluster.leaderUnitId === officer.unitId);
    if (!allowed) return void ctx.reply(ctx.t("core.bind_forbidden"));
    await accounts.bindGroup({ ...base, unitId: null, clusterId: cluster.id, isBoard: false });
    return void ctx.reply(ctx.t("core.bound_cluster", { name: cluster.name }));
  }
  const unit = org.unitByCode(code);
  if (!unit) return void ctx.reply(ctx.t("core.bind_unknown", { code }));
  if (officer.role !== "board" && officer.unitId !== unit.id) return void ctx.reply(ctx.t("core.bind_forbidden"));
  await accounts.bindGroup({ ...base, unitId: unit.id, clusterId: null, isBoard: false });
  ctx.reply(ctx.t("core.bound_unit", { name: unit.name }));
};

/** Platform events: groups joined/left/migrated, Zalo follow/unfollow. */
export async function handlePlatformEvent(msg: InboundMessage, ctx: TurnContext): Promise<void> {
  const { accounts } = ctx.services;
  const ev = msg.event;
  if (!ev) return;
  if (ev.type === "bot_added") return void ctx.reply(ctx.t("core.group_welcome"));
  if (ev.type === "bot_removed") return accounts.deactivateGroup(msg.address.channel, msg.address.chatId, ctx.now);
  if (ev.type === "group_migrated") return accounts.migrateGroup(msg.address.channel, msg.address.chatId, ev.newChatId);
  if (ev.type === "follow" || ev.type === "unfollow") return accounts.setFollower(msg.address.channel, msg.userId, ev.type === "follow");
}
