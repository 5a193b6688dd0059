/** @module The admin JSON API (runtime contract): thin routes, one query each. Auth is applied by createApp. */
import { Router } from "express";
import { z } from "zod";
import { HttpError } from "../http/http-error";
import type { Runtime } from "./build-runtime";
import { FEATURES } from "./features";
import { campaignOr404 } from "./runtime-lookups";

const deliveriesQuery = z.object({ status: z.string().max(20).optional(), kind: z.string().max(40).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });


export function buildAdminApi(runtime: Runtime): Router {
  const r = Router();
  r.get("/campaigns", (_req, res) => {
    res.json(runtime.campaigns.list().map((c) => ({ code: c.code, title: c.title, year: c.year, province: c.province, regimeYear: c.regimeYear, indicators: c.indicators.length, deadlines: c.deadlines.length })));
  });
  r.get("/campaigns/:code/indicators", (req, res) => {
    const c = campaignOr404(runtime, req.params.code);
    res.json(c.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.measure, target: i.target, comparator: i.comparator, group: i.group, frequency: i.frequency, aggregation: i.aggregation })));
  });
  r.get("/deliveries", async (req, res) => {
    const q = deliveriesQuery.safeParse(req.query);
    if (!q.success) throw new HttpError("bad_request", q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    const rows = await runtime.outboxRepo.list(q.data);
    res.json(rows.map((d) => ({ id: d.id, recipient: d.recipient, channel: d.channel, kind: d.kind, dedupeKey: d.dedupeKey, status: d.status, attempts: d.attempts, lastError: d.lastError, sentAt: d.sentAt, nextAttemptAt: d.nextAttemptAt, note: d.note })));
  });
  for (const f of FEATURES) f.adminRoutes?.(r, runtime);
  return r;
}
