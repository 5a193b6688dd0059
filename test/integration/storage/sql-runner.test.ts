/**
 * The plain-SQL hot path shares Prisma's connections: what one writes the other reads identically, on both
 * databases, and on SQLite no write outside a transaction is swallowed by another caller's rolled-back transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, sqlOf, type Db } from "../../../src/storage/prisma-client";
import { toBool, toDate } from "../../../src/storage/sql-runner";
import { createPrismaInboundStore } from "../../../src/storage/prisma-inbound-store";
import { createPrismaSessionStore } from "../../../src/storage/prisma-session-store";
import { createPrismaAccountRepository } from "../../../src/storage/prisma-account-repository";
import { createPrismaOutboxRepository } from "../../../src/storage/prisma-outbox-repository";
import { inboundRef } from "../../../src/conversation/inbound-processor";
import { createTestDb, testDbKinds, type TestDb } from "../../helpers/test-db";

describe.each(testDbKinds())("plain SQL beside Prisma on %s", (kind) => {
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

  it("dates, booleans and nulls written by either side read back the same through the other", async () => {
    const at = new Date("2026-03-05T23:59:58.123Z");
    const sql = sqlOf(db);
    expect(await sql.run(`INSERT INTO "ChannelAccount" ("id", "platform", "externalId", "chatId", "lastInteractionAt", "isFollower", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $5)`, ["a1", "zalo", "u1", "u1", at, false])).toBe(1);
    const viaPrisma = await db.channelAccount.findUniqueOrThrow({ where: { id: "a1" } });
    expect(viaPrisma.lastInteractionAt).toEqual(at);
    expect(viaPrisma.isFollower).toBe(false);
    expect(viaPrisma.officerId).toBeNull();

    await db.channelAccount.create({ data: { id: "a2", platform: "telegram", externalId: "u2", chatId: "u2", lastInteractionAt: at, isFollower: true } });
    const [row] = await sql.all(`SELECT "lastInteractionAt", "isFollower", "unreachableAt" FROM "ChannelAccount" WHERE "id" = $1`, ["a2"]);
    expect(toDate(row?.lastInteractionAt)).toEqual(at);
    expect(toBool(row?.isFollower)).toBe(true);
    expect(toDate(row?.unreachableAt)).toBeNull();
    // Comparisons on stored dates agree with Prisma's own.
    const later = await sql.all(`SELECT "id" FROM "ChannelAccount" WHERE "lastInteractionAt" < $1 ORDER BY "id"`, [new Date(at.getTime() + 1)]);
    expect(later.map((r) => r.id)).toEqual(["a1", "a2"]);
    expect(await sql.all(`SELECT "id" FROM "ChannelAccount" WHERE "lastInteractionAt" < $1`, [at])).toEqual([]);
  });

  it("a parameter used twice and RETURNING work on both dialects", async () => {
    const rows = await sqlOf(db).all<{ key: string; version: number }>(
      `INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, $2, 0, $3)
       ON CONFLICT ("key") DO UPDATE SET "stateJson" = $2, "version" = "ConversationState"."version" + 1 RETURNING "key", "version"`,
      ["k", "{}", new Date()],
    );
    expect(rows).toEqual([{ key: "k", version: 0 }]);
    const again = await sqlOf(db).all<{ version: number }>(
      `INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, $2, 0, $3)
       ON CONFLICT ("key") DO UPDATE SET "stateJson" = $2, "version" = "ConversationState"."version" + 1 RETURNING "key", "version"`,
      ["k", '{"a":1}', new Date()],
    );
    expect(again[0]?.version).toBe(1);
    expect((await db.conversationState.findUniqueOrThrow({ where: { key: "k" } })).stateJson).toBe('{"a":1}');
  });

  it("grouped writes give each caller its own outcome, also when one of the group fails", async () => {
    const sql = sqlOf(db);
    const insert = `INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, $2, 0, $3) ON CONFLICT ("key") DO NOTHING`;
    const now = new Date();
    const outcomes = await Promise.allSettled([
      sql.runGrouped(insert, ["g1", "{}", now]),
      sql.runGrouped(insert, ["g1", "{}", now]), // duplicate key: 0 rows, not an error
      sql.runGrouped(insert, ["g2", null, now]), // NOT NULL violated: this caller alone gets the error
      sql.runGrouped(insert, ["g3", "{}", now]),
    ]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : "error"))).toEqual([1, 0, "error", 1]);
    const keys = (await db.conversationState.findMany({ where: { key: { startsWith: "g" } }, orderBy: { key: "asc" } })).map((r) => r.key);
    expect(keys).toEqual(["g1", "g3"]);

    // The shape PostgreSQL folds into one multi-row INSERT (fresh id first, ON CONFLICT DO NOTHING).
    const inbound = `INSERT INTO "InboundUpdate" ("id", "platform", "updateId", "chatKey", "payloadJson", "status", "attempts", "receivedAt")
      VALUES ($1, 'telegram', $2, 'c', $3, 'received', 0, $4) ON CONFLICT ("platform", "updateId") DO NOTHING`;
    const ids = ["i1", "i2", "i3", "i4", "i5"];
    const statements: string[] = [];
    sql.onStatement = (text) => void statements.push(text);
    const folded = await Promise.allSettled([
      sql.runGrouped(inbound, [ids[0]!, "u1", "{}", now]),
      sql.runGrouped(inbound, [ids[1]!, "u1", "{}", now]), // same update: the first one wins
      sql.runGrouped(inbound, [ids[2]!, "u2", "{}", now]),
    ]);
    sql.onStatement = undefined;
    expect(folded.map((o) => (o.status === "fulfilled" ? o.value : "error"))).toEqual([1, 0, 1]);
    // PostgreSQL sent the three as one statement (SQLite commits them in one transaction instead).
    if (kind === "postgres") expect(statements.filter((t) => t.startsWith("INSERT") && t.includes("), ("))).toHaveLength(1);
    const withFailure = await Promise.allSettled([
      sql.runGrouped(inbound, [ids[3]!, "u3", null, now]),
      sql.runGrouped(inbound, [ids[4]!, "u4", "{}", now]),
    ]);
    expect(withFailure.map((o) => (o.status === "fulfilled" ? o.value : "error"))).toEqual(["error", 1]);
    const stored = await db.inboundUpdate.findMany({ orderBy: { updateId: "asc" } });
    expect(stored.map((r) => [r.id, r.updateId])).toEqual([["i1", "u1"], ["i3", "u2"], ["i5", "u4"]]);
  });

  it("grouped updates with quotes, backslashes, dates and nulls in their values land exactly; one failing update fails alone", async () => {
    const sql = sqlOf(db);
    const now = new Date("2021-04-05T01:02:03.456Z");
    for (const key of ["q1", "q2", "q3"]) await sql.run(`INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, '{}', 0, $2)`, [key, now]);
    const update = `UPDATE "ConversationState" SET "stateJson" = $1, "updatedAt" = $2, "version" = "version" + $3 WHERE "key" = $4`;
    const tricky = `{"t":"O'Brien \\ \\' ; DROP TABLE \"ConversationState\"; -- $1 Đắk Lắk 🙏"}`;
    const statements: string[] = [];
    sql.onStatement = (text) => void statements.push(text);
    const outcomes = await Promise.allSettled([
      sql.runGrouped(update, [tricky, now, 1, "q1"]),
      sql.runGrouped(update, [null, now, 1, "q2"]), // NOT NULL violated
      sql.runGrouped(update, ["{}", now, 2, "q3"]),
      sql.runGrouped(update, ["{}", now, 1, "nobody"]),
    ]);
    sql.onStatement = undefined;
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : "error"))).toEqual([1, "error", 1, 0]);
    const rows = await db.conversationState.findMany({ where: { key: { in: ["q1", "q2", "q3"] } }, orderBy: { key: "asc" } });
    expect(rows.map((r) => [r.key, r.stateJson, r.version, r.updatedAt.toISOString()])).toEqual([
      ["q1", tricky, 1, now.toISOString()],
      ["q2", "{}", 0, now.toISOString()],
      ["q3", "{}", 2, now.toISOString()],
    ]);
    if (kind === "postgres") expect(statements.filter((t) => t.split(";\n").length === 4)).toHaveLength(1); // tried as one
  });

  it("a write outside a transaction survives another caller's transaction rolling back", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const failing = db
      .$transaction(async (tx) => {
        await tx.conversationState.create({ data: { key: "in-tx", stateJson: "{}", updatedAt: new Date() } });
        await gate;
        throw new Error("roll back");
      })
      .catch((e: unknown) => (e as Error).message);
    await new Promise((r) => setTimeout(r, 30));
    // Both kinds of outside write, issued while the transaction is open.
    const viaPrisma = db.conversationState.create({ data: { key: "outside-orm", stateJson: "{}", updatedAt: new Date() } });
    const viaSql = sqlOf(db).run(`INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, '{}', 0, $2)`, ["outside-sql", new Date()]);
    await new Promise((r) => setTimeout(r, 30));
    release();
    expect(await failing).toBe("roll back");
    await Promise.all([viaPrisma, viaSql]);
    const keys = (await db.conversationState.findMany({ where: { key: { in: ["in-tx", "outside-orm", "outside-sql"] } }, orderBy: { key: "asc" } })).map((r) => r.key);
    expect(keys).toEqual(["outside-orm", "outside-sql"]);
  });

  it("under a storm of rolled-back transactions, every plain, grouped and ORM write made beside them is kept", async () => {
    const sql = sqlOf(db);
    const insert = `INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, '{}', 0, $2)`;
    const tick = () => new Promise((r) => setImmediate(r));
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      work.push(
        db.$transaction(async (tx) => {
          await tx.conversationState.create({ data: { key: `storm-tx-${i}`, stateJson: "{}", updatedAt: new Date() } });
          await tick();
          throw new Error("roll back");
        }).catch(() => "rolled back"),
      );
      work.push(sql.run(insert, [`storm-run-${i}`, new Date()]));
      work.push(sql.runGrouped(insert, [`storm-grouped-${i}`, new Date()]));
      work.push(db.conversationState.create({ data: { key: `storm-orm-${i}`, stateJson: "{}", updatedAt: new Date() } }));
      if (i % 3 === 0) await tick();
    }
    await Promise.all(work);
    const keys = (await db.conversationState.findMany({ where: { key: { startsWith: "storm-" } } })).map((r) => r.key);
    expect(keys.filter((k) => k.startsWith("storm-tx-"))).toEqual([]);
    for (const kindOfWrite of ["run", "grouped", "orm"]) expect(keys.filter((k) => k.startsWith(`storm-${kindOfWrite}-`)), kindOfWrite).toHaveLength(40);
  });

  it("atomic writes are all or nothing per caller, grouped with the other writes of the same turn", async () => {
    const sql = sqlOf(db);
    const now = new Date();
    const put = (key: string, json: string | null) => ({
      sql: `INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, $2, 0, $3) ON CONFLICT ("key") DO NOTHING`,
      params: [key, json, now],
    });
    const statements: string[] = [];
    sql.onStatement = (text) => void statements.push(text);
    const outcomes = await Promise.allSettled([
      sql.runAtomic([put("at1", "{}"), put("at2", "{}"), put("at1", "{}")]),
      sql.runAtomic([put("at3", "{}"), put("at4", null)]), // the second violates NOT NULL: at3 must not stay either
      sql.runGrouped(put("at5", "{}").sql, put("at5", "{}").params),
      sql.runAtomic([put("at6", "{}")]),
    ]);
    sql.onStatement = undefined;
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : "error"))).toEqual([[1, 1, 0], "error", 1, [1]]);
    const keys = (await db.conversationState.findMany({ where: { key: { startsWith: "at" } }, orderBy: { key: "asc" } })).map((r) => r.key);
    expect(keys).toEqual(["at1", "at2", "at5", "at6"]);
    // PostgreSQL tried the whole group as one query first (then each caller alone, after the failure).
    if (kind === "postgres") expect(statements[0]!.split(";\n")).toHaveLength(7);
    expect(await sql.runAtomic([])).toEqual([]);
  });

  it("a turn's replies, session and completion are stored together; replies stored claimed come back ready to send", async () => {
    const inbound = createPrismaInboundStore(db);
    const now = new Date("2026-11-27T08:00:00.000Z");
    const msg = { updateId: "telegram:900", address: { channel: "telegram" as const, chatId: "900" }, userId: "900", text: "hi", receivedAt: now };
    await inbound.record(msg, {}, { now, lockMs: 1000 });
    const replies = [0, 1].map((i) => ({ dedupeKey: `reply:telegram:900:${i}`, recipient: "telegram:900", kind: "reply", message: { text: `r${i}` } }));
    const until = new Date(now.getTime() + 60_000);
    const claimed = await inbound.finish(inboundRef(msg), now, { replies, session: { key: "telegram:900:900", state: { flow: "report" } }, claimReplies: { holder: "me", until } });
    expect(claimed.map((d) => [d.dedupeKey, d.status, d.message.text])).toEqual([["reply:telegram:900:0", "sending", "r0"], ["reply:telegram:900:1", "sending", "r1"]]);
    const rows = await db.delivery.findMany({ where: { recipient: "telegram:900" }, orderBy: { dedupeKey: "asc" } });
    expect(rows.map((r) => [r.id, r.status, r.lockedBy, r.lockedUntil?.toISOString()])).toEqual(claimed.map((d) => [d.id, "sending", "me", until.toISOString()]));
    expect(JSON.parse((await db.conversationState.findUniqueOrThrow({ where: { key: "telegram:900:900" } })).stateJson)).toEqual({ flow: "report" });
    expect((await db.inboundUpdate.findFirstOrThrow({ where: { updateId: "telegram:900" } })).status).toBe("done");
    // Nobody else can claim them while the lock holds; after it, anyone can (the holder died before sending).
    const outbox = createPrismaOutboxRepository(db);
    expect(await outbox.claimDue(now, 10, "other", 1000, ["telegram"])).toEqual([]);
    expect((await outbox.claimDue(new Date(until.getTime() + 1), 10, "other", 1000, ["telegram"])).map((d) => d.dedupeKey)).toEqual(replies.map((r) => r.dedupeKey));
    // A second attempt of the same turn (after a crash) adds nothing: same dedupe keys, nothing claimed twice.
    expect(await inbound.finish(inboundRef(msg), now, { replies, claimReplies: { holder: "me", until } })).toEqual([]);
    expect(await db.delivery.count({ where: { recipient: "telegram:900" } })).toBe(2);
  });

  it.runIf(kind === "sqlite")("every per-message statement finds its rows through an index, never a table scan", async () => {
    const sql = sqlOf(db);
    const seen = new Set<string>();
    sql.onStatement = (text) => void seen.add(text);
    try {
      const now = new Date();
      const msg = { updateId: "telegram:7", address: { channel: "telegram" as const, chatId: "7" }, userId: "7", text: "hi", receivedAt: now };
      const inbound = createPrismaInboundStore(db);
      await inbound.record(msg, {}, { now, lockMs: 1000 });
      await inbound.claim(inboundRef(msg), now, 1000);
      await inbound.claim(inboundRef(msg), now, 1000, 1);
      await inbound.begin(msg, { checkOrder: true });
      const reply = { dedupeKey: "r7", recipient: "telegram:7", kind: "reply", message: { text: "x" } };
      await inbound.finish(inboundRef(msg), now, { replies: [reply], session: { key: "s7", state: { flow: "x" } }, claimReplies: { holder: "h", until: now } });
      await inbound.finish(inboundRef(msg), now, { replies: [reply], session: { key: "s7", state: null }, error: "boom" });
      const sessions = createPrismaSessionStore(db);
      await sessions.save("s", { flow: "x" });
      await sessions.load("s");
      await sessions.save("s", null);
      const accounts = createPrismaAccountRepository(db);
      await accounts.touch("telegram", "7", "7", now);
      await accounts.findAccount("telegram", "7");
      const outbox = createPrismaOutboxRepository(db);
      const { id } = await outbox.enqueue({ dedupeKey: "d1", recipient: "telegram:7", kind: "reply", message: { text: "x" } }, now);
      await outbox.enqueue({ dedupeKey: "d1", recipient: "telegram:7", kind: "reply", message: { text: "x" } }, now);
      await outbox.claimDue(now, 10, "h", 1000, ["telegram"]);
      await outbox.renewLock(id, "h", now);
      await outbox.markRetry(id, now, "e");
      await outbox.markFinal(id, "dead", "e");
      await outbox.markSent(id, now, "1");
    } finally {
      sql.onStatement = undefined;
    }
    expect(seen.size).toBeGreaterThanOrEqual(14);
    for (const text of seen) {
      const plan = (await sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`)).map((r) => r.detail);
      expect(plan.filter((d) => /^SCAN /.test(d)), `${text}\n${plan.join("\n")}`).toEqual([]);
    }
  });
});

