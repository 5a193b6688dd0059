/**
 * Shared set-up of the registration conversation tests: an organisation with a focal officer and a head in each of
 * two districts of one cluster, a cluster leader and a board officer; the bundled Kiên Giang 2021 plan; helpers to
 * press a button by its label on either channel (Telegram: callback; Zalo: the typed number).
 */
import { expect } from "vitest";
import { createBotHarness, type BotHarness } from "../../helpers/bot-harness";
import type { TestDbKind } from "../../helpers/test-db";
import { KG_2021_PLAN_PACK } from "../../../src/plan-pack/bundled-seed";
import { loadPlanPack } from "../../../src/plan-pack/parse-plan-pack";
import { importPlanPack } from "../../../src/storage/prisma-campaign-repository";
import { createDb } from "../../../src/storage/prisma-client";
import type { OrgImport } from "../../../src/storage/prisma-org-import";

export const REG_ORG: OrgImport = {
  units: [
    { code: "BAN-TDKT", name: "Ban Thi đua - Khen thưởng (Sở Nội vụ)", kind: "board", parentCode: null, isSample: true },
    { code: "H-RACHGIA", name: "UBND thành phố Rạch Giá", kind: "district", parentCode: null, isSample: true },
    { code: "H-HATIEN", name: "UBND thành phố Hà Tiên", kind: "district", parentCode: null, isSample: true },
    { code: "S-TUPHAP", name: "Sở Tư pháp", kind: "department", parentCode: null, isSample: true },
  ],
  clusters: [{ code: "CUM-1", name: "Cụm thi đua số 1 (mẫu)", kind: "cum", leaderUnitCode: "H-RACHGIA", memberUnitCodes: ["H-RACHGIA", "H-HATIEN"], isSample: true }],
  officers: [
    { unitCode: "BAN-TDKT", name: "Trần Thị Ban", role: "board", phone: null },
    { unitCode: "H-RACHGIA", name: "Lê Văn Cán", role: "officer", phone: null },
    { unitCode: "H-RACHGIA", name: "Phạm Thủ Trưởng", role: "unit_head", phone: null },
    { unitCode: "H-RACHGIA", name: "Ngô Cụm Trưởng", role: "cluster_leader", phone: null },
    { unitCode: "H-HATIEN", name: "Võ Thị Hà", role: "officer", phone: null },
    { unitCode: "H-HATIEN", name: "Đỗ Văn Hải", role: "unit_head", phone: null },
    { unitCode: "S-TUPHAP", name: "Trương Thanh Khánh", role: "unit_head", phone: null },
  ],
};

/** Before the assumed registration deadline of the bundled plan (15/03/2021 17:00). */
export const BEFORE_DEADLINE = "2021-03-01T09:00:00+07:00";
export const AFTER_DEADLINE = "2021-03-16T09:00:00+07:00";
export const TZ = "Asia/Ho_Chi_Minh";

export async function seedKg2021(url: string): Promise<void> {
  const db = createDb(url);
  await importPlanPack(db, await loadPlanPack(KG_2021_PLAN_PACK), TZ);
  await db.$disconnect();
}

export function createRegistrationHarness(kind: TestDbKind, now = BEFORE_DEADLINE): Promise<BotHarness> {
  return createBotHarness({ kind, now, org: REG_ORG, seedPlan: seedKg2021 });
}

export type Channel = "telegram" | "zalo-bot";

/** Messages one chat received since `from` (index into the channel's sent list). */
export function sentTo(h: BotHarness, channel: Channel, chatId: string, from = 0): string[] {
  const rec = channel === "telegram" ? h.senders.telegram : h.senders.zalo;
  const to = `${channel}:${chatId}`;
  return rec.sent.slice(from).filter((s) => s.to === to).map((s) => s.msg.text);
}

/** Buttons of the last message a chat received. */
export function buttonsOf(h: BotHarness, channel: Channel, chatId: string) {
  const rec = channel === "telegram" ? h.senders.telegram : h.senders.zalo;
  const last = [...rec.sent].reverse().find((s) => s.to === `${channel}:${chatId}` && s.msg.buttons?.length);
  return last?.msg.buttons?.flat() ?? [];
}

/**
 * Presses the button whose label contains `label` in the chat's last message with buttons: a callback on Telegram,
 * its number typed as text on Zalo (which shows numbered choices). Returns what this chat received (the harness's
 * `say` returns everything the channel sent, notifications to others included).
 */
export async function press(h: BotHarness, user: string, label: string | RegExp, channel: Channel = "telegram"): Promise<string[]> {
  const buttons = buttonsOf(h, channel, user);
  const i = buttons.findIndex((b) => (typeof label === "string" ? b.label.includes(label) : label.test(b.label)));
  expect(i, `button "${String(label)}" among ${buttons.map((b) => b.label).join(" | ")}`).toBeGreaterThanOrEqual(0);
  const b = buttons[i]!;
  const from = mark(h, channel);
  await (channel === "telegram" ? h.say("", { user, callback: b.data, channel }) : h.say(String(i + 1), { user, channel }));
  return sentTo(h, channel, user, from);
}

/** Says `text` as `user` and returns only what that user's chat received. */
export async function ask(h: BotHarness, user: string, text: string, channel: Channel = "telegram"): Promise<string[]> {
  const from = mark(h, channel);
  await h.say(text, { user, channel });
  return sentTo(h, channel, user, from);
}

/** Count of messages the channel recorded so far (a marker for sentTo). */
export function mark(h: BotHarness, channel: Channel = "telegram"): number {
  return (channel === "telegram" ? h.senders.telegram : h.senders.zalo).sent.length;
}
