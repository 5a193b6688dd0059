/**
 * Conversation test kit (botbuilder's TestAdapter idea): a real runtime on a real test database, a recording sender
 * per channel, and helpers to talk as a user: `await chat.say("/trogiup")` returns the texts the bot sent back.
 */
import type { ChannelName, ChannelSender, OutboundMessage } from "../../src/conversation/channel-port";
import { buildRuntime, type Runtime } from "../../src/app/build-runtime";
import type { BucketSpec } from "../../src/delivery/token-bucket";
import { buildFeatures } from "../../src/app/features";
import { createFixedClock } from "../../src/shared/clock";
import { createLogger } from "../../src/shared/logger";
import { importOrg, type OrgImport } from "../../src/storage/prisma-org-import";
import { createDb } from "../../src/storage/prisma-client";
import { DEFAULT_LIMITS } from "../../src/delivery/token-bucket";

/** Conversation tests are not about pacing (the outbox tests are): no platform limits here. */
const FAST = DEFAULT_LIMITS.local!;
const FAST_LIMITS = { telegram: FAST, zalo: FAST, "zalo-bot": FAST, local: FAST };
import { createTestDb, type TestDb, type TestDbKind } from "./test-db";

export interface Sent {
  to: string;
  msg: OutboundMessage;
}

export function createRecordingSender(channel: ChannelName, supportsButtons = true): ChannelSender & { sent: Sent[] } {
  const sent: Sent[] = [];
  let n = 0;
  return {
    channel,
    maxTextLength: 4096,
    supportsButtons,
    sent,
    async send(to, msg) {
      sent.push({ to: `${to.channel}:${to.isGroup ? "g:" : ""}${to.chatId}`, msg });
      return { externalId: String(++n) };
    },
  };
}

export const SMALL_ORG: OrgImport = {
  units: [
    { code: "BAN-TDKT", name: "Ban Thi đua - Khen thưởng (Sở Nội vụ)", kind: "board", parentCode: null, isSample: true },
    { code: "H-RACHGIA", name: "UBND thành phố Rạch Giá", kind: "district", parentCode: null, isSample: true },
    { code: "H-HATIEN", name: "UBND thành phố Hà Tiên", kind: "district", parentCode: null, isSample: true },
  ],
  clusters: [{ code: "CUM-1", name: "Cụm thi đua số 1 (mẫu)", kind: "cum", leaderUnitCode: "H-RACHGIA", memberUnitCodes: ["H-RACHGIA", "H-HATIEN"], isSample: true }],
  officers: [
    { unitCode: "BAN-TDKT", name: "Trần Thị Ban", role: "board", phone: null },
    { unitCode: "H-RACHGIA", name: "Lê Văn Cán", role: "officer", phone: null },
    { unitCode: "H-RACHGIA", name: "Phạm Thủ Trưởng", role: "unit_head", phone: null },
    { unitCode: "H-HATIEN", name: "Võ Thị Hà", role: "officer", phone: null },
  ],
};

export async function createBotHarness(opts: {
  kind: TestDbKind;
  now?: string;
  org?: OrgImport;
  seedPlan?: (url: string) => Promise<void>;
  existingDb?: TestDb;
  /**
   * Per-person message limit. Default none: the harness plays a whole conversation in milliseconds, far faster than
   * anyone types, and the limit runs on real time. test/integration/conversation/flood.test.ts checks the real one.
   */
  floodLimit?: BucketSpec | null;
}) {
  const tdb = opts.existingDb ?? (await createTestDb(opts.kind));
  const seedDb = createDb(tdb.url);
  if (!opts.existingDb) await importOrg(seedDb, opts.org ?? SMALL_ORG);
  await seedDb.$disconnect();
  if (!opts.existingDb) await opts.seedPlan?.(tdb.url);
  const clock = createFixedClock(opts.now ?? "2021-04-05T09:00:00+07:00");
  const senders = { telegram: createRecordingSender("telegram"), zalo: createRecordingSender("zalo-bot", false) };
  const logger = createLogger({ level: "silent" });
  let runtime: Runtime = await start();
  let seq = 0;

  async function start(): Promise<Runtime> {
    return buildRuntime({ config: { databaseUrl: tdb.url, timeZone: "Asia/Ho_Chi_Minh", defaultLocale: "vi" }, logger, clock, senders: [senders.telegram, senders.zalo], features: buildFeatures, skipMigrations: true, limits: FAST_LIMITS, floodLimit: opts.floodLimit === undefined ? null : opts.floodLimit });
  }

  /** Sends text (or a button press) as `user` on a channel and returns what the bot sent back to that chat. */
  async function say(text: string, o: { user?: string; channel?: "telegram" | "zalo-bot"; callback?: string; group?: string } = {}): Promise<string[]> {
    const channel = o.channel ?? "telegram";
    const user = o.user ?? "u1";
    const rec = channel === "telegram" ? senders.telegram : senders.zalo;
    const before = rec.sent.length;
    const address = o.group ? { channel, chatId: o.group, isGroup: true } : { channel, chatId: user };
    await runtime.inbound.acceptAndWait({
      updateId: `${channel}:${++seq}:${Date.now()}`, address, userId: user, text: o.callback ? "" : text,
      callbackData: o.callback, messageId: String(seq), receivedAt: clock.now(),
    });
    await runtime.outboxDispatcher.pump();
    return rec.sent.slice(before).map((s) => s.msg.text);
  }

  /** Links `user` to the first officer with that role (and unit) through a real invite code. */
  async function link(user: string, role: string, unitCode?: string, channel: "telegram" | "zalo-bot" = "telegram"): Promise<string> {
    const unit = unitCode ? runtime.org.unitByCode(unitCode) : undefined;
    const officer = runtime.org.listOfficers().find((o) => o.role === role && (!unit || o.unitId === unit.id));
    if (!officer) throw new Error(`no officer ${role} ${unitCode ?? ""}`);
    const code = await runtime.accounts.createInvite(officer.id, new Date(clock.now().getTime() + 86400_000));
    await say(`/start ${code}`, { user, channel });
    return officer.id;
  }

  return {
    tdb, clock, senders, say, link,
    get runtime() { return runtime; },
    lastButtons(channel: "telegram" | "zalo-bot" = "telegram") {
      const rec = channel === "telegram" ? senders.telegram : senders.zalo;
      return rec.sent.at(-1)?.msg.buttons?.flat() ?? [];
    },
    /** Simulates a process restart: a new runtime over the same database. */
    async restart() {
      await runtime.close();
      runtime = await start();
    },
    async close() {
      await runtime.close();
      if (!opts.existingDb) await tdb.drop();
    },
  };
}

export type BotHarness = Awaited<ReturnType<typeof createBotHarness>>;
