/**
 * @module The board's view of registrations: per unit, the version in force, the one waiting, the history and the
 * pledge signatures of its clusters; and the units that have not registered yet. Pure (the caller loads rows).
 */
import type { DeadlineDef } from "../campaigns/campaign";
import type { Cluster, Unit } from "../organisation/organisation";
import type { Pledge, PledgeSignature } from "./pledge";
import { currentRegistration, latestRegistration, mustRegister, pendingRegistration, type Registration } from "./registration";

export interface UnitPledgeState {
  cluster: Cluster;
  pledge: Pledge | null;
  signature: PledgeSignature | null;
}

export interface UnitRegistrationView {
  unit: Unit;
  clusters: Cluster[];
  /** Whether the unit has to register (the board does not). */
  required: boolean;
  current: Registration | null;
  pending: Registration | null;
  latest: Registration | null;
  /** Every version, newest first. */
  history: Registration[];
  pledges: UnitPledgeState[];
}

/** One view per unit, in the order of `units` (registrations and pledges may come in any order). */
export function buildRegistrationOverview(p: {
  units: readonly Unit[];
  clusters: readonly Cluster[];
  registrations: readonly Registration[];
  pledges: readonly Pledge[];
  deadline?: Pick<DeadlineDef, "unitKinds">;
}): UnitRegistrationView[] {
  const byUnit = new Map<string, Registration[]>();
  for (const r of p.registrations) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  const pledgeOf = new Map(p.pledges.map((x) => [x.clusterId, x]));
  return p.units.map((unit) => {
    const history = [...(byUnit.get(unit.id) ?? [])].sort((a, b) => b.version - a.version);
    const clusters = p.clusters.filter((c) => c.memberUnitIds.includes(unit.id));
    return {
      unit,
      clusters,
      required: mustRegister(unit, p.deadline),
      current: currentRegistration(history) ?? null,
      pending: pendingRegistration(history) ?? null,
      latest: latestRegistration(history) ?? null,
      history,
      pledges: clusters.map((cluster) => {
        const pledge = pledgeOf.get(cluster.id) ?? null;
        return { cluster, pledge, signature: pledge?.signatures.find((s) => s.unitId === unit.id) ?? null };
      }),
    };
  });
}

/** Units that must register and have no version in force. */
export function missingRegistrations(views: readonly UnitRegistrationView[]): UnitRegistrationView[] {
  return views.filter((v) => v.required && !v.current);
}

/** Ids of units with a registration in force (e.g. for ranking and reminders). */
export function registeredUnitIds(registrations: readonly Registration[]): Set<string> {
  return new Set(registrations.filter((r) => r.status === "submitted").map((r) => r.unitId));
}
