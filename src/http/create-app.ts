/**
 * @module The express app as a function of its dependencies (testable in-process: tests listen on port 0).
 * Webhook routers get the raw body (their signatures are checked over exact bytes), so no global JSON parser
 * runs before them; /api gets a small JSON limit.
 */
import express, { type Router } from "express";
import type { Logger } from "../shared/logger";
import { adminAuth } from "./middleware/admin-auth";
import { errorHandler } from "./middleware/error-handler";
import { HttpError } from "./http-error";

export interface HealthReport {
  db: "ok" | "down";
  channels: Record<string, unknown>;
  [k: string]: unknown;
}

export interface AppDeps {
  logger: Logger;
  adminToken?: string;
  health: () => Promise<HealthReport>;
  /** Webhook routers; each carries its own path (/webhooks/telegram, /webhooks/zalo, /webhooks/zalo-bot). */
  webhooks: Router[];
  adminApi?: Router;
  /** The /admin dashboard (handles its own login form; bearer or cookie). */
  dashboard?: Router;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  app.get("/healthz", async (_req, res) => {
    let report: HealthReport;
    try {
      report = await deps.health();
    } catch {
      report = { db: "down", channels: {} };
    }
    res.status(report.db === "ok" ? 200 : 503).json({ status: report.db === "ok" ? "ok" : "degraded", ...report });
  });

  for (const router of deps.webhooks) app.use(router);

  app.use("/api", express.json({ limit: "64kb" }), adminAuth(deps.adminToken));
  if (deps.adminApi) app.use("/api", deps.adminApi);
  if (deps.dashboard) app.use("/admin", deps.dashboard);

  app.use((req, _res, next) => next(new HttpError("not_found", `no route ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.logger));
  return app;
}
