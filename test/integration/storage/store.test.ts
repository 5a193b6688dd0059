import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import { createPrismaOutboxRepository } from "../../../src/storage/prisma-outbox-repository";
import { createPrismaAccountRepository } from "../../../src/storage/prisma-account-repository";
import { createPrismaInboundStore } from "../../../src/storage/prisma-inbound-store";
import { inboundRef } from "../../../src/conversation/inbound-processor";
import { createPrismaSessionStore } from "../../../src/storage/prisma-session-store";
import { createPrismaAuditLog } from "../../../src/storage/prisma-audit-log";
import { createPrismaLeaseManager } from "../../../src/storage/prisma-lease";
import { migrate } from "../../../src/storage/migrate";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db";

describe.each(testDbKinds())("store on %s", (kind) => {
  let tdb: TestDb;
  let db: Db;
  beforeAll(async () => {
    tdb = await createTestDb(kind);
    db = createDb(tdb.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await tdb.drop();
  });

  it("migrations are idempotent (a second run applies nothing)", async () => {
    expect(await migrate(tdb.url)).toEqual([]);
  });

  it("outbox: one row per dedupe key, even when enqueued concurrently", async () => {
    const repo = createPrismaOutboxRepository(db);
    const now = new Date();
    const d = { dedupeKey: "k1", recipient: "telegram:1", kind: "reminder", message: { text: "x", buttons: [[{ label: "OK", data: "a:b" }]] } };
    const results = await Promise.all([repo.enqueue(d, now), repo.enqueue(d, now), repo.enqueue(d, now)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.delivery.count({ where: { dedupeKey: "k1" } })).toBe(1);
    const [row] = await repo.list({});
    expect(row?.message.buttons?.[0]?.[0]?.data).toBe("a:b");
  });

  it("outbox: two workers never claim the same row", async () => {
    const repo = createPrismaOutboxRepository(db);
    const now = new Date();
    for (let i = 0; i < 30; i++) await repo.enqueue({ dedupeKey: `c${i}`, recipient: `telegram:${i}`, kind: "t", message: { text: "m" } }, now);
    const [a, b] = await Promise.all([repo.claimDue(now, 100, "A", 60_000), repo.claimDue(now, 100, "B", 60_000)]);
    const ids = [...a, ...b].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    // Expired locks are claimable again (crash recovery of the in-flight window).
    const later = new Date(now.getTime() + 120_000);
    const again = await repo.claimDue(later, 100, "C", 60_000);
    expect(again.length).toBe(ids.length);
  });

  it("invite codes work once, concurrently too, and expire", async () => {
    const unit = await db.unit.create({ data: { code: `U-${kind}`, name: "Huyện (mẫu) A & B", kind: "district" } });
    const officer = await db.officer.create({ data: { unitId: unit.id, name: "Nguyễn Văn A", role: "officer" } });
    const accounts = createPrismaAccountRepository(db);
    const now = new Date();
    const code = await accounts.createInvite(officer.id, new Date(now.getTime() + 3600_000));
    const a1 = await accounts.touch("telegram", "u1", "u1", now);
    const a2 = await accounts.touch("zalo", "u2", "u2", now);
    const [r1, r2] = await Promise.all([accounts.redeemInvite(code, a1.id, now), accounts.redeemInvite(code, a2.id, now)]);
    expect([r1.ok, r2.ok].filter(Boolean)).toHaveLength(1);
    expect(await accounts.redeemInvite(code, a2.id, now)).toEqual({ ok: false, reason: "used" });
    const old = await accounts.createInvite(officer.id, new Date(now.getTime() - 1));
    expect(await accounts.redeemInvite(old, a2.id, now)).toEqual({ ok: false, reason: "expired" });
    expect(await accounts.redeemInvite("ZZZZZZZZZZ", a2.id, now)).toEqual({ ok: false, reason: "invalid" });
    expect(await db.inviteCode.findFirst({ where: { codeHash: code } })).toBeNull(); // only the hash is stored
  });

  it("inbound: concurrent duplicates of one update have exactly one effect", async () => {
    const store = createPrismaInboundStore(db);
    const msg = { updateId: "telegram:42", address: { channel: "telegram" as const, chatId: "1" }, userId: "1", text: "hi", receivedAt: new Date() };
    const res = await Promise.all([store.record(msg, {}), store.record(msg, {}), store.record(msg, {})]);
    expect(res.filter((r) => r === "accepted")).toHaveLength(1);
    const now = new Date();
    const claims = await Promise.all([store.claim({ platform: "telegram", updateId: "telegram:42" }, now, 1000), store.claim({ platform: "telegram", updateId: "telegram:42" }, now, 1000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.unfinished(10)).toHaveLength(1);
    await store.finish({ platform: "telegram", updateId: "telegram:42" }, now, { replies: [] });
    expect(await store.unfinished(10)).toHaveLength(0);
  });

  it("inbound: an update stored claimed is not claimable by others until its lock expires; its holder extends it only while nobody took it over", async () => {
    const store = createPrismaInboundStore(db);
    const now = new Date();
    const msg = { updateId: "telegram:43", address: { channel: "telegram" as const, chatId: "1" }, userId: "1", text: "hi", receivedAt: now };
    expect(await store.record(msg, {}, { now, lockMs: 1000 })).toBe("accepted");
    expect(await store.record(msg, {}, { now, lockMs: 1000 })).toBe("duplicate");
    expect(await store.claim({ platform: "telegram", updateId: "telegram:43" }, new Date(now.getTime() + 999), 1000)).toBe(false); // still held
    expect(await store.claim({ platform: "telegram", updateId: "telegram:43" }, now, 1000, 1)).toBe(true); // the holder (attempt 1) extends
    const later = new Date(now.getTime() + 5000);
    expect(await store.claim({ platform: "telegram", updateId: "telegram:43" }, later, 1000)).toBe(true); // expired: a sweep takes it over (attempt 3)
    expect(await store.claim({ platform: "telegram", updateId: "telegram:43" }, later, 1000, 1)).toBe(false); // the first holder has lost it
    await store.finish({ platform: "telegram", updateId: "telegram:43" }, later, { replies: [] });
    expect(await store.claim({ platform: "telegram", updateId: "telegram:43" }, new Date(later.getTime() + 10_000), 1000)).toBe(false); // done stays done
  });

  it("inbound: opening a turn gives the account and session, and whether an earlier update of the conversation (chat and person) is unfinished", async () => {
    const store = createPrismaInboundStore(db);
    const now = new Date();
    const msg = (id: number, chatId: string, userId: string) => ({ updateId: `telegram:5${id}`, address: { channel: "telegram" as const, chatId, isGroup: chatId.startsWith("-") }, userId, text: "x", receivedAt: now });
    const first = msg(1, "-100", "7");
    const second = msg(2, "-100", "7");
    const otherMember = msg(3, "-100", "8");
    for (const m of [first, second, otherMember]) await store.record(m, {}, { now, lockMs: 60_000 });
    const earlierUnfinished = async (m: typeof first) => (await store.begin(m, { checkOrder: true })).earlierUnfinished.length > 0;
    expect(await earlierUnfinished(first)).toBe(false);
    expect((await store.begin(second, { checkOrder: true })).earlierUnfinished).toEqual(["telegram:51"]);
    // Another member of the same group is another conversation.
    expect(await earlierUnfinished(otherMember)).toBe(false);
    await store.finish(inboundRef(first), now, { replies: [], error: "boom" }); // failed counts as finished
    expect(await earlierUnfinished(second)).toBe(false);
    // Arrival order, not the platform's timestamps: an update dated earlier but stored later comes after.
    const late = { ...msg(4, "-100", "7"), receivedAt: new Date(now.getTime() - 3600_000) };
    await store.record(late, {}, { now, lockMs: 60_000 });
    expect(await earlierUnfinished(late)).toBe(true);
    expect((await store.unfinished(10)).map((m) => m.updateId)).toEqual(["telegram:52", "telegram:53", "telegram:54"]);
    // Not asked, not checked.
    expect((await store.begin(late, { checkOrder: false })).earlierUnfinished).toEqual([]);
    // The account is created once and touched; the session is the conversation's own.
    await createPrismaSessionStore(db).save("telegram:g:-100:7", { flow: "report" });
    const opened = await store.begin({ ...second, userName: "Lan" }, { checkOrder: false });
    expect(opened.session).toEqual({ flow: "report" });
    expect([opened.account.platform, opened.account.externalId, opened.account.chatId]).toEqual(["telegram", "7", "7"]);
    expect((await store.begin(otherMember, { checkOrder: false })).session).toBeNull();
    expect(await db.channelAccount.count({ where: { platform: "telegram", externalId: "7" } })).toBe(1);
  });

  it("a session changed from outside its turn never overwrites a dialogue the person started meanwhile", async () => {
    const sessions = createPrismaSessionStore(db);
    const offer = (key: string, race?: () => Promise<void>) => {
      const seen: (Record<string, unknown> | null)[] = [];
      const wrote = sessions.update(key, async (state) => {
        seen.push(state);
        if (seen.length === 1) await race?.(); // the person's own turn writes between this read and the write
        return typeof state?.flow === "string" ? undefined : { ...state, choices: ["reg:ok:1"] };
      });
      return { wrote, seen };
    };
    await sessions.save("s-race", { lang: "vi" });
    const raced = offer("s-race", () => sessions.save("s-race", { lang: "vi", flow: "report" }));
    expect(await raced.wrote).toBe(false);
    expect(raced.seen).toEqual([{ lang: "vi" }, { lang: "vi", flow: "report" }]);
    expect(await sessions.load("s-race")).toEqual({ lang: "vi", flow: "report" });
    // Without a race it writes; with no session yet too, and a session created meanwhile is read again.
    const calm = offer("s-race-2");
    expect(await calm.wrote).toBe(true);
    expect(await sessions.load("s-race-2")).toEqual({ choices: ["reg:ok:1"] });
    const created = offer("s-race-3", () => sessions.save("s-race-3", { flow: "pledge" }));
    expect(await created.wrote).toBe(false);
    expect(await sessions.load("s-race-3")).toEqual({ flow: "pledge" });
  });

  it("audit log is hash-chained and detects tampering", async () => {
    const audit = createPrismaAuditLog(db);
    await Promise.all([1, 2, 3, 4].map((i) => audit.append({ actor: "t", action: "x", entity: "E", entityId: String(i), after: { i } })));
    expect(await audit.verifyChain()).toEqual({ ok: true });
    const row = await db.auditLog.findFirst({ where: { seq: 2 } });
    await db.auditLog.update({ where: { id: row!.id }, data: { afterJson: '{"i":99}' } });
    expect((await audit.verifyChain()).ok).toBe(false);
  });

  it("a lease is held by one holder at a time", async () => {
    const a = createPrismaLeaseManager(db, "A");
    const b = createPrismaLeaseManager(db, "B");
    let inside = 0;
    let maxInside = 0;
    const job = async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((r) => setTimeout(r, 50));
      inside--;
      return "done";
    };
    const res = await Promise.all([a.withLease("job", 10_000, job), b.withLease("job", 10_000, job)]);
    expect(res.filter((r) => r === "done")).toHaveLength(1);
    expect(maxInside).toBe(1);
  });
});
