/**
 * Reminder test kit: a real runtime (all features) on a real test database, with recording senders for Telegram,
 * Zalo OA and Zalo Bot, a fixed clock, the bundled kg-2021 plan (or a variant), an organisation, and helpers to link
 * accounts, bind groups, report figures, run passes and read the outbox.
 */
import { SendError, type ChannelAddress, type ChannelName, type ChannelSender, type OutboundMessage } from "../../../src/conversation/channel-port";
import { buildRuntime, type Runtime } from "../../../src/app/build-runtime";
import { buildFeatures } from "../../../src/app/features";
import { reminderJobDeps } from "../../../src/app/features/reminders.feature";
import { sendDueReminders, type ReminderPassOptions } from "../../../src/scheduler/send-due-reminders.job";
import type { CampaignDef } from "../../../src/domain/campaigns/campaign";
import { instantFromLocal, localDateTimeOf } from "../../../src/domain/calendar/zoned-time";
import { createFixedClock } from "../../../src/shared/clock";
import { createLogger } from "../../../src/shared/logger";
import { createDb, type Db } from "../../../src/storage/prisma-client";
import { importOrg, type OrgImport } from "../../../src/storage/prisma-org-import";
import { importPlanPack } from "../../../src/storage/prisma-campaign-repository";
import { loadPlanPack } from "../../../src/plan-pack/parse-plan-pack";
import { KG_2021_PLAN_PACK } from "../../../src/plan-pack/bundled-seed";
import { createTestDb, type TestDb, type TestDbKind } from "../../helpers/test-db";

export const ZONE = "Asia/Ho_Chi_Minh";
export const at = (local: string): Date => instantFromLocal(local, ZONE);
export const local = (d: Date): string => localDateTimeOf(d, ZONE);

const UNLIMITED = { perChat: { ratePerSec: 1e6, burst: 1e6 }, perGroup: { ratePerSec: 1e6, burst: 1e6 }, global: { ratePerSec: 1e6, burst: 1e6 } };
export const NO_LIMITS = { telegram: UNLIMITED, zalo: UNLIMITED, "zalo-bot": UNLIMITED, local: UNLIMITED };

export interface Sent {
  to: string;
  text: string;
  buttons: string[];
}

/** A sender that records what the platform accepted; addresses in `unreachable` fail like a blocked chat. */
export function createRecorder(channel: ChannelName, opts: { supportsButtons?: boolean } = {}) {
  const sent: Sent[] = [];
  const unreachable = new Set<string>();
  const address = (to: ChannelAddress) => `${to.channel}:${to.isGroup ? "g:" : ""}${to.chatId}`;
  const sender: ChannelSender & { sent: Sent[]; unreachable: Set<string> } = {
    channel,
    maxTextLength: channel === "telegram" ? 4096 : 2000,
    supportsButtons: opts.supportsButtons ?? channel !== "zalo-bot",
    sent,
    unreachable,
    async send(to: ChannelAddress, msg: OutboundMessage) {
      const a = address(to);
      if (unreachable.has(a)) throw new SendError("unreachable", `${channel}: chat not found`);
      sent.push({ to: a, text: msg.text, buttons: msg.buttons?.flat().map((b) => b.data) ?? [] });
      return { externalId: String(sent.length) };
    },
  };
  return sender;
}

/** A small province: the board, two khối departments, two cụm districts; heads, a cụm leader, a khối without one. */
export const REMINDER_ORG: OrgImport = {
  units: [
    { code: "BAN-TDKT", name: "Ban Thi đua - Khen thưởng", kind: "board", parentCode: null, isSample: true },
    { code: "S-TAICHINH", name: "Sở Tài chính", kind: "department", parentCode: null, isSample: true },
    { code: "S-KHDT", name: "Sở Kế hoạch và Đầu tư", kind: "department", parentCode: null, isSample: true },
    { code: "H-RACHGIA", name: "UBND thành phố Rạch Giá", kind: "district", parentCode: null, isSample: true },
    { code: "H-HATIEN", name: "UBND thành phố Hà Tiên", kind: "district", parentCode: null, isSample: true },
  ],
  clusters: [
    { code: "KHOI-TH", name: "Khối Tổng hợp", kind: "khoi", leaderUnitCode: "S-TAICHINH", memberUnitCodes: ["S-TAICHINH", "S-KHDT"], isSample: true },
    { code: "CUM-1", name: "Cụm 1", kind: "cum", leaderUnitCode: "H-RACHGIA", memberUnitCodes: ["H-RACHGIA", "H-HATIEN"], isSample: true },
  ],
  officers: [
    { code: "B1", unitCode: "BAN-TDKT", name: "Trần Thị Ban", role: "board", phone: null },
    { code: "TC-O", unitCode: "S-TAICHINH", name: "Lê Minh Khánh", role: "officer", phone: null },
    { code: "TC-H", unitCode: "S-TAICHINH", name: "Lâm Thanh Mai", role: "unit_head", phone: null },
    { code: "KH-O", unitCode: "S-KHDT", name: "Trương Kim Diễm", role: "officer", phone: null },
    { code: "KH-H", unitCode: "S-KHDT", name: "Hồ Thanh Nga", role: "unit_head", phone: null },
    { code: "RG-O", unitCode: "H-RACHGIA", name: "Lê Văn Cán", role: "officer", phone: null },
    { code: "RG-H", unitCode: "H-RACHGIA", name: "Phạm Thủ Trưởng", role: "unit_head", phone: null },
    { code: "RG-L", unitCode: "H-RACHGIA", name: "Dương Minh Khánh", role: "cluster_leader", phone: null },
    { code: "HT-O", unitCode: "H-HATIEN", name: "Võ Thị Hà", role: "officer", phone: null },
    { code: "HT-H", unitCode: "H-HATIEN", name: "Ngô Văn Tuấn", role: "unit_head", phone: null },
  ],
};

/** The bundled kg-2021 pack, optionally with its deadlines and rules replaced (holiday and quiet-hour variants). */
export async function kgPack(change?: (c: CampaignDef) => void) {
  const pack = await loadPlanPack(KG_2021_PLAN_PACK);
  if (change) {
    change(pack.campaign);
    pack.meta = { ...pack.meta, packHash: `${pack.meta.packHash}-variant` };
  }
  return pack;
}

export interface EnvOptions {
  kind: TestDbKind;
  now: string;
  org?: OrgImport;
  pack?: Awaited<ReturnType<typeof kgPack>>;
  /** Reuse a database another env created (a second instance). */
  existingDb?: TestDb;
  seed?: (db: Db) => Promise<void>;
  /** Replaces the recording Telegram sender (e.g. one that "crashes" mid-batch). */
  telegram?: ChannelSender;
}

export async function createReminderEnv(opts: EnvOptions) {
  const tdb = opts.existingDb ?? (await createTestDb(opts.kind));
  const db = createDb(tdb.url);
  if (!opts.existingDb) {
    await importOrg(db, opts.org ?? REMINDER_ORG);
    await importPlanPack(db, opts.pack ?? (await kgPack()), ZONE);
    await opts.seed?.(db);
  }
  const clock = createFixedClock(at(opts.now));
  const senders = { telegram: createRecorder("telegram"), zalo: createRecorder("zalo"), zaloBot: createRecorder("zalo-bot") };
  const logger = createLogger({ level: "silent" });
  const runtime: Runtime = await buildRuntime({
    config: { databaseUrl: tdb.url, timeZone: ZONE, defaultLocale: "vi" }, logger, clock,
    senders: [opts.telegram ?? senders.telegram, senders.zalo, senders.zaloBot], features: buildFeatures, skipMigrations: true, limits: NO_LIMITS,
  });
  const officerId = async (code: string) => (await db.officer.findUniqueOrThrow({ where: { code } })).id;
  const unitId = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code } })).id;
  const deps = reminderJobDeps(runtime);
  const allSent = () => [...senders.telegram.sent, ...senders.zalo.sent, ...senders.zaloBot.sent];

  return {
    tdb, db, clock, senders, runtime, deps, officerId, unitId, allSent,
    /** Links a chat account to an officer, as if they had redeemed an invite and last written at `lastLocal`. */
    async linkAccount(code: string, platform: string, chatId: string, lastLocal: string) {
      await db.channelAccount.create({ data: { platform, externalId: chatId, chatId, officerId: await officerId(code), lastInteractionAt: at(lastLocal) } });
    },
    async bindGroup(platform: string, chatId: string, scope: { unit?: string; cluster?: string; board?: boolean }) {
      const unit = scope.unit ? await unitId(scope.unit) : null;
      const cluster = scope.cluster ? (await db.cluster.findUniqueOrThrow({ where: { code: scope.cluster } })).id : null;
      await db.chatGroup.create({ data: { platform, chatId, unitId: unit, clusterId: cluster, isBoard: scope.board ?? false } });
    },
    /** A progress figure of `unit` for `period` (any indicator): what stops the period's report reminders. */
    async report(unit: string, period: string) {
      const campaign = await db.campaign.findFirstOrThrow({ include: { indicators: { take: 1 } } });
      const indicator = campaign.indicators[0]!;
      await db.progressReport.create({
        data: {
          campaignId: campaign.id, unitId: await unitId(unit), indicatorId: indicator.id, period, value: 1, basis: "actual",
          rawText: "test", channel: "telegram", reportedById: await officerId("TC-O"),
        },
      });
    },
    /**
     * One scheduler pass at the clock's time (or `when`), then the outbox pump, like the running bot. (The job's
     * wrapper also re-reads the campaign catalog each pass; walks of hundreds of passes skip that.)
     */
    async pass(when?: string, o: ReminderPassOptions = {}) {
      if (when) clock.set(at(when));
      const res = await sendDueReminders(deps, clock.now(), o);
      if (res.queued > 0) await runtime.outboxDispatcher.pump();
      return res;
    },
    async reminderRows() {
      return db.delivery.findMany({ where: { kind: { startsWith: "reminder." } }, orderBy: [{ sentAt: "asc" }, { dedupeKey: "asc" }] });
    },
    async close(dropDb = true) {
      await runtime.close();
      await db.$disconnect();
      if (dropDb && !opts.existingDb) await tdb.drop();
    },
  };
}

export type ReminderEnv = Awaited<ReturnType<typeof createReminderEnv>>;
