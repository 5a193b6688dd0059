import { describe, expect, it } from "vitest";
import type { Cluster, Officer } from "../../../src/domain/organisation/organisation";
import { canSignPledge, clustersLedBy, pledgeProgress, readPledgeCommitments } from "../../../src/domain/registration/pledge";
import { createPledgeService } from "../../../src/domain/registration/pledge-service";
import { createInMemoryPledgeRepository, createRecordingAudit } from "./fake-registration-repository";

const cluster: Cluster = { id: "k1", code: "CUM-1", name: "Cụm 1", kind: "cum", leaderUnitId: "u1", memberUnitIds: ["u1", "u2", "u3"] };
const o = (id: string, unitId: string, role: Officer["role"]): Officer => ({ id, unitId, name: id, role, locale: null });
const leader = o("lead", "u1", "cluster_leader");
const heads = [o("h1", "u1", "unit_head"), o("h2", "u2", "unit_head"), o("h3", "u3", "unit_head")];
const at = new Date("2021-03-20T02:00:00Z");

describe("pledge rules", () => {
  it("reads commitments line by line, without bullets or numbering, within limits", () => {
    expect(readPledgeCommitments("1. Hoàn thành chỉ tiêu\n- Không vi phạm kỷ luật\n\n")).toEqual({ ok: true, lines: ["Hoàn thành chỉ tiêu", "Không vi phạm kỷ luật"] });
    expect(readPledgeCommitments("  \n")).toEqual({ ok: false, problem: "pledge_empty" });
    expect(readPledgeCommitments("Hoàn thành\nab")).toEqual({ ok: false, problem: "pledge_line_short", line: 2 });
    expect(readPledgeCommitments(Array.from({ length: 16 }, (_, i) => `Nội dung ${i}`).join("\n"))).toMatchObject({ problem: "pledge_too_many" });
    expect(readPledgeCommitments("x".repeat(301))).toMatchObject({ problem: "pledge_line_long" });
  });

  it("the leader of the leader unit opens; heads of member units sign", () => {
    expect(clustersLedBy(leader, [cluster])).toEqual([cluster]);
    expect(clustersLedBy(o("x", "u2", "cluster_leader"), [cluster])).toEqual([]);
    expect(clustersLedBy(heads[0]!, [cluster])).toEqual([]);
    expect(canSignPledge(heads[1]!, cluster)).toBe(true);
    expect(canSignPledge(o("f", "u2", "officer"), cluster)).toBe(false);
    expect(canSignPledge(o("h9", "u9", "unit_head"), cluster)).toBe(false);
  });

  it("completes with the last member's signature, not before", async () => {
    const repo = createInMemoryPledgeRepository();
    const audit = createRecordingAudit();
    const svc = createPledgeService({ repo, audit });
    expect(await svc.open({ campaignId: "c", cluster, officer: heads[0]!, commitments: ["A"], now: at })).toMatchObject({ ok: false, code: "forbidden" });
    const opened = await svc.open({ campaignId: "c", cluster, officer: leader, commitments: ["Hoàn thành chỉ tiêu"], now: at });
    expect(opened.ok).toBe(true);
    const id = opened.ok ? opened.pledge.id : "";
    expect(await svc.open({ campaignId: "c", cluster, officer: leader, commitments: ["B"], now: at })).toMatchObject({ ok: false, code: "exists" });
    expect(await svc.sign({ pledgeId: id, cluster, officer: heads[0]!, now: at })).toMatchObject({ ok: true, complete: false, missing: ["u2", "u3"] });
    expect(await svc.sign({ pledgeId: id, cluster, officer: heads[0]!, now: at })).toMatchObject({ ok: false, code: "already_signed" });
    expect(await svc.sign({ pledgeId: id, cluster, officer: heads[2]!, now: at })).toMatchObject({ ok: true, complete: false, missing: ["u2"] });
    const last = await svc.sign({ pledgeId: id, cluster, officer: heads[1]!, now: at });
    expect(last).toMatchObject({ ok: true, complete: true, pledge: { status: "complete" } });
    const p = (await repo.findById(id))!;
    expect(pledgeProgress(p, cluster)).toMatchObject({ complete: true, missing: [] });
    expect(audit.entries.map((e) => e.action)).toEqual(["pledge.opened", "pledge.signed", "pledge.signed", "pledge.signed", "pledge.completed"]);
  });
});
