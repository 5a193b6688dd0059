/**
 * @module Which deadlines each unit has already submitted, so that it gets no more reminders for them.
 */
import type { DeadlineDef, DeadlineKind } from "../domain/campaigns/campaign";
import type { Db } from "./prisma-client";

/** Registration statuses meaning "the unit has handed in its registration" (later review does not undo it). */
export const SUBMITTED_REGISTRATION_STATUSES = ["submitted", "approved", "accepted"] as const;

/** Deadline kinds fulfilled by reporting figures for the deadline's period. */
const PERIODIC_KINDS: ReadonlySet<DeadlineKind> = new Set([
  "monthly_report", "quarterly_report", "semiannual_review", "nine_month_report", "annual_review",
]);

/**
 * Deadline codes submitted per unit id. The rule, by deadline kind:
 * - registration: the unit has a Registration of the campaign (any version) whose status is one of
 *   SUBMITTED_REGISTRATION_STATUSES; a draft or a returned registration does not count;
 * - pledge: the unit has signed its cluster's Pledge of the campaign (a PledgeSignature);
 * - periodic reports and reviews (monthly, quarterly, 6-month, 9-month, annual): the unit has at least one
 *   non-superseded ProgressReport row of the campaign whose period equals the deadline's period, for any indicator
 *   (one figure is enough to stop reminders; completeness is judged by the board's progress report, not here);
 * - award_dossier: dossiers are not kept in the store, so it is never marked submitted and its reminders run their
 *   whole course.
 */
export async function submittedDeadlinesByUnit(
  db: Db,
  campaign: { id: string; deadlines: readonly DeadlineDef[] },
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const add = (unitId: string, codes: readonly string[]) => {
    if (codes.length === 0) return;
    out.set(unitId, [...(out.get(unitId) ?? []), ...codes]);
  };
  const codesOf = (kind: DeadlineKind) => campaign.deadlines.filter((d) => d.kind === kind).map((d) => d.code);
  const registration = codesOf("registration");
  const pledge = codesOf("pledge");
  const periodic = campaign.deadlines.filter((d) => PERIODIC_KINDS.has(d.kind) && d.period !== null);
  const periods = [...new Set(periodic.map((d) => d.period as string))];

  const [registered, signed, reported] = await Promise.all([
    registration.length === 0
      ? []
      : db.registration.findMany({
          where: { campaignId: campaign.id, status: { in: [...SUBMITTED_REGISTRATION_STATUSES] } },
          select: { unitId: true },
          distinct: ["unitId"],
        }),
    pledge.length === 0
      ? []
      : db.pledgeSignature.findMany({ where: { pledge: { campaignId: campaign.id } }, select: { unitId: true }, distinct: ["unitId"] }),
    periods.length === 0
      ? []
      : db.progressReport.findMany({
          where: { campaignId: campaign.id, supersededById: null, period: { in: periods } },
          select: { unitId: true, period: true },
          distinct: ["unitId", "period"],
        }),
  ]);
  for (const r of registered) add(r.unitId, registration);
  for (const s of signed) add(s.unitId, pledge);
  for (const r of reported) add(r.unitId, periodic.filter((d) => d.period === r.period).map((d) => d.code));
  return out;
}
