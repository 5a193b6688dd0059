/**
 * @module The board's admin API routes (runtime contract): progress, ranking (with manual adjustments), unit
 * checklists, exports and charts. Thin routes: a zod schema for the query or body, one call to the board, JSON.
 */
import type { Request, Router } from "express";
import { z } from "zod";
import { BoardError, type BoardErrorCode } from "../../domain/board/board-error";
import { createTranslator } from "../../i18n/i18n";
import { HttpError } from "../../http/http-error";
import type { ActiveCampaign } from "../../conversation/services";
import { parseIsoInstant } from "../features/parse-iso-instant";
import type { BoardApp } from "./board-app";
import { progressByUnitJson, progressJson, rankingJson, standingsJson } from "./board-json";
import type { ExportFile } from "./board-reports";

const t = createTranslator("vi");
const period = z.string().trim().max(20).optional();
const at = z.string().trim().max(40).optional();
const format = z.enum(["xlsx", "csv"]).default("xlsx");
const code = z.string().trim().min(1).max(40).optional();

const progressQuery = z.object({ period, at, by: z.enum(["indicator", "unit"]).default("indicator"), unit: code }).strict();
const rankingQuery = z.object({ period, at, group: code }).strict();
const standingsQuery = z.object({ period, at }).strict();
const progressExportQuery = z.object({ period, at, by: z.enum(["indicator", "unit"]).default("indicator"), format }).strict();
const rankingExportQuery = z.object({ period, at, group: code, format }).strict();
const registrationsExportQuery = z.object({ at, format }).strict();
const chartQuery = z.object({ period, at, unit: code }).strict();
const rankingChartQuery = z.object({ period, at, group: z.string().trim().min(1, "group (cluster code) is required").max(40) }).strict();
/** Body of POST /ranking/adjustments: the reason is required (the scoring sheet shows it). */
export const adjustmentBodySchema = z
  .object({
    unit: z.string().trim().min(1, "unit is required").max(40),
    points: z.number({ invalid_type_error: "points must be a number" }).finite(),
    reason: z.string({ required_error: "reason is required" }).trim().min(1, "reason is required").max(500),
  })
  .strict();

const STATUS: Record<BoardErrorCode, "bad_request" | "not_found"> = {
  unknown_period: "bad_request",
  wrong_year: "bad_request",
  reason_required: "bad_request",
  invalid_points: "bad_request",
  unknown_unit: "not_found",
  unknown_cluster: "not_found",
};

/** Parses with a schema; a failure becomes a 400 listing every issue. */
export function parseOr400<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new HttpError("bad_request", r.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "));
}

/** Runs a board call, mapping its errors to HTTP errors. */
export async function boardCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof BoardError) throw new HttpError(STATUS[err.code], err.message);
    throw err;
  }
}

/** `?at=` (ISO-8601) judges a view as of that instant; default now. */
export function instantOr400(raw: string | undefined, now: () => Date, timeZone: string): Date {
  if (!raw) return now();
  const d = parseIsoInstant(raw, timeZone);
  if (!d) throw new HttpError("bad_request", `at: "${raw}" is not an ISO-8601 date-time`);
  return d;
}

function sendFile(res: import("express").Response, f: ExportFile): void {
  res.setHeader("Content-Type", f.mime);
  res.setHeader("Content-Disposition", `attachment; filename="${f.filename}"`);
  res.setHeader("Cache-Control", "no-store");
  res.end(Buffer.from(f.bytes));
}

/** Adds the board's routes to the admin router (auth is applied by createApp). */
export function addBoardRoutes(router: Router, board: BoardApp, p: { now: () => Date }): void {
  const byUnitBodies = new WeakMap<object, string>();
  const ctx = (req: Request): { campaign: ActiveCampaign } => {
    const campaign = board.campaign(String(req.params.code));
    if (!campaign) throw new HttpError("not_found", `no campaign ${String(req.params.code)}`);
    return { campaign };
  };
  const when = (raw: string | undefined) => instantOr400(raw, p.now, board.timeZone);
  const unitIdOr404 = (unitCode: string | undefined) => {
    if (!unitCode) return undefined;
    const u = board.org.unitByCode(unitCode);
    if (!u) throw new HttpError("not_found", `no unit ${unitCode}`);
    return u.id;
  };

  router.get("/campaigns/:code/progress", async (req, res) => {
    const { campaign } = ctx(req);
    const q = parseOr400(progressQuery, req.query);
    const only = unitIdOr404(q.unit);
    const view = await boardCall(() => board.service.progress(campaign, { period: q.period, at: when(q.at) }));
    if (only || q.by !== "unit") return void res.json(only ? progressByUnitJson(view, board.org, t, only) : progressJson(view, t));
    // Every unit × indicator is ~6,000 rows at provincial scale: serialised once per computed snapshot.
    let units = byUnitBodies.get(view.snapshot);
    if (!units) byUnitBodies.set(view.snapshot, (units = JSON.stringify(progressByUnitJson(view, board.org, t).units)));
    const { units: _units, ...head } = progressByUnitJson({ ...view, units: [] }, board.org, t);
    res.type("json").send(`${JSON.stringify(head).slice(0, -1)},"units":${units}}`);
  });
  router.get("/campaigns/:code/ranking", async (req, res) => {
    const { campaign } = ctx(req);
    const q = parseOr400(rankingQuery, req.query);
    res.json(rankingJson(await boardCall(() => board.service.ranking(campaign, { period: q.period, group: q.group, at: when(q.at) })), board.org, t));
  });
  router.post("/campaigns/:code/ranking/adjustments", async (req, res) => {
    const { campaign } = ctx(req);
    const body = parseOr400(adjustmentBodySchema, req.body ?? {});
    const a = await boardCall(() => board.service.addAdjustment(campaign, { unitCode: body.unit, points: body.points, reason: body.reason, by: "admin" }, p.now()));
    res.status(201).json({ id: a.id, unit: body.unit, points: a.points, reason: a.reason, by: a.by, createdAt: a.createdAt.toISOString() });
  });
  router.get("/campaigns/:code/standings", async (req, res) => {
    const { campaign } = ctx(req);
    const q = parseOr400(standingsQuery, req.query);
    res.json(standingsJson(await boardCall(() => board.service.standings(campaign, { period: q.period, at: when(q.at) })), board.org, t));
  });
  router.get("/campaigns/:code/exports/progress", async (req, res) => {
    const { campaign } = ctx(req);
    const q = parseOr400(progressExportQuery, req.query);
    sendFile(res, await boardCall(() => board.exportProgress(campaign, { period: q.period, at: when(q.at), by: q.by, format: q.format })));
  });
  router.get("/campaigns/:code/exports/ranking", async (req, res) => {
    const { campaign } = ctx(req);
    const q = parseOr400(rankingExportQuery, req.query);
    sendFile(res, await boardCall(() => board.exportRanking(campaign, { period: q.period, group: q.group, at: when(q.at), format: q.format })));
  });
  router.get("/campaigns/:code/exports/registrations", async (req, res) => {
    const { campaign } = ctx(req);
    const q = parseOr400(registrationsExportQuery, req.query);
    sendFile(res, await boardCall(() => board.exportRegistrations(campaign, { at: when(q.at), format: q.format })));
  });
  router.get("/campaigns/:code/charts/progress.png", async (req, res) => {
    const { campaign } = ctx(req);
    const q = parseOr400(chartQuery, req.query);
    const { png } = await boardCall(() => board.progressChart(campaign, { period: q.period, at: when(q.at), unitId: unitIdOr404(q.unit) }));
    sendPng(res, png);
  });
  router.get("/campaigns/:code/charts/ranking.png", async (req, res) => {
    const { campaign } = ctx(req);
    const q = parseOr400(rankingChartQuery, req.query);
    sendPng(res, await boardCall(() => board.rankingChart(campaign, { period: q.period, at: when(q.at), group: q.group })));
  });
}

/** Charts change with the data behind the same URL: the browser revalidates (express answers 304 by ETag). */
function sendPng(res: import("express").Response, png: Uint8Array): void {
  res.setHeader("Cache-Control", "private, no-cache");
  res.type("png").send(Buffer.from(png));
}
