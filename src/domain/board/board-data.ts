/**
 * @module What the provincial board's views (Ban Thi đua - Khen thưởng) read for one campaign, and the port that
 * loads it. Plain domain types; storage implements `BoardSource`.
 */
import type { DeadlineDef, IndicatorDef } from "../campaigns/campaign";
import type { UnitFigure } from "../progress/aggregate-figures";
import type { ScoringModel } from "../ranking/scoring-model";

/** The campaign as the board's views need it (ActiveCampaign satisfies it). */
export interface BoardCampaign {
  id: string;
  code: string;
  title: string;
  year: number;
  province: string;
  indicators: IndicatorDef[];
  deadlines: DeadlineDef[];
}

/** The earliest figure a unit sent for one period code, superseded ones included (timeliness counts the first). */
export interface FirstReport {
  unitId: string;
  period: string;
  at: Date;
}

/** A unit's registration in force (the newest `submitted` version). */
export interface RegistrationState {
  unitId: string;
  submittedAt: Date;
  /** Award title ids registered for. */
  titles: string[];
  receiptNo: string | null;
  /** The unit's own targets (chỉ tiêu đăng ký), in each indicator's measure. */
  commitments: { indicatorCode: string; value: number }[];
}

/** Signatures of a cluster's pledge (giao ước thi đua). */
export interface PledgeState {
  clusterId: string;
  signatures: { unitId: string; officerId: string; signedAt: Date }[];
}

/** A manual ranking adjustment as stored (điểm cộng/trừ của Ban TĐKT). */
export interface StoredAdjustment {
  id: string;
  unitId: string;
  points: number;
  reason: string;
  /** Who made it: an officer id, or "admin" for the admin API / dashboard token. */
  by: string;
  createdAt: Date;
}

/** Everything the board's views read for a campaign, loaded at once and cached by version. */
export interface BoardData {
  /** Current (non-superseded) figures of every year, `reportedAt` = when stored. */
  figures: UnitFigure[];
  firstReports: FirstReport[];
  registrations: RegistrationState[];
  pledges: PledgeState[];
  adjustments: StoredAdjustment[];
  /** Officers with at least one linked chat account ("đã kích hoạt bot"). */
  linkedOfficerIds: string[];
  /** The plan pack's cluster/block scoring model (the default model when the pack has none). */
  scoring: ScoringModel;
}

/** A new adjustment; `reason` is required (checked by the service before storing). */
export interface NewAdjustment {
  campaignId: string;
  unitId: string;
  points: number;
  reason: string;
  by: string;
}

/** Storage port of the board's views. */
export interface BoardSource {
  /** A stamp that changes whenever anything `load` returns changes (figures, registrations, pledges, adjustments, links). */
  version(campaignId: string): Promise<string>;
  load(campaignId: string): Promise<BoardData>;
  addAdjustment(a: NewAdjustment, at: Date): Promise<StoredAdjustment>;
}
