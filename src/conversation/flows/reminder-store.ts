/**
 * @module Port of the reminder store (implemented by storage/prisma-reminder-repository.ts). It serves both consumers
 * of reminders: the chat handlers (/nhacnho, the "Đã nhận" button) and the scheduler's reminder pass. It speaks
 * domain types only: who can be reminded and how to reach them, what each unit has submitted, the notices posted to
 * groups and their acknowledgements, and the pass cursor of each campaign.
 */
import type { GroupBinding } from "../../domain/organisation/account-repository";
import type { ChannelAccount, Officer } from "../../domain/organisation/organisation";
import type { ReminderRecipients } from "../../domain/reminders/reminder-types";
import type { OutboundMessage } from "../channel-port";
import type { ActiveCampaign } from "../services";

/** How officers and groups can be reached: the raw material of delivery routing. */
export interface ContactBook {
  /** Active officers. */
  officers: Officer[];
  /** Chat accounts linked to an officer. */
  accounts: ChannelAccount[];
  /** Active bound groups. */
  groups: GroupBinding[];
}

/** Everyone a campaign's reminders concern, with what they submitted, and how to reach them. */
export interface ReminderAudience {
  recipients: ReminderRecipients;
  contacts: ContactBook;
}

/** A group digest that carries an acknowledgement button (`ack:<noticeKey>`). */
export interface NoticeRecord {
  noticeKey: string;
  campaignCode: string;
  deadlineCode: string;
  stepKey: string;
  /** The group the notice was posted to. */
  groupId: string;
  /** Units the notice concerns: every unit in the group's scope that must submit for the deadline. */
  unitIds: string[];
}

/** A reminder delivery the outbox gave up on because its recipient could not be reached. */
export interface UnreachableReminder {
  id: string;
  dedupeKey: string;
  recipient: string;
  kind: string;
  officerId: string;
  message: OutboundMessage;
  note: string | null;
}

/** Result of pressing "Đã nhận". */
export interface AckResult {
  /** false when the unit had already acknowledged this notice. */
  created: boolean;
  /** Units that have acknowledged the notice so far. */
  acknowledgedUnitIds: string[];
}

/** The reminder store. */
export interface ReminderStore {
  /** Recipients of `campaign` (units, clusters, board, groups) with their submissions, plus the contact book. */
  loadAudience(campaign: Pick<ActiveCampaign, "id" | "code" | "deadlines">): Promise<ReminderAudience>;
  /** The contact book alone (for re-routing undeliverable reminders). */
  loadContacts(): Promise<ContactBook>;
  /** `at` of the last successful pass of the campaign, or null before the first pass. */
  getCursor(campaignCode: string): Promise<Date | null>;
  /** Moves the cursor forward to `to`; never backwards, safe when two instances race. */
  advanceCursor(campaignCode: string, to: Date): Promise<void>;
  /** Records notices (idempotent by noticeKey). */
  saveNotices(notices: readonly NoticeRecord[]): Promise<void>;
  findNotice(noticeKey: string): Promise<NoticeRecord | null>;
  /** Records that `unitId` acknowledged the notice (idempotent per notice and unit). */
  acknowledge(noticeKey: string, unitId: string, officerId: string, at: Date): Promise<AckResult>;
  /** Of `deadlineCodes`, those whose holiday flag has not been sent to the board yet. */
  unflaggedHolidayDeadlines(campaignCode: string, deadlineCodes: readonly string[]): Promise<string[]>;
  markHolidayFlagged(campaignCode: string, deadlineCodes: readonly string[]): Promise<void>;
  /** Which of these outbox dedupe keys exist already. */
  existingKeys(keys: readonly string[]): Promise<Set<string>>;
  /** Outbox status per dedupe key (keys without a row are absent). */
  deliveryStatuses(keys: readonly string[]): Promise<Map<string, string>>;
  /** Reminder deliveries to officers marked unreachable since `since`. */
  listUnreachableReminders(since: Date): Promise<UnreachableReminder[]>;
  /** Addresses already used for a reminder: its base key and every re-route (`<key>~<n>`). */
  triedRecipients(baseKey: string): Promise<string[]>;
}
