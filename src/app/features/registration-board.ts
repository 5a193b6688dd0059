/**
 * @module The board's view of registrations and pledges for the admin API and the export: loads the rows, builds
 * the domain overview and shapes it as JSON (who/when, status, version, receipt) or as the rows of the file.
 */
import { createTranslator, type Translate } from "../../i18n/i18n";
import type { ActiveCampaign } from "../../conversation/services";
import type { Cluster, OrgDirectory } from "../../domain/organisation/organisation";
import type { Pledge } from "../../domain/registration/pledge";
import { deadlineInstant, isPastDeadline, pledgeDeadline, registrationDeadline, type Registration } from "../../domain/registration/registration";
import { buildRegistrationOverview, missingRegistrations, type UnitRegistrationView } from "../../domain/registration/registration-overview";
import type { PlanTitle } from "../../domain/registration/title-catalog";
import type { RegistrationExportInput, RegistrationExportUnit } from "../../reports/registration-export";
import type { Db } from "../../storage/prisma-client";
import { createPrismaPlanTitleSource, createPrismaPledgeRepository, createPrismaRegistrationRepository } from "../../storage/prisma-registration-repository";

export interface RegistrationBoard {
  campaign: ActiveCampaign;
  views: UnitRegistrationView[];
  pledges: Pledge[];
  planTitles: PlanTitle[];
  deadlineAt: Date | null;
  /** The plan's pledge deadline; signatures after it are accepted and shown as late. */
  pledgeDeadlineAt: Date | null;
  org: OrgDirectory;
  t: Translate;
}

export async function loadRegistrationBoard(deps: { db: Db; org: OrgDirectory; timeZone: string }, campaign: ActiveCampaign): Promise<RegistrationBoard> {
  const [registrations, pledges, planTitles] = await Promise.all([
    createPrismaRegistrationRepository(deps.db).listCampaign(campaign.id),
    createPrismaPledgeRepository(deps.db).listCampaign(campaign.id),
    createPrismaPlanTitleSource(deps.db).planTitles(campaign.id),
  ]);
  const deadline = registrationDeadline(campaign.deadlines);
  const pledgeDue = pledgeDeadline(campaign.deadlines);
  const units = [...deps.org.listUnits()].sort((a, b) => a.code.localeCompare(b.code));
  const views = buildRegistrationOverview({ units, clusters: deps.org.listClusters(), registrations, pledges, deadline });
  return { campaign, views, pledges, planTitles, deadlineAt: deadline ? deadlineInstant(deadline, deps.timeZone) : null,
    pledgeDeadlineAt: pledgeDue ? deadlineInstant(pledgeDue, deps.timeZone) : null, org: deps.org, t: createTranslator("vi") };
}

function titleName(b: RegistrationBoard, id: string): string {
  const plan = b.planTitles.find((p) => p.id === id);
  if (plan) return plan.name;
  const key = `registration.titles.${id}`;
  const name = b.t(key);
  return name === key ? id : name;
}

const who = (b: RegistrationBoard, id: string | null) => (id ? { id, name: b.org.officerById(id)?.name ?? null } : null);

function versionJson(b: RegistrationBoard, r: Registration) {
  return {
    id: r.id, version: r.version, status: r.status, receiptNo: r.receiptNo, reason: r.reason,
    draftedBy: who(b, r.draftedBy), decidedBy: who(b, r.decidedBy), createdAt: r.createdAt, submittedAt: r.submittedAt, supersededAt: r.supersededAt,
  };
}

function contentJson(b: RegistrationBoard, r: Registration) {
  return {
    titles: r.titles.map((id) => ({ id, name: titleName(b, id) })),
    commitments: r.commitments.map((c) => ({ indicator: c.indicatorCode, name: b.campaign.indicators.find((i) => i.code === c.indicatorCode)?.name ?? c.indicatorCode, value: c.value, measure: c.measure })),
    individuals: r.individuals.map((i) => ({ name: i.name, title: { id: i.titleId, name: titleName(b, i.titleId) } })),
  };
}

/** Status of a unit for the board: in force, waiting, or the newest version's status, or none. */
export function unitStatus(v: UnitRegistrationView): string {
  return v.current ? "submitted" : v.pending ? "pending" : (v.latest?.status ?? "none");
}

const clusterRef = (c: Cluster) => ({ code: c.code, name: c.name });

/** GET /api/campaigns/:code/registrations */
export function registrationsJson(b: RegistrationBoard) {
  const shown = b.views.filter((v) => v.required || v.history.length > 0);
  const units = shown.map((v) => {
    const main = v.current ?? v.pending ?? v.latest;
    return {
      unit: { code: v.unit.code, name: v.unit.name, kind: v.unit.kind }, clusters: v.clusters.map(clusterRef), required: v.required,
      ...(main ? versionJson(b, main) : { version: null, receiptNo: null }), status: unitStatus(v), ...(main ? contentJson(b, main) : {}),
      pending: v.current && v.pending ? { ...versionJson(b, v.pending), ...contentJson(b, v.pending) } : null,
      history: v.history.map((r) => versionJson(b, r)),
    };
  });
  const individuals = shown.flatMap((v) => {
    const r = v.current ?? v.pending;
    return r ? r.individuals.map((i) => ({ unit: v.unit.code, unitName: v.unit.name, name: i.name, title: { id: i.titleId, name: titleName(b, i.titleId) }, version: r.version, status: r.status, receiptNo: r.receiptNo })) : [];
  });
  const pledges = b.pledges.map((p) => {
    const cluster = b.org.listClusters().find((c) => c.id === p.clusterId);
    const members = cluster?.memberUnitIds ?? [];
    return {
      cluster: cluster ? clusterRef(cluster) : { code: p.clusterId, name: "" }, status: p.status, openedBy: who(b, p.openedBy), createdAt: p.createdAt, commitments: p.commitments,
      signatures: p.signatures.map((s) => ({ unit: b.org.unitById(s.unitId)?.code ?? s.unitId, officer: who(b, s.officerId), signedAt: s.signedAt, late: isPastDeadline(b.pledgeDeadlineAt, s.signedAt) })),
      missing: members.filter((id) => !p.signatures.some((s) => s.unitId === id)).map((id) => b.org.unitById(id)?.code ?? id),
    };
  });
  const required = b.views.filter((v) => v.required);
  return {
    campaign: { code: b.campaign.code, year: b.campaign.year, regimeYear: b.campaign.regimeYear },
    deadline: b.deadlineAt,
    pledgeDeadline: b.pledgeDeadlineAt,
    summary: { required: required.length, registered: required.filter((v) => v.current).length, pending: b.views.filter((v) => v.pending).length, missing: missingRegistrations(b.views).length },
    units, individuals, pledges,
  };
}

/** GET /api/campaigns/:code/registrations/missing */
export function missingJson(b: RegistrationBoard, now: Date) {
  return {
    campaign: b.campaign.code, deadline: b.deadlineAt, pastDeadline: isPastDeadline(b.deadlineAt, now),
    units: missingRegistrations(b.views).map((v) => ({
      code: v.unit.code, name: v.unit.name, kind: v.unit.kind, clusters: v.clusters.map(clusterRef), status: unitStatus(v),
      pendingSince: v.pending?.createdAt ?? null, lastReason: v.latest?.status === "rejected" ? v.latest.reason : null,
    })),
  };
}

function exportUnit(b: RegistrationBoard, v: UnitRegistrationView): RegistrationExportUnit {
  const r = v.current;
  const sig = v.pledges.find((p) => p.signature)?.signature ?? null;
  const noteKey = v.current ? (v.current.version > 1 ? "registration.export.note_changed" : null) : v.pending ? "registration.export.note_pending" : v.latest?.status === "rejected" ? "registration.export.note_rejected" : null;
  return {
    unitId: v.unit.id, unitCode: v.unit.code, unitName: v.unit.name, clusterName: v.clusters[0]?.name,
    registeredAt: r?.submittedAt ?? null, titles: r ? r.titles.map((id) => titleName(b, id)) : [], receiptNo: r?.receiptNo ?? null, version: r?.version ?? null,
    pledgeSignedAt: sig?.signedAt ?? null, signedBy: sig ? (b.org.officerById(sig.officerId)?.name ?? null) : null,
    note: noteKey ? b.t(noteKey, { version: v.current?.version ?? v.latest?.version ?? 0, reason: v.current?.reason ?? v.latest?.reason ?? "" }) : null,
    commitments: (r?.commitments ?? []).map((c) => {
      const ind = b.campaign.indicators.find((i) => i.code === c.indicatorCode);
      return { indicator: ind?.name ?? c.indicatorCode, measure: c.measure, value: c.value, target: ind?.target ?? null };
    }),
    individuals: (r?.individuals ?? []).map((i) => ({ name: i.name, title: titleName(b, i.titleId) })),
  };
}

/** The rows of the export file: units in sections by cluster (units without one last), pledges by cluster. */
export function exportInput(b: RegistrationBoard, now: Date, timeZone: string): RegistrationExportInput {
  const units = b.views.filter((v) => v.required).map((v) => exportUnit(b, v))
    .sort((x, y) => (x.clusterName ?? "\uffff").localeCompare(y.clusterName ?? "\uffff", "vi") || x.unitCode.localeCompare(y.unitCode));
  const pledges = b.org.listClusters().map((c) => {
    const p = b.pledges.find((x) => x.clusterId === c.id);
    return {
      clusterName: c.name, opened: Boolean(p), commitments: p?.commitments ?? [],
      members: c.memberUnitIds.map((id) => {
        const s = p?.signatures.find((x) => x.unitId === id);
        return {
          unitName: b.org.unitById(id)?.name ?? id, signedAt: s?.signedAt ?? null, signedBy: s ? (b.org.officerById(s.officerId)?.name ?? null) : null,
          late: s ? isPastDeadline(b.pledgeDeadlineAt, s.signedAt) : false,
        };
      }),
    };
  });
  const { t } = b;
  const province = b.campaign.province;
  return {
    units, pledges, year: b.campaign.year,
    ctx: {
      t, place: province, generatedAt: now, timeZone, subtitle: b.campaign.title,
      issuer: [t("registration.export.issuer_province", { province: province.toLocaleUpperCase("vi") }), t("registration.export.issuer_board")],
    },
  };
}
