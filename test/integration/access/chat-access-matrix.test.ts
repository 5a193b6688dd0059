/**
 * Promise: who may do what in chat. An account not linked to an officer may only link, get help, cancel, switch
 * language and look up criteria; every other command, written with or without "/", gets the "not linked" answer and
 * changes nothing. A linked officer never sees another unit's figures unless their role reaches that unit (the board
 * everywhere, a cluster leader inside their cluster), never binds a group to a unit they do not belong to, and buttons
 * offered to one person do nothing forbidden when pressed by another. No command crashes for any role.
 *
 * The command list is read from src/conversation/command-parser.ts, so commands added later join the matrix by
 * themselves (and fail it if they forget the rules). Access rules do not depend on the database, so the matrix runs
 * on one (the first available).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// features.ts first: reporting.feature → admin-api → features.ts is a cycle that leaves FEATURES with a hole otherwise.
import { buildFeatures } from "../../../src/app/features";
import { progressRepositoryFor } from "../../../src/app/runtime-lookups";
import { createTranslator } from "../../../src/i18n/i18n";
import type { OrgImport } from "../../../src/storage/prisma-org-import";
import { createBotHarness, SMALL_ORG, type BotHarness } from "../../helpers/bot-harness";
import { seedKg2021 } from "../../helpers/seed-plan";
import { testDbKinds } from "../../helpers/test-db";

const t = createTranslator("vi");
const NOT_LINKED = t("core.not_linked");
const APOLOGY = t("core.error_apology");
/** What an unlinked account may do (issue 9): link, help (and its alias menu), cancel, language, criteria. */
const OPEN_TO_UNLINKED = new Set(["start", "trogiup", "menu", "huy", "ngonngu", "tieuchuan"]);

/** Every command name of the CommandName union, read from the parser's source. */
function commandNames(): string[] {
  const src = readFileSync(new URL("../../../src/conversation/command-parser.ts", import.meta.url), "utf8");
  const union = /export type CommandName =([^;]+);/.exec(src)?.[1] ?? "";
  return [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]!);
}

/** A unit outside every non-board officer's reach, with a figure nobody but the board may see. */
const ACCESS_ORG: OrgImport = {
  units: [...SMALL_ORG.units, { code: "H-PHUQUOC", name: "UBND thành phố Phú Quốc", kind: "district", parentCode: null, isSample: true }],
  clusters: SMALL_ORG.clusters,
  officers: [
    ...SMALL_ORG.officers,
    { unitCode: "H-RACHGIA", name: "Đỗ Trưởng Cụm", role: "cluster_leader", phone: null },
    { unitCode: "H-PHUQUOC", name: "Mai Văn Đảo", role: "officer", phone: null },
  ],
};
/** 4.321,5 tỷ đồng, written as the bot writes numbers. */
const SECRET_FIGURE = { value: 4321.5, shown: "4.321,5" };
const ROLES = [
  { role: "officer", unit: "H-RACHGIA" },
  { role: "unit_head", unit: "H-RACHGIA" },
  { role: "cluster_leader", unit: "H-RACHGIA" },
  { role: "board", unit: "BAN-TDKT" },
] as const;

describe.each(testDbKinds().slice(0, 1))("chat access matrix on %s", (kind) => {
  let h: BotHarness;
  const commands = commandNames();
  /** Replies to each linked user, for the button phase: user → button data offered to them. */
  const offered = new Map<string, Set<string>>();

  async function protectedState() {
    const db = h.runtime.db;
    const [reports, registrations, pledges, signatures, groups, acks, linked] = await Promise.all([
      db.progressReport.count(), db.registration.count(), db.pledge.count(), db.pledgeSignature.count(),
      db.chatGroup.count({ where: { active: true } }), db.acknowledgement.count(), db.channelAccount.count({ where: { officerId: { not: null } } }),
    ]);
    return { reports, registrations, pledges, signatures, groups, acks, linked };
  }

  let seq = 0;
  /**
   * Says something as `user` and returns the texts sent back to that chat, recording the buttons offered. Unlike
   * h.say it is safe to run for several users at once (replies are picked by recipient), which keeps the matrix fast.
   */
  async function say(user: string, text: string, o: { callback?: string; group?: string } = {}): Promise<string[]> {
    const rec = h.senders.telegram;
    const to = o.group ? `telegram:g:${o.group}` : `telegram:${user}`;
    const before = rec.sent.length;
    const address = o.group ? { channel: "telegram" as const, chatId: o.group, isGroup: true } : { channel: "telegram" as const, chatId: user };
    await h.runtime.inbound.acceptAndWait({
      updateId: `matrix:${++seq}`, address, userId: user, text: o.callback ? "" : text, callbackData: o.callback,
      messageId: `m${seq}`, receivedAt: h.clock.now(),
    });
    // Two pumps: the first may be one that started before our replies were queued (pumps are shared per process).
    await h.runtime.outboxDispatcher.pump();
    await h.runtime.outboxDispatcher.pump();
    const mine = rec.sent.slice(before).filter((x) => x.to === to);
    for (const b of mine.flatMap((x) => x.msg.buttons?.flat() ?? [])) {
      if (!offered.has(user)) offered.set(user, new Set());
      offered.get(user)!.add(b.data);
    }
    return mine.map((x) => x.msg.text);
  }

  beforeAll(async () => {
    h = await createBotHarness({ kind, org: ACCESS_ORG, seedPlan: seedKg2021 });
    for (const r of ROLES) await h.link(r.role, r.role, r.unit);
    const c = h.runtime.campaigns.current()!;
    const repo = progressRepositoryFor(h.runtime.db, h.runtime.campaigns);
    const base = { campaignId: c.id, indicatorCode: "budget_revenue", period: "2021-Q1", basis: "period" as const, rawText: "seed", channel: "test" };
    const pq = h.runtime.org.unitByCode("H-PHUQUOC")!;
    const officer = h.runtime.org.listOfficers().find((o) => o.unitId === pq.id)!;
    await repo.submit({ ...base, unitId: pq.id, value: SECRET_FIGURE.value, sourceMessageId: "seed-pq", reportedById: officer.id });
    // A second unit's figure, so the province total (which officers may see) is not the secret figure itself.
    const ht = h.runtime.org.unitByCode("H-HATIEN")!;
    await repo.submit({ ...base, unitId: ht.id, value: 1000, sourceMessageId: "seed-ht", reportedById: officer.id });
  });
  afterAll(async () => h?.close());

  it("reads every command of the parser (and the list is not empty)", () => {
    expect(commands.length).toBeGreaterThanOrEqual(10);
    expect(commands).toEqual(expect.arrayContaining(["start", "baocao", "tiendo", "huy", "trogiup", "tieuchuan"]));
  });

  it("an unlinked account gets 'not linked' for every other command, with or without '/', and changes nothing", async () => {
    const handlers = (await buildFeatures(h.runtime.services, h.runtime.db)).commands as Record<string, unknown>;
    const before = await protectedState();
    // One stranger per command, all at once (each chat is still handled in order).
    await Promise.all(commands.map(async (name) => {
      const stranger = `stranger-${name}`;
      for (const text of [`/${name}`, `/${name} H-PHUQUOC 2021-Q1`, name]) {
        const replies = await say(stranger, text);
        expect(replies.join("\n"), text).not.toContain(SECRET_FIGURE.shown);
        expect(replies, text).not.toContain(APOLOGY);
        if (!OPEN_TO_UNLINKED.has(name)) expect(replies, text).toEqual([NOT_LINKED]);
        // Open commands answer for themselves (criteria only once its capability is wired in).
        else if (name !== "tieuchuan" || handlers.tieuchuan) expect(replies.join("\n"), text).not.toBe(NOT_LINKED);
      }
      // In a group, too.
      const inGroup = await say(stranger, `/${name} H-PHUQUOC`, { group: `-100777${commands.indexOf(name)}` });
      if (!OPEN_TO_UNLINKED.has(name)) expect(inGroup, `group /${name}`).toEqual([NOT_LINKED]);
    }));
    for (const text of ["Thu ngân sách quý 1 đạt 3.200 tỷ", "tiến độ của Phú Quốc thế nào?", "2"]) {
      const replies = await say("stranger", text);
      expect(replies.join("\n")).not.toContain(SECRET_FIGURE.shown);
      expect(replies).not.toContain(APOLOGY);
    }
    await say("stranger", "/huy");
    expect(await protectedState()).toEqual(before);
  });

  it("no role sees a unit outside its reach; the board sees every unit, a cluster leader its cluster", async () => {
    // Roles talk at the same time (each in its own chat), commands one after another within a chat.
    await Promise.all(ROLES.map(async (r) => {
      for (const name of commands) {
        for (const text of [`/${name}`, `/${name} H-PHUQUOC 2021-Q1`]) {
          const replies = await say(r.role, text);
          expect(replies, `${r.role} ${text}`).not.toContain(APOLOGY);
          if (r.role !== "board") expect(replies.join("\n"), `${r.role} ${text}`).not.toContain(SECRET_FIGURE.shown);
        }
      }
      for (const q of ["tiến độ thu ngân sách của Phú Quốc quý 1?", "Phú Quốc thu ngân sách quý 1 đạt bao nhiêu?"]) {
        const replies = await say(r.role, q);
        if (r.role !== "board") expect(replies.join("\n"), `${r.role} ${q}`).not.toContain(SECRET_FIGURE.shown);
      }
      await say(r.role, "/huy");
    }));
    // Positive controls: the rule is not "nobody sees anything".
    expect((await say("board", "/tiendo H-PHUQUOC 2021-Q1")).join("\n")).toContain(SECRET_FIGURE.shown);
    expect((await say("cluster_leader", "/tiendo H-HATIEN 2021-Q1")).join("\n")).toContain("1.000");
    expect((await say("officer", "/tiendo H-HATIEN 2021-Q1")).join("\n")).not.toContain("1.000");
  });

  it("no one binds a group to a unit or cluster they do not belong to or lead", async () => {
    const group = "-100888";
    for (const r of ROLES) {
      for (const target of ["H-PHUQUOC", "CUM-1", "BAN"]) {
        const [reply] = await say(r.role, `/ganhom ${target}`, { group });
        const bound = await h.runtime.accounts.findGroup("telegram", group);
        const allowed = r.role === "board" || (r.role === "cluster_leader" && target === "CUM-1");
        if (!allowed) {
          expect(reply, `${r.role} → ${target}`).toBe(t("core.bind_forbidden"));
          expect(bound?.active ? bound : null, `${r.role} → ${target}`).toSatisfy((g: { unitId: string | null } | null) => g === null || g.unitId !== h.runtime.org.unitByCode("H-PHUQUOC")?.id);
        }
      }
    }
  });

  it("buttons offered to one person do nothing forbidden when pressed by someone else", async () => {
    // Give the privileged roles something to offer: a draft registration, a read-back, a guided report.
    await say("unit_head", "/dangky");
    await say("board", "/dangky H-PHUQUOC");
    await say("board", "Phú Quốc thu ngân sách quý 1 đạt 5.000 tỷ");
    await say("cluster_leader", "/giaouoc");
    const pq = h.runtime.org.unitByCode("H-PHUQUOC")!.id;
    const pqState = async () => ({
      reports: await h.runtime.db.progressReport.count({ where: { unitId: pq } }),
      registrations: await h.runtime.db.registration.count({ where: { unitId: pq } }),
      pledges: await h.runtime.db.pledge.count(),
      linked: await h.runtime.db.channelAccount.count({ where: { officerId: { not: null } } }),
    });
    const before = await pqState();
    const presses: [string, string][] = [];
    for (const [owner, data] of [...offered.entries()].flatMap(([u, set]) => [...set].map((d) => [u, d] as const))) {
      for (const presser of ["stranger", ...ROLES.map((r) => r.role)]) {
        if (presser === owner || presser === "board") continue;
        presses.push([presser, data]);
      }
    }
    expect(presses.length).toBeGreaterThan(10);
    const byPresser = new Map<string, [string, string][]>();
    for (const p of presses) byPresser.set(p[0], [...(byPresser.get(p[0]) ?? []), p]);
    await Promise.all([...byPresser.entries()].map(async ([presser, list]) => {
      for (const [, data] of list) {
        const replies = await say(presser, "", { callback: data });
        expect(replies, `${presser} presses ${data}`).not.toContain(APOLOGY);
        expect(replies.join("\n"), `${presser} presses ${data}`).not.toContain(SECRET_FIGURE.shown);
      }
    }));
    // Nothing about the unit out of their reach changed, and the board's own draft is still only a draft.
    expect(await pqState()).toEqual(before);
  });
});
