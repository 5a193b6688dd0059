/**
 * @module What the bot understood from one officer message (the parser's output contract).
 */
import type { IndicatorDef } from "../../campaigns/campaign";

/** What the officer wants. */
export type MessageIntent =
  | "report"
  | "correction"
  | "criteria"
  | "progress_query"
  | "register"
  | "cancel"
  | "help"
  | "unknown";

/**
 * Why the bot must ask back instead of storing:
 * - `unknown_indicator`: a figure but no indicator recognised;
 * - `several_indicators`: two or more indicators, each with its figure, in one message (`choices` lists them);
 * - `unclear_indicator`: words shared by several indicators ("nước sạch", "TNGT") (`choices` lists them);
 * - `missing_value`: the indicator but no usable figure;
 * - `wrong_dimension`: a figure in another kind of unit (tỷ đồng for rice, a tỷ đồng amount for a growth rate);
 * - `implausible_value`: impossible (a rate above its maximum, a negative amount) or far beyond the target;
 * - `level_not_change`: the indicator is a change (mức giảm) but the figure is a level ("còn 2,1%");
 * - `change_not_level`: the indicator is a level but only a change was given ("giảm 4 vụ so với cùng kỳ");
 * - `missing_unit`: a bare number that only makes sense with a unit ("3.200.000" for a tỷ đồng indicator).
 */
export type AmbiguityReason =
  | "unknown_indicator"
  | "several_indicators"
  | "unclear_indicator"
  | "missing_value"
  | "wrong_dimension"
  | "implausible_value"
  | "level_not_change"
  | "change_not_level"
  | "missing_unit";

/** The figure as it was written and how it was converted. */
export interface ValueSource {
  /** The mention as typed ("3.200.000 triệu đồng", "27%", "ổn định"). */
  text: string;
  /** The literal read, with its sign (3200000, 27, 1). */
  number: number;
  /** Unit recognised ("triệu đồng" is scale "triệu" + unit "đồng" → "đồng"), or null. */
  unit: string | null;
  /** Multiplier from scale words (1e6 for "triệu"), 1 when none. */
  scale: number;
  /** Share of the annual target when the figure was "N% kế hoạch" (0.27 for 27%). */
  ratioOfTarget?: number;
}

export interface MessageReading {
  intent: MessageIntent;
  indicator: { code: string; confidence: number } | null;
  /** Ranked indicator candidates (the chosen one first when there is one), score 0..1. */
  candidates: { code: string; score: number }[];
  /** Period code (2021-Q1…) or null when none applies. */
  period: string | null;
  periodSource: "explicit" | "relative" | "default" | null;
  basis: "period" | "cumulative" | null;
  /** The figure in the indicator's measure, or null (always null while `ambiguity` is set). */
  value: number | null;
  valueSource?: ValueSource;
  ambiguity: null | { reason: AmbiguityReason; choices?: string[] };
  /** Reason given for a correction ("lý do: nhập nhầm"). */
  reason?: string;
  /** Short machine-readable trace of the decisions ("intent:report", "indicator:budget_revenue@0.93"…). */
  explain: string[];
}

/** What the parser needs to know besides the text. */
export interface ParseContext {
  indicators: IndicatorDef[];
  campaignYear: number;
  /** The instant the message was received. */
  now: Date;
  /** IANA zone the campaign's periods are computed in (APP_TIMEZONE). */
  timeZone: string;
}
