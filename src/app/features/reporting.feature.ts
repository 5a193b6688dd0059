/** @module Progress reporting in conversation (issue 5): free text and /baocao, read-back, corrections, and the API. */
import { z } from "zod";
import { createReporting } from "../../conversation/flows/report.flow";
import { parseMessage } from "../../domain/progress/parse/parse-message";
import { isPeriodCode } from "../../domain/progress/period";
import { HttpError } from "../../http/http-error";
import { campaignOr404, progressRepositoryFor } from "../runtime-lookups";
import type { Feature } from "../feature";


const reportsQuery = z.object({
  unit: z.string().max(40).optional(),
  indicator: z.string().max(60).optional(),
  period: z.string().refine(isPeriodCode, "expected a period code such as 2021-Q1").optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});
const parseBody = z.object({ text: z.string().min(1).max(4000), campaign: z.string().max(60).optional(), at: z.string().datetime({ offset: true }).optional() });

export const reportingFeature: Feature = {
  name: "reporting",
  build(services, db) {
    const reporting = createReporting({ progress: progressRepositoryFor(db, services.campaigns) });
    return { flows: [reporting.flow], commands: { baocao: reporting.baocao }, freeText: [reporting.freeText] };
  },
  adminRoutes(router, runtime) {
    const repo = progressRepositoryFor(runtime.db, runtime.campaigns);
    router.get("/campaigns/:code/reports", async (req, res) => {
      const c = campaignOr404(runtime, req.params.code);
      const q = reportsQuery.safeParse(req.query);
      if (!q.success) throw new HttpError("bad_request", q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const unit = q.data.unit ? runtime.org.unitByCode(q.data.unit) : undefined;
      if (q.data.unit && !unit) throw new HttpError("not_found", `no unit ${q.data.unit}`);
      const rows = await repo.list(c.id, { unitId: unit?.id, indicatorCode: q.data.indicator, period: q.data.period }, q.data.limit);
      res.json(
        rows.map((r) => ({
          id: r.id, unit: runtime.org.unitById(r.unitId)?.code ?? r.unitId, indicator: r.indicatorCode, period: r.period, value: r.value,
          measure: c.indicators.find((i) => i.code === r.indicatorCode)?.measure ?? null, basis: r.basis,
          reportedBy: runtime.org.officerById(r.reportedById)?.name ?? r.reportedById, channel: r.channel, sourceMessageId: r.sourceMessageId,
          rawText: r.rawText, correctionReason: r.correctionReason, createdAt: r.createdAt, supersededBy: r.supersededById,
        })),
      );
    });
    router.post("/parse", (req, res) => {
      const b = parseBody.safeParse(req.body);
      if (!b.success) throw new HttpError("bad_request", b.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const c = b.data.campaign ? campaignOr404(runtime, b.data.campaign) : runtime.campaigns.current();
      if (!c) throw new HttpError("not_found", "no campaign loaded");
      const reading = parseMessage(b.data.text, { indicators: c.indicators, campaignYear: c.year, now: b.data.at ? new Date(b.data.at) : runtime.clock.now(), timeZone: runtime.services.timeZone });
      const ind = reading.indicator ? c.indicators.find((i) => i.code === reading.indicator!.code) : undefined;
      res.json({ campaign: c.code, ...reading, measure: ind?.measure ?? null, indicatorName: ind?.name ?? null });
    });
  },
};
