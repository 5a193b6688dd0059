/**
 * @module /tiendo and /bieudo: an officer sees their unit's progress against its targets (a board officer the
 * province's, or any unit's with `/tiendo <mã đơn vị>`), as text sized for a phone or as a chart. Progress questions
 * typed freely ("tiến độ đơn vị mình", "thu ngân sách tới giờ đạt bao nhiêu % kế hoạch rồi?", "cụm mình xếp thứ
 * mấy?") reach the same answers through the parser's `progress_query` intent.
 */
import type { BoardCampaign } from "../../domain/board/board-data";
import { BoardError } from "../../domain/board/board-error";
import type { BoardService, ProgressView } from "../../domain/board/board-service";
import { unitRowsOf } from "../../domain/board/progress-view";
import type { Unit } from "../../domain/organisation/organisation";
import { parseMessage } from "../../domain/progress/parse/parse-message";
import { formatPeriod } from "../../domain/progress/period";
import { formatNumber, type Locale } from "../../i18n/i18n";
import { foldText } from "../../shared/text";
import type { CommandHandler } from "../dispatcher";
import type { TurnContext } from "../turn";
import { figureText, progressText, statusCounts } from "./progress-render";
import { readPeriodWords } from "./progress-args";

/** What the progress commands need (wired by the board feature). */
export interface ProgressFlowDeps {
  board: Pick<BoardService, "progress" | "ranking">;
  /** The progress chart of the province (no unitId) or of one unit, as PNG. */
  chart(campaign: BoardCampaign, o: { period?: string; at: Date; unitId?: string; locale: Locale }): Promise<{ png: Uint8Array; view: ProgressView }>;
}

/** Whose progress a message asks for: the province (null) or a unit, and which period. */
interface Scope {
  unit: Unit | null;
  period?: string;
}

/** Board officers, and anyone of the board's own unit (its head), look at the province as a whole. */
function seesProvince(ctx: TurnContext): boolean {
  return ctx.officer?.role === "board" || ctx.unit?.kind === "board";
}

/** Reads `/tiendo [mã đơn vị] [kỳ]` and checks the officer may see that unit; replies and returns null if not. */
function resolveScope(ctx: TurnContext, args: string, year: number): Scope | null {
  const { org } = ctx.services;
  const officer = ctx.officer;
  if (!officer) return null;
  const words = args.split(/\s+/).filter(Boolean);
  const unitWord = words.find((w) => org.unitByCode(w.toUpperCase()));
  const rest = words.filter((w) => w !== unitWord).join(" ");
  const period = rest ? readPeriodWords(rest, year) : undefined;
  if (rest && !period) {
    if (/[-_]|^[A-Z0-9]+$/.test(rest)) ctx.reply(ctx.t("board.chat.unknownUnit", { code: rest }));
    else ctx.reply(ctx.t("board.chat.badPeriod", { period: rest, year }));
    return null;
  }
  const asked = unitWord ? org.unitByCode(unitWord.toUpperCase()) : undefined;
  if (!asked) {
    if (seesProvince(ctx)) return { unit: null, period };
    if (ctx.unit) return { unit: ctx.unit, period };
    ctx.reply(ctx.t("board.chat.noUnit"));
    return null;
  }
  const isBoard = seesProvince(ctx);
  if (asked.kind === "board" && isBoard) return { unit: null, period };
  const leads = officer.role === "cluster_leader" && org.clustersOfUnit(asked.id).some((c) => c.leaderUnitId === officer.unitId);
  if (asked.kind !== "board" && (isBoard || asked.id === officer.unitId || leads)) return { unit: asked, period };
  ctx.reply(ctx.t("board.chat.forbiddenUnit"));
  return null;
}

/** Runs a board call; a bad period becomes a reply instead of an error. */
async function viewOr<T>(ctx: TurnContext, year: number, period: string | undefined, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof BoardError && (err.code === "unknown_period" || err.code === "wrong_year")) {
      ctx.reply(ctx.t("board.chat.badPeriod", { period: period ?? "", year }));
      return null;
    }
    throw err;
  }
}

function progressReply(ctx: TurnContext, view: ProgressView, scope: Scope): string {
  const { campaign } = view;
  const defs = new Map(campaign.indicators.map((d) => [d.code, d]));
  const common = { period: view.period, elapsedShare: view.snapshot.elapsedShare, defs, t: ctx.t, locale: ctx.locale };
  if (!scope.unit) {
    return progressText({ ...common, title: ctx.t("board.chat.provinceTitle", { province: campaign.province }), rows: view.snapshot.province, footer: ctx.t("board.chat.boardFooter") });
  }
  const rows = unitRowsOf(view.snapshot, campaign, scope.unit.id);
  return progressText({ ...common, title: ctx.t("board.chat.unitTitle", { unit: scope.unit.name }), rows, footer: ctx.t("board.chat.unitFooter") });
}

/** The progress text of a scope (shared by /tiendo and free questions). */
async function showProgress(ctx: TurnContext, deps: ProgressFlowDeps, campaign: BoardCampaign, scope: Scope): Promise<void> {
  const view = await viewOr(ctx, campaign.year, scope.period, () => deps.board.progress(campaign, { period: scope.period, at: ctx.now }));
  if (view) ctx.reply(progressReply(ctx, view, scope));
}

async function showChart(ctx: TurnContext, deps: ProgressFlowDeps, campaign: BoardCampaign, scope: Scope): Promise<void> {
  const res = await viewOr(ctx, campaign.year, scope.period, () => deps.chart(campaign, { period: scope.period, at: ctx.now, unitId: scope.unit?.id, locale: ctx.locale }));
  if (!res) return;
  const { view } = res;
  const rows = scope.unit ? unitRowsOf(view.snapshot, campaign, scope.unit.id) : view.snapshot.province;
  const scopeName = scope.unit?.name ?? ctx.t("board.chat.province");
  const period = formatPeriod(view.period, ctx.locale);
  if (!rows.some((r) => r.value !== null)) return void ctx.reply(ctx.t("board.chat.chartEmpty", { scope: scopeName, period }));
  ctx.reply({ text: ctx.t("board.chat.chartCaption", { scope: scopeName, period, ...statusCounts(rows.map((r) => r.status)) }), imagePng: res.png });
}

/** One indicator for the officer's scope; a unit officer also sees the province figure for context. */
async function answerIndicator(ctx: TurnContext, deps: ProgressFlowDeps, campaign: BoardCampaign, scope: Scope, code: string): Promise<void> {
  const view = await viewOr(ctx, campaign.year, scope.period, () => deps.board.progress(campaign, { period: scope.period, at: ctx.now }));
  const def = campaign.indicators.find((d) => d.code === code);
  if (!view || !def) return;
  const lines = [ctx.t("board.chat.indicatorTitle", { indicator: def.name, period: formatPeriod(view.period, ctx.locale) })];
  if (scope.unit) {
    const row = view.snapshot.units.find((r) => r.unitId === scope.unit?.id && r.indicatorCode === code);
    lines.push(`• ${ctx.t("board.chat.indicatorLine", { who: scope.unit.name, value: row ? figureText(row, def, ctx.t, ctx.locale) : ctx.t("board.chat.notReportedShort") })}`);
  }
  const province = view.snapshot.province.find((r) => r.indicatorCode === code);
  if (province) {
    const status = province.value === null ? "" : ` · ${ctx.t(`board.status.${province.status}`)}`;
    lines.push(`• ${ctx.t("board.chat.indicatorLine", { who: ctx.t("board.chat.province"), value: figureText(province, def, ctx.t, ctx.locale) })}${status}`);
  }
  ctx.reply(lines.join("\n"));
}

/** Where the unit stands in its clusters (a board officer: each cluster's top three). */
async function answerRank(ctx: TurnContext, deps: ProgressFlowDeps, campaign: BoardCampaign, scope: Scope): Promise<void> {
  const view = await viewOr(ctx, campaign.year, scope.period, () => deps.board.ranking(campaign, { period: scope.period, at: ctx.now }));
  if (!view) return;
  const lines = [ctx.t("board.chat.rankTitle", { period: formatPeriod(view.period, ctx.locale) })];
  const points = (n: number) => formatNumber(n, ctx.locale, 2);
  for (const r of view.rankings) {
    if (!scope.unit) {
      lines.push(ctx.t("board.chat.rankTop", { cluster: r.name, names: r.units.slice(0, 3).map((u) => `${u.rank}. ${u.unitName} (${points(u.totalScore)})`).join(" · ") }));
      continue;
    }
    const u = r.units.find((x) => x.unitId === scope.unit?.id);
    if (u) lines.push(ctx.t("board.chat.rankLine", { unit: u.unitName, rank: u.rank, size: r.units.length, cluster: r.name, points: points(u.totalScore) }));
  }
  ctx.reply(lines.length > 1 ? lines.join("\n") : ctx.t("board.chat.rankNone"));
}

const RANK_RE = /\b(?:xep hang|xep thu|dung thu|hang may|thu hang)\b/;

/** The /tiendo and /bieudo commands and the free-text handler for progress questions. */
export function createProgressCommands(deps: ProgressFlowDeps) {
  const withScope = (show: typeof showProgress): CommandHandler => async (ctx, args) => {
    const campaign = ctx.services.campaigns.current();
    if (!campaign) return void ctx.reply(ctx.t("core.no_campaign"));
    // Figures stay out of group chats unless the plan allows them there (CampaignDef.figuresInGroups).
    if (ctx.msg.address.isGroup && !campaign.figuresInGroups) return void ctx.reply(ctx.t("board.chat.privateOnly"));
    const scope = resolveScope(ctx, args, campaign.year);
    if (scope) await show(ctx, deps, campaign, scope);
  };

  /** Free text: answers `progress_query` readings, leaves everything else to other handlers. */
  async function onFreeText(ctx: TurnContext, text: string): Promise<boolean> {
    const campaign = ctx.services.campaigns.current();
    if (!ctx.officer || !campaign) return false;
    const reading = parseMessage(text, { indicators: campaign.indicators, campaignYear: campaign.year, now: ctx.now, timeZone: ctx.services.timeZone });
    if (reading.intent !== "progress_query") return false;
    const period = reading.period && reading.period.startsWith(`${campaign.year}-`) ? reading.period : undefined;
    const province = seesProvince(ctx);
    if (!province && !ctx.unit) return false;
    const scope: Scope = { unit: province ? null : ctx.unit, period };
    if (RANK_RE.test(foldText(text))) await answerRank(ctx, deps, campaign, scope);
    else if (reading.indicator) await answerIndicator(ctx, deps, campaign, scope, reading.indicator.code);
    else await showProgress(ctx, deps, campaign, scope);
    return true;
  }

  return { tiendo: withScope(showProgress), bieudo: withScope(showChart), onFreeText };
}
