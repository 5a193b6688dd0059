/**
 * Where reminders go: the Zalo OA messaging window (7 days, free within 48 h), fallbacks to the unit group or the
 * unit head with the reason kept on the outbox row, re-routing after the outbox finds a chat unreachable, reminders
 * with no path counted as failed, and a pass run twice sending nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgImport } from "../../../src/storage/prisma-org-import";
import { testDbKinds } from "../../helpers/test-db";
import { createReminderEnv, REMINDER_ORG, type ReminderEnv } from "./reminder-env";

/** REMINDER_ORG plus a district nobody from which has linked a chat account. */
const ORG: OrgImport = {
  units: [...REMINDER_ORG.units, { code: "H-KIENLUONG", name: "UBND huyện Kiên Lương", kind: "district", parentCode: null, isSample: true }],
  clusters: REMINDER_ORG.clusters,
  officers: [
    ...REMINDER_ORG.officers,
    { code: "KL-O", unitCode: "H-KIENLUONG", name: "Huỳnh Minh Trí", role: "officer", phone: null },
  ],
};

describe.each(testDbKinds())("reminder delivery routing on %s", (kind) => {
  let env: ReminderEnv;
  let first: Awaited<ReturnType<ReminderEnv["pass"]>>;
  const row = async (deadline: string, code: string, step: string, suffix = "") =>
    env.db.delivery.findUnique({ where: { dedupeKey: `kg-2021:${deadline}:o.${await env.officerId(code)}:${step}${suffix}` } });

  beforeAll(async () => {
    // 31/03/2021 08:00: the Q1 report's 5-day reminder and the pledge's due-day reminder fall due together.
    env = await createReminderEnv({ kind, now: "2021-03-31T07:50", org: ORG });
    await env.linkAccount("TC-O", "zalo", "z-tc", "2021-03-20T10:00"); // 11 days: window closed, no other account
    await env.linkAccount("KH-O", "zalo", "z-kh", "2021-03-21T10:00"); // window closed…
    await env.linkAccount("KH-O", "telegram", "202", "2021-03-01T10:00"); // …but Telegram is there
    await env.linkAccount("KH-H", "telegram", "203", "2021-03-01T10:00");
    await env.linkAccount("RG-O", "zalo", "z-rg", "2021-03-28T10:00"); // 3 days: allowed, billed
    await env.linkAccount("HT-O", "zalo", "z-ht", "2021-03-30T16:00"); // 16 hours: free…
    await env.linkAccount("HT-O", "telegram", "204", "2021-03-25T16:00"); // …and more recent than Telegram
    await env.bindGroup("telegram", "-100", { unit: "S-TAICHINH" });
    env.senders.telegram.unreachable.add("telegram:202"); // KH-O has blocked the bot on Telegram
    await env.pass("2021-03-31T07:50");
    first = await env.pass("2021-03-31T08:00");
  }, 120_000);
  afterAll(async () => env?.close());

  it("sends to a Zalo OA user only inside the 7-day window, noting a billed send after 48 hours", async () => {
    const rg = await row("bao-cao-quy-1", "RG-O", "pre-5d");
    expect(rg).toMatchObject({ recipient: "zalo:z-rg", status: "sent" });
    expect(rg!.note).toContain("zalo_billed_window=zalo:z-rg");
    const ht = await row("bao-cao-quy-1", "HT-O", "pre-5d");
    expect(ht).toMatchObject({ recipient: "zalo:z-ht", status: "sent", note: null });
  });

  it("falls back to the bound unit group when the window is closed, recording why", async () => {
    const tc = await row("bao-cao-quy-1", "TC-O", "pre-5d");
    expect(tc).toMatchObject({ recipient: "telegram:g:-100", status: "sent" });
    expect(tc!.note).toContain("zalo_window_closed=zalo:z-tc");
    expect(tc!.note).toContain("relay=unit_group");
    const msg = env.senders.telegram.sent.find((s) => s.to === "telegram:g:-100" && s.text.includes("Lê Minh Khánh"))!;
    expect(msg.text).toMatch(/^📨 Nhắc giúp Lê Minh Khánh \(Sở Tài chính\)/);
    expect(env.senders.zalo.sent.some((s) => s.to === "zalo:z-tc")).toBe(false);
  });

  it("prefers the officer's Telegram when the Zalo window is closed; when Telegram turns out blocked, re-routes to the unit head", async () => {
    const kh = await row("bao-cao-quy-1", "KH-O", "pre-5d");
    expect(kh).toMatchObject({ recipient: "telegram:202", status: "unreachable" });
    expect(kh!.note).toContain("zalo_window_closed=zalo:z-kh");
    const account = await env.db.channelAccount.findFirst({ where: { chatId: "202" } });
    expect(account!.unreachableAt).not.toBeNull();
    // The next pass re-routes (deterministic key `<key>~1`): Zalo is closed, no unit group → the unit head.
    const next = await env.pass("2021-03-31T08:15");
    expect(next.rerouted).toBe(2); // the Q1 reminder and the pledge reminder
    const rerouted = await row("bao-cao-quy-1", "KH-O", "pre-5d", "~1");
    expect(rerouted).toMatchObject({ recipient: "telegram:203", status: "sent" });
    expect(rerouted!.note).toContain("unreachable=telegram:202");
    expect(rerouted!.note).toContain("relay=unit_head");
    const head = env.senders.telegram.sent.filter((s) => s.to === "telegram:203");
    expect(head.some((s) => s.text.startsWith("📨 Nhắc giúp Trương Kim Diễm") && s.text.includes("quý I"))).toBe(true);
    // A later pass does not re-route again.
    expect((await env.pass("2021-03-31T08:30")).rerouted).toBe(0);
  });

  it("counts a reminder with no path at all as failed instead of dropping it silently", async () => {
    expect(first.failed).toBe(2); // KL-O: no account, no unit group, no head, for the Q1 report and the pledge
    expect(await row("bao-cao-quy-1", "KL-O", "pre-5d")).toBeNull();
    expect(first.relayed).toBe(2);
  });

  it("a pass run twice at the same time sends nothing twice", async () => {
    const before = env.allSent().length;
    const deliveries = await env.db.delivery.count();
    const again = await env.pass("2021-03-31T08:00", { allowRewind: true });
    expect(again.planned).toBe(first.planned);
    expect(again.queued).toBe(0);
    expect(again.duplicates).toBe(first.planned - first.failed);
    expect(await env.db.delivery.count()).toBe(deliveries);
    await env.runtime.outboxDispatcher.pump();
    expect(env.allSent().length).toBe(before);
  });
});
