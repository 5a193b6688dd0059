/**
 * @module /giaouoc (giao ước thi đua của cụm/khối): the cluster leader writes the common commitments (or takes the
 * template) and opens the pledge; each member unit's head gets a "Ký giao ước" button; everyone sees who has
 * signed, and the whole cluster is told when the last member signs. Buttons start with "gu:".
 */
import type { Button } from "../channel-port";
import type { CommandHandler } from "../dispatcher";
import type { Flow, TurnContext } from "../turn";
import type { Cluster, Officer } from "../../domain/organisation/organisation";
import { canSignPledge, clustersLedBy, pledgeProgress, readPledgeCommitments, type Pledge } from "../../domain/registration/pledge";
import type { PledgeService } from "../../domain/registration/pledge-service";
import type { PledgeRepository } from "../../domain/registration/registration-repository";
import type { ActiveCampaign } from "../services";
import { officersOf, type MessageBuilder, type Notifier } from "./registration-notify";
import { commitmentLines, pledgeStatusText } from "./pledge-render";

export const PLEDGE_FLOW = "gu";

export interface PledgeFlowDeps {
  pledges: PledgeService;
  repo: PledgeRepository;
  notifier: Notifier;
}

interface PledgeDraft {
  clusterId: string;
  campaignId: string;
  lines?: string[];
}

const btn = (label: string, data: string): Button => ({ label, data });

export function createPledgeFlow(deps: PledgeFlowDeps): { flow: Flow; command: CommandHandler } {
  const { notifier } = deps;
  const clusterById = (ctx: TurnContext, id: string) => ctx.services.org.listClusters().find((c) => c.id === id);

  /** The pledge's state for whoever asks; the leader can remind the units that have not signed. */
  function showStatus(ctx: TurnContext, pledge: Pledge, cluster: Cluster, campaign: ActiveCampaign): void {
    const text = pledgeStatusText(ctx.t, ctx.services, pledge, cluster, campaign.year);
    const buttons: Button[][] = [];
    const officer = ctx.officer;
    const progress = pledgeProgress(pledge, cluster);
    if (officer && canSignPledge(officer, cluster) && progress.missing.includes(officer.unitId)) buttons.push([btn(ctx.t("registration.pledge.button.sign"), `${PLEDGE_FLOW}:s:${pledge.id}`)]);
    if (officer && clustersLedBy(officer, [cluster]).length && !progress.complete) buttons.push([btn(ctx.t("registration.pledge.button.remind"), `${PLEDGE_FLOW}:r:${pledge.id}`)]);
    ctx.reply(buttons.length ? { text, buttons } : text);
  }

  /** The leader's view of one cluster: compose when no pledge yet, else its status. */
  async function leaderView(ctx: TurnContext, cluster: Cluster, campaign: ActiveCampaign): Promise<void> {
    const pledge = await deps.repo.find(campaign.id, cluster.id);
    if (pledge) return showStatus(ctx, pledge, cluster, campaign);
    compose(ctx, cluster, campaign);
  }

  /** Asks for the commitments (typed, or the template). */
  function compose(ctx: TurnContext, cluster: Cluster, campaign: ActiveCampaign): void {
    ctx.setSession({ flow: PLEDGE_FLOW, step: "lines", data: { clusterId: cluster.id, campaignId: campaign.id } });
    const members = cluster.memberUnitIds.map((id) => ctx.services.org.unitById(id)?.name ?? id).join(", ");
    ctx.reply({
      text: ctx.t("registration.pledge.compose", { cluster: cluster.name, year: campaign.year, members }),
      buttons: [[btn(ctx.t("registration.pledge.button.template"), `${PLEDGE_FLOW}:tpl`)], [btn(ctx.t("registration.button.cancel"), `${PLEDGE_FLOW}:x`)]],
    });
  }

  function preview(ctx: TurnContext, d: PledgeDraft, lines: string[]): void {
    const cluster = clusterById(ctx, d.clusterId);
    ctx.setSession({ flow: PLEDGE_FLOW, step: "preview", data: { ...d, lines } });
    ctx.reply({
      text: ctx.t("registration.pledge.preview", { cluster: cluster?.name ?? "", lines: commitmentLines(lines), n: cluster?.memberUnitIds.length ?? 0 }),
      buttons: [[btn(ctx.t("registration.pledge.button.open"), `${PLEDGE_FLOW}:open`)], [btn(ctx.t("registration.button.edit"), `${PLEDGE_FLOW}:redo`), btn(ctx.t("registration.button.cancel"), `${PLEDGE_FLOW}:x`)]],
    });
  }

  /** The sign request a member unit's head receives. */
  function signRequest(pledge: Pledge, cluster: Cluster, year: number): MessageBuilder {
    return (t) => ({
      text: t("registration.pledge.sign_request", { cluster: cluster.name, year, lines: commitmentLines(pledge.commitments) }),
      buttons: [[btn(t("registration.pledge.button.sign"), `${PLEDGE_FLOW}:s:${pledge.id}`)]],
    });
  }

  async function askHeads(ctx: TurnContext, pledge: Pledge, cluster: Cluster, year: number, unitIds: string[], key: string): Promise<number> {
    let n = 0;
    for (const unitId of unitIds) {
      const heads = await notifier.toUnitOfficers(unitId, ["unit_head"], signRequest(pledge, cluster, year), { key, kind: "pledge_request", now: ctx.now, campaignId: pledge.campaignId }, [ctx.officer?.id ?? ""]);
      if (heads.length) n++;
    }
    return n;
  }

  async function open(ctx: TurnContext, d: PledgeDraft): Promise<void> {
    const cluster = clusterById(ctx, d.clusterId);
    const campaign = ctx.services.campaigns.list().find((c) => c.id === d.campaignId);
    if (!cluster || !campaign || !d.lines?.length || !ctx.officer) return void ctx.reply(ctx.t("registration.expired"));
    const out = await deps.pledges.open({ campaignId: campaign.id, cluster, officer: ctx.officer, commitments: d.lines, now: ctx.now });
    ctx.setSession(null);
    if (!out.ok) {
      ctx.reply(ctx.t(`registration.pledge.error.${out.code}`));
      if (out.pledge) showStatus(ctx, out.pledge, cluster, campaign);
      return;
    }
    const asked = await askHeads(ctx, out.pledge, cluster, campaign.year, cluster.memberUnitIds, `gu:request:${out.pledge.id}`);
    await notifier.toClusterGroups([cluster.id], (t) => ({ text: t("registration.pledge.group_opened", { cluster: cluster.name, year: campaign.year, n: cluster.memberUnitIds.length }) }), { key: `gu:group:${out.pledge.id}`, kind: "pledge_notice", now: ctx.now, campaignId: campaign.id });
    ctx.reply(ctx.t("registration.pledge.opened", { asked, total: cluster.memberUnitIds.length }));
    showStatus(ctx, out.pledge, cluster, campaign);
  }

  /** Everyone of the cluster (its units' officers and bound groups) hears that the pledge is complete. */
  async function announceComplete(ctx: TurnContext, pledge: Pledge, cluster: Cluster, year: number): Promise<void> {
    const o = { key: `gu:complete:${pledge.id}`, kind: "pledge_complete", now: ctx.now, campaignId: pledge.campaignId };
    const build: MessageBuilder = (t) => ({ text: t("registration.pledge.all_signed", { cluster: cluster.name, year, n: cluster.memberUnitIds.length }) });
    for (const unitId of cluster.memberUnitIds) await notifier.toUnitOfficers(unitId, ["unit_head", "officer", "cluster_leader"], build, o, [ctx.officer?.id ?? ""]);
    await notifier.toClusterGroups([cluster.id], build, o);
  }

  async function sign(ctx: TurnContext, pledgeId: string): Promise<void> {
    const pledge = await deps.repo.findById(pledgeId);
    const cluster = pledge ? clusterById(ctx, pledge.clusterId) : undefined;
    const campaign = pledge ? ctx.services.campaigns.list().find((c) => c.id === pledge.campaignId) : undefined;
    if (!pledge || !cluster || !campaign || !ctx.officer) return void ctx.reply(ctx.t("registration.expired"));
    const out = await deps.pledges.sign({ pledgeId, cluster, officer: ctx.officer, now: ctx.now });
    if (!out.ok) {
      ctx.reply(ctx.t(`registration.pledge.error.${out.code}`, { unit: ctx.unit?.name ?? "" }));
      if (out.pledge) showStatus(ctx, out.pledge, cluster, campaign);
      return;
    }
    const signedN = cluster.memberUnitIds.length - out.missing.length;
    ctx.reply(ctx.t("registration.pledge.signed", { unit: ctx.unit?.name ?? "", cluster: cluster.name }));
    showStatus(ctx, out.pledge, cluster, campaign);
    const leaders = cluster.leaderUnitId ? officersOf(ctx.services, cluster.leaderUnitId, ["cluster_leader"]) : [];
    const note: MessageBuilder = (t) => ({ text: t("registration.pledge.leader_note", { unit: ctx.unit?.name ?? "", n: signedN, total: cluster.memberUnitIds.length }) });
    for (const l of leaders.filter((x: Officer) => x.id !== ctx.officer?.id)) {
      await notifier.toOfficer(l.id, note, { key: `gu:signed:${pledge.id}:${ctx.officer.unitId}`, kind: "pledge_signed", now: ctx.now, campaignId: campaign.id });
    }
    if (out.complete) await announceComplete(ctx, out.pledge, cluster, campaign.year);
  }

  async function remind(ctx: TurnContext, pledgeId: string): Promise<void> {
    const pledge = await deps.repo.findById(pledgeId);
    const cluster = pledge ? clusterById(ctx, pledge.clusterId) : undefined;
    const campaign = pledge ? ctx.services.campaigns.list().find((c) => c.id === pledge.campaignId) : undefined;
    if (!pledge || !cluster || !campaign || !ctx.officer || !clustersLedBy(ctx.officer, [cluster]).length) return void ctx.reply(ctx.t("core.forbidden"));
    const missing = pledgeProgress(pledge, cluster).missing;
    const asked = await askHeads(ctx, pledge, cluster, campaign.year, missing, `gu:remind:${pledge.id}:${ctx.msg.updateId}`);
    ctx.reply(ctx.t("registration.pledge.reminded", { asked, missing: missing.length }));
  }

  async function start(ctx: TurnContext, args: string): Promise<void> {
    const campaign = ctx.services.campaigns.current();
    const officer = ctx.officer;
    if (!campaign || !officer) return void ctx.reply(ctx.t("core.no_campaign"));
    if (ctx.msg.address.isGroup) return void ctx.reply(ctx.t("registration.private_only"));
    ctx.setSession(null);
    const all = ctx.services.org.listClusters();
    const led = clustersLedBy(officer, all);
    const named = args.trim() ? ctx.services.org.clusterByCode(args.trim().toUpperCase()) : undefined;
    if (named && led.some((c) => c.id === named.id)) return leaderView(ctx, named, campaign);
    if (led.length === 1 && officer.role !== "board") return leaderView(ctx, led[0] as Cluster, campaign);
    if (led.length > 0) {
      return void ctx.reply({ text: ctx.t("registration.pledge.choose_cluster"), buttons: led.map((c) => [btn(c.name, `${PLEDGE_FLOW}:v:${c.id}`)]) });
    }
    const mine = ctx.services.org.clustersOfUnit(officer.unitId);
    if (mine.length === 0) return void ctx.reply(ctx.t("registration.pledge.no_cluster"));
    for (const cluster of mine) {
      const pledge = await deps.repo.find(campaign.id, cluster.id);
      if (pledge) showStatus(ctx, pledge, cluster, campaign);
      else ctx.reply(ctx.t("registration.pledge.not_opened", { cluster: cluster.name }));
    }
  }

  const flow: Flow = {
    name: PLEDGE_FLOW,
    async onCallback(ctx, data) {
      const [, action = "", arg = ""] = data.split(":");
      if (action === "s") return sign(ctx, arg);
      if (action === "r") return remind(ctx, arg);
      if (action === "x") {
        ctx.setSession(null);
        return void ctx.reply(ctx.t("registration.cancelled"));
      }
      if (action === "v") {
        const cluster = clusterById(ctx, arg);
        const campaign = ctx.services.campaigns.current();
        if (!cluster || !campaign || !ctx.officer || !clustersLedBy(ctx.officer, [cluster]).length) return void ctx.reply(ctx.t("registration.expired"));
        return leaderView(ctx, cluster, campaign);
      }
      const d = ctx.session.flow === PLEDGE_FLOW ? (ctx.session.data as PledgeDraft | undefined) : undefined;
      if (!d?.clusterId) return void ctx.reply(ctx.t("registration.expired"));
      if (action === "tpl") return preview(ctx, d, ctx.t("registration.pledge.template").split("\n").filter(Boolean));
      if (action === "open") return open(ctx, d);
      if (action === "redo") {
        const cluster = clusterById(ctx, d.clusterId);
        const campaign = ctx.services.campaigns.list().find((c) => c.id === d.campaignId);
        if (cluster && campaign) return compose(ctx, cluster, campaign);
      }
      ctx.reply(ctx.t("registration.expired"));
    },
    async onText(ctx, text) {
      const d = ctx.session.data as PledgeDraft | undefined;
      // A new text on the preview replaces the commitments (the natural way to correct them).
      if (!d?.clusterId || (ctx.session.step !== "lines" && ctx.session.step !== "preview")) return false;
      const read = readPledgeCommitments(text);
      if (!read.ok) return void ctx.reply(ctx.t(`registration.pledge.error.${read.problem}`, { line: read.line ?? 0 }));
      preview(ctx, d, read.lines);
    },
  };

  return { flow, command: start };
}
