/**
 * @module The board capability composed over one store: the board service (domain/board) on the Prisma source,
 * plus charts and exports built from its views. One instance per database client, shared by the admin API, the
 * dashboard, the chat commands and the CLI, so they share its caches too.
 */
import type { ActiveCampaign, AuditPort, CampaignCatalog } from "../../conversation/services";
import type { BoardCampaign } from "../../domain/board/board-data";
import { createBoardService, type ProgressView } from "../../domain/board/board-service";
import type { OrgDirectory } from "../../domain/organisation/organisation";
import { createTranslator, type Locale } from "../../i18n/i18n";
import type { ExportFormat } from "../../reports/export-report";
import type { Db } from "../../storage/prisma-client";
import { createPrismaPlanTitleSource } from "../../storage/prisma-registration-repository";
import { chartPng, progressExport, provinceChartData, rankingExport, registrationRows, registrationsExport, unitChartData, type ExportFile } from "./board-reports";
import { createMemo } from "./memo";
import { renderRankingChart } from "../../reports/ranking-chart";
import { periodLabel } from "../../reports/board-labels";
import { createPrismaBoardSource } from "./prisma-board-source";

/** What the board capability is built from (a Runtime provides all of it). */
export interface BoardAppDeps {
  db: Db;
  org: OrgDirectory;
  campaigns: CampaignCatalog;
  audit: AuditPort;
  timeZone: string;
}

/** A rendered chart and the view it shows. */
export interface ChartResult {
  png: Uint8Array;
  view: ProgressView;
}

function createBoardApp(deps: BoardAppDeps) {
  const service = createBoardService({ source: createPrismaBoardSource(deps.db), org: deps.org, timeZone: deps.timeZone, audit: deps.audit });
  const pngs = createMemo<Uint8Array>(24);
  const titles = createPrismaPlanTitleSource(deps.db);
  const tr = (locale: Locale = "vi") => createTranslator(locale);

  /** Province chart, or one unit's chart when `unitId` is given; rendered once per data version. */
  async function progressChart(campaign: BoardCampaign, o: { period?: string; at: Date; unitId?: string; locale?: Locale }): Promise<ChartResult> {
    const view = await service.progress(campaign, o);
    const locale = o.locale ?? "vi";
    const unit = o.unitId ? deps.org.unitById(o.unitId) : undefined;
    const day = `${view.today.year}-${view.today.month}-${view.today.day}`;
    const key = `${campaign.id}|${view.version}|${view.period}|${day}|${unit?.id ?? "*"}|${locale}`;
    const png = await pngs(key, async () => {
      const t = tr(locale);
      return chartPng(unit ? unitChartData(view, unit, t, locale) : provinceChartData(view, t, locale), t, locale);
    });
    return { png, view };
  }

  /** One cluster's ranking chart (the cluster must be named), rendered once per data version. */
  async function rankingChart(campaign: BoardCampaign, o: { period?: string; at: Date; group: string; locale?: Locale }): Promise<Uint8Array> {
    const view = await service.ranking(campaign, o);
    const ranking = view.rankings[0];
    const locale = o.locale ?? "vi";
    if (!ranking) throw new Error("ranking view without its cluster");
    const key = `rank|${campaign.id}|${view.version}|${view.period}|${Math.floor(o.at.getTime() / 60_000)}|${o.group}|${locale}`;
    return pngs(key, async () => {
      const t = tr(locale);
      return renderRankingChart(ranking, { t, locale, subtitle: `${campaign.province} · ${periodLabel(view.period, t)}` });
    });
  }

  async function exportProgress(campaign: BoardCampaign, o: { period?: string; at: Date; by: "indicator" | "unit"; format: ExportFormat }): Promise<ExportFile> {
    const view = await service.progress(campaign, o);
    return progressExport(view, { by: o.by, format: o.format, clusters: deps.org.listClusters(), t: tr(), timeZone: deps.timeZone });
  }

  async function exportRanking(campaign: BoardCampaign, o: { period?: string; at: Date; group?: string; format: ExportFormat }): Promise<ExportFile> {
    return rankingExport(await service.ranking(campaign, o), { format: o.format, t: tr(), timeZone: deps.timeZone });
  }

  async function exportRegistrations(campaign: BoardCampaign, o: { at: Date; format: ExportFormat }): Promise<ExportFile> {
    const view = await service.standings(campaign, o);
    const names = new Map((await titles.planTitles(campaign.id)).map((x) => [x.id, x.name]));
    const rows = registrationRows(view, {
      units: deps.org.listUnits(),
      clusters: deps.org.listClusters(),
      titleName: (id) => names.get(id) ?? id,
      officerName: (id) => deps.org.officerById(id)?.name ?? id,
    });
    return registrationsExport(view, rows, { format: o.format, t: tr(), timeZone: deps.timeZone });
  }

  return {
    service,
    org: deps.org,
    timeZone: deps.timeZone,
    /** A campaign by code, or the current one. */
    campaign: (code?: string): ActiveCampaign | undefined => (code ? deps.campaigns.byCode(code) : deps.campaigns.current()),
    campaigns: () => deps.campaigns.list(),
    progressChart,
    rankingChart,
    exportProgress,
    exportRanking,
    exportRegistrations,
  };
}

/** The board capability's interface. */
export type BoardApp = ReturnType<typeof createBoardApp>;

const instances = new WeakMap<Db, BoardApp>();

/** The board capability of a store (one per database client). */
export function boardAppFor(deps: BoardAppDeps): BoardApp {
  let app = instances.get(deps.db);
  if (!app) instances.set(deps.db, (app = createBoardApp(deps)));
  return app;
}
