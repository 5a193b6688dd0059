import { describe, expect, it } from "vitest";
import type { Officer } from "../../../src/domain/organisation/organisation";
import { buildRecipients } from "../../../src/storage/reminder-recipients";

const officer = (id: string, unitId: string, role: Officer["role"]): Officer => ({ id, unitId, name: id, role, locale: id === "o1" ? "en" : null });

describe("buildRecipients (stored organisation → reminder audience)", () => {
  const recipients = buildRecipients({
    units: [
      { id: "ban", name: "Ban TĐKT", kind: "board", clusterIds: [] },
      { id: "u1", name: "Sở A", kind: "department", clusterIds: ["k1"] },
      { id: "u2", name: "Huyện B", kind: "district", clusterIds: ["c1"] },
    ],
    clusters: [
      { id: "k1", name: "Khối 1", leaderUnitId: "u1" },
      { id: "c1", name: "Cụm 1", leaderUnitId: "u2" },
    ],
    contacts: {
      officers: [
        officer("head-ban", "ban", "unit_head"), officer("b1", "ban", "board"),
        officer("o1", "u1", "officer"), officer("h1", "u1", "unit_head"),
        officer("o2", "u2", "officer"), officer("h2", "u2", "unit_head"), officer("l2", "u2", "cluster_leader"),
      ],
      accounts: [
        { id: "a1", platform: "telegram", externalId: "1", chatId: "1", officerId: "o1", locale: null, lastInteractionAt: new Date("2021-01-01"), unreachableAt: null },
        { id: "a2", platform: "zalo", externalId: "z", chatId: "z", officerId: "o1", locale: null, lastInteractionAt: new Date("2021-03-01"), unreachableAt: null },
      ],
      groups: [
        { id: "g1", platform: "telegram", chatId: "-1", unitId: "u1", clusterId: null, isBoard: false, active: true },
        { id: "g2", platform: "telegram", chatId: "-2", unitId: null, clusterId: "c1", isBoard: false, active: true },
        { id: "g3", platform: "zalo", chatId: "9", unitId: null, clusterId: null, isBoard: true, active: true },
      ],
    },
    submitted: new Map([["u2", ["q1"]]]),
  });

  it("leaves the board's own unit out of the audience and puts all its staff on the last rung", () => {
    expect(recipients.units.map((u) => u.id)).toEqual(["u1", "u2"]);
    expect(recipients.board.map((b) => b.id)).toEqual(["head-ban", "b1"]);
  });

  it("gives units their officers and heads (not the cluster leader), addresses most recent first, and submissions", () => {
    const u1 = recipients.units[0]!;
    expect(u1.officers.map((o) => [o.id, o.role])).toEqual([["o1", "officer"], ["h1", "unit_head"]]);
    expect(u1.officers[0]).toMatchObject({ addresses: ["zalo:z", "telegram:1"], locale: "en" });
    expect(recipients.units[1]!.officers.map((o) => o.id)).toEqual(["o2", "h2"]);
    expect(recipients.units[1]!.submittedDeadlineCodes).toEqual(["q1"]);
  });

  it("leads a cluster by its cluster_leader officers, else by the leading unit's head", () => {
    expect(recipients.clusters.map((c) => [c.id, c.leaders.map((l) => l.id)])).toEqual([["k1", ["h1"]], ["c1", ["l2"]]]);
  });

  it("maps bound groups to unit, cluster and board scopes", () => {
    expect(recipients.groups).toEqual([
      { id: "g1", scope: "unit", scopeId: "u1", addresses: ["telegram:g:-1"] },
      { id: "g2", scope: "cluster", scopeId: "c1", addresses: ["telegram:g:-2"] },
      { id: "g3", scope: "board", addresses: ["zalo:g:9"] },
    ]);
  });
});
