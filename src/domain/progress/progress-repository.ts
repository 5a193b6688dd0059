/** @module Port: stored progress figures. Append-only: a correction inserts a new row that supersedes the old one. */

export type Basis = "period" | "cumulative";

export interface NewReport {
  campaignId: string;
  unitId: string;
  indicatorCode: string;
  period: string;
  value: number;
  basis: Basis;
  rawText: string;
  channel: string;
  sourceMessageId: string | null;
  reportedById: string;
}

export interface StoredReport extends NewReport {
  id: string;
  correctionReason: string | null;
  supersedesId: string | null;
  supersededById: string | null;
  createdAt: Date;
}

export interface ReportFilter {
  unitId?: string;
  indicatorCode?: string;
  period?: string;
}

export interface ProgressRepository {
  /**
   * Stores a confirmed figure. Idempotent on (channel, sourceMessageId, indicator, period): confirming the same
   * message twice (a redelivered button press, a restart between read-back and confirmation) stores it once.
   * If a current figure exists for the same unit/indicator/period it is superseded (the new one is a correction).
   */
  submit(r: NewReport, correctionReason?: string): Promise<{ report: StoredReport; duplicate: boolean; superseded: StoredReport | null }>;
  /** Current (non-superseded) figures, newest first. */
  current(campaignId: string, filter?: ReportFilter): Promise<StoredReport[]>;
  /** Every stored figure including superseded ones, newest first (audit trail). */
  list(campaignId: string, filter?: ReportFilter, limit?: number): Promise<StoredReport[]>;
}
