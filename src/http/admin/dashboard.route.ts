/**
 * @module The board's web dashboard at /admin: server-rendered Vietnamese pages (no scripts, one same-origin
 * stylesheet), signed in with ADMIN_TOKEN (bearer or login cookie). Exports and charts are links into the admin
 * API, which accepts the same cookie.
 */
import express, { Router, type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import type { BoardCampaign } from "../../domain/board/board-data";
import { BoardError } from "../../domain/board/board-error";
import { createTranslator } from "../../i18n/i18n";
import { HttpError } from "../http-error";
import type { DashboardDeps } from "./dashboard-deps";
import { createLoginLimiter, loginHandler, loginPage, requireSession, safeNext, SESSION_COOKIE } from "./dashboard-auth";
import { DASHBOARD_CSS } from "./dashboard-styles";
import { html, qs } from "./html";
import { when } from "./format";
import { page, plainPage, type Tab } from "./layout";
import { auditPage, FAILED_STATUSES, outboxPage } from "./pages/ops.page";
import { overviewPage } from "./pages/overview.page";
import { rankingPage } from "./pages/ranking.page";
import { unitPage } from "./pages/unit.page";
import { missingPage, unitsPage } from "./pages/units.page";

const t = createTranslator("vi");
const viewQuery = z.object({ period: z.string().trim().max(20).optional().or(z.literal("")), group: z.string().trim().max(40).optional(), saved: z.string().max(40).optional() }).passthrough();
const adjustmentForm = z.object({ unit: z.string().trim().max(40).default(""), points: z.coerce.number().default(Number.NaN), reason: z.string().max(500).default("") });
const auditQuery = z.object({ before: z.coerce.number().int().positive().optional() }).passthrough();

const CSP = "default-src 'none'; img-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader("Content-Security-Policy", CSP);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Cache-Control", "no-store");
  next();
}

function query(req: Request) {
  const q = viewQuery.safeParse(req.query);
  if (!q.success) throw new BoardError("unknown_period", "bad query");
  return { period: q.data.period || undefined, group: q.data.group || undefined, saved: q.data.saved };
}

/** Creates the /admin router. */
export function createDashboardRouter(deps: DashboardDeps): Router {
  const r = Router();
  r.use(securityHeaders);
  r.get("/assets/dashboard.css", (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=3600");
    res.type("css").send(DASHBOARD_CSS);
  });
  const token = deps.adminToken;
  if (!token) {
    r.use((_req, res) => void res.status(503).type("html").send(plainPage(t, t("dashboard.title"), html`<p class="flash err">${t("dashboard.disabled")}</p>`)));
    return r;
  }
  const limiter = createLoginLimiter();
  r.get("/login", (req, res) => void res.type("html").send(loginPage(t, { next: safeNext(req.query.next) })));
  r.post("/login", express.urlencoded({ extended: false, limit: "4kb" }), loginHandler(token, t, limiter));
  r.post("/logout", (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "strict" });
    res.redirect(303, "/admin/login");
  });
  r.use(requireSession(token));

  const campaignOf = (req: Request): BoardCampaign => {
    const c = deps.campaigns.byCode(String(req.params.code));
    if (!c) throw new HttpError("not_found", "no campaign");
    return c;
  };
  const footer = () => t("dashboard.footer", { at: when(deps.now(), deps.timeZone), zone: deps.timeZone });
  const send = (res: Response, frame: { title: string; campaign?: BoardCampaign; period?: string; active: Tab; flash?: { kind: "ok" | "err"; text: string } }, body: ReturnType<typeof html>) =>
    void res.type("html").send(page({ t, title: frame.title, campaign: frame.campaign?.code, period: frame.period, active: frame.active, flash: frame.flash, footer: footer() }, body));
  const views = (c: BoardCampaign, period: string | undefined) => {
    const at = deps.now();
    return Promise.all([deps.board.progress(c, { period, at }), deps.board.standings(c, { period, at })]);
  };

  r.get("/", (_req, res) => {
    const c = deps.campaigns.current();
    if (!c) return void res.type("html").send(page({ t, title: t("dashboard.title"), active: "outbox" }, html`<p class="flash err">${t("dashboard.noCampaign")}</p>`));
    res.redirect(303, `/admin/c/${encodeURIComponent(c.code)}`);
  });
  r.get("/c/:code", async (req, res) => {
    const c = campaignOf(req);
    const [progress, standings] = await views(c, query(req).period);
    send(res, { title: c.title, campaign: c, period: progress.period, active: "overview" }, overviewPage({ progress, standings, campaigns: deps.campaigns.list(), t, timeZone: deps.timeZone }));
  });
  r.get("/c/:code/units", async (req, res) => {
    const c = campaignOf(req);
    const q = query(req);
    if (q.group && !deps.org.listClusters().some((x) => x.code === q.group)) throw new BoardError("unknown_cluster", q.group);
    const [progress, standings] = await views(c, q.period);
    send(res, { title: t("dashboard.units.title"), campaign: c, period: progress.period, active: "units" }, unitsPage({ progress, standings, org: deps.org, t, timeZone: deps.timeZone, group: q.group }));
  });
  r.get("/c/:code/units/:unit", async (req, res) => {
    const c = campaignOf(req);
    const unit = deps.org.unitByCode(String(req.params.unit));
    if (!unit) throw new HttpError("not_found", "no unit");
    const period = query(req).period;
    const [[progress, standings], ranking, history] = await Promise.all([
      views(c, period), deps.board.ranking(c, { period, at: deps.now() }), deps.unitHistory(c.id, unit.id),
    ]);
    send(res, { title: unit.name, campaign: c, period: progress.period, active: "units" }, unitPage({ unit, progress, standings, ranking, history, org: deps.org, t, timeZone: deps.timeZone }));
  });
  r.get("/c/:code/missing", async (req, res) => {
    const c = campaignOf(req);
    const [progress, standings] = await views(c, query(req).period);
    send(res, { title: t("dashboard.missing.title"), campaign: c, period: progress.period, active: "missing" }, missingPage({ progress, standings, org: deps.org, t, timeZone: deps.timeZone }));
  });

  async function renderRanking(req: Request, res: Response, flash?: { kind: "ok" | "err"; text: string }, status = 200): Promise<void> {
    const c = campaignOf(req);
    const q = query(req);
    const at = deps.now();
    const [ranking, [progress, standings]] = await Promise.all([deps.board.ranking(c, { period: q.period, group: q.group, at }), views(c, q.period)]);
    const saved = q.saved ? standings.data.adjustments.find((a) => a.id === q.saved) : undefined;
    const okFlash = saved ? { kind: "ok" as const, text: t("dashboard.ranking.saved", { points: `${saved.points > 0 ? "+" : ""}${saved.points}`, unit: deps.org.unitById(saved.unitId)?.name ?? "" }) } : undefined;
    res.status(status);
    send(res, { title: t("dashboard.ranking.title"), campaign: c, period: ranking.period, active: "ranking", flash: flash ?? okFlash },
      rankingPage({ ranking, standings, org: deps.org, t, timeZone: deps.timeZone, group: q.group, elapsedShare: progress.snapshot.elapsedShare }));
  }
  r.get("/c/:code/ranking", (req, res) => renderRanking(req, res));
  r.post("/c/:code/ranking/adjustments", express.urlencoded({ extended: false, limit: "8kb" }), async (req, res) => {
    const c = campaignOf(req);
    const form = adjustmentForm.parse(req.body ?? {});
    try {
      const a = await deps.board.addAdjustment(c, { unitCode: form.unit, points: form.points, reason: form.reason, by: "admin" }, deps.now());
      const q = query(req);
      res.redirect(303, `/admin/c/${encodeURIComponent(c.code)}/ranking${qs({ period: q.period, group: q.group, saved: a.id })}`);
    } catch (err) {
      if (!(err instanceof BoardError)) throw err;
      await renderRanking(req, res, { kind: "err", text: t(`dashboard.errors.${err.code}`) }, 400);
    }
  });
  r.get("/outbox", async (_req, res) => {
    const lists = await Promise.all(FAILED_STATUSES.map((status) => deps.outbox.list({ status, limit: 100 })));
    const rows = lists.flat().sort((a, b) => b.nextAttemptAt.getTime() - a.nextAttemptAt.getTime());
    send(res, { title: t("dashboard.outbox.title"), campaign: deps.campaigns.current(), active: "outbox" }, outboxPage({ rows, counts: await deps.outbox.counts(), t, timeZone: deps.timeZone }));
  });
  r.get("/audit", async (req, res) => {
    const q = auditQuery.safeParse(req.query);
    const limit = 100;
    const [rows, chain] = await Promise.all([deps.auditLog.recent({ before: q.success ? q.data.before : undefined, limit }), deps.auditLog.verify()]);
    send(res, { title: t("dashboard.audit.title"), campaign: deps.campaigns.current(), active: "audit" }, auditPage({ rows, chain, t, timeZone: deps.timeZone, limit }));
  });

  r.use((req, _res, next) => next(new HttpError("not_found", `no page ${req.path}`)));
  r.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    const known = err instanceof BoardError ? 400 : err instanceof HttpError && err.code === "not_found" ? 404 : 0;
    if (!known) return next(err);
    const text = err instanceof BoardError ? t(`dashboard.errors.${err.code}`) : t("dashboard.notFound");
    res.status(known).type("html").send(page({ t, title: text, active: "overview", campaign: deps.campaigns.current()?.code }, html`<p class="flash err" role="alert">${text}</p><p><a href="${req.baseUrl || "/admin"}">${t("dashboard.errors.back")}</a></p>`));
  });
  return r;
}
