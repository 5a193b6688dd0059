/**
 * @module Campaign (kế hoạch phát động phong trào thi đua) and its chỉ tiêu, as the domain sees them.
 * Plain types: plan packs (src/plan-pack) are parsed into these, storage maps rows into these.
 */

/** How a reported value is judged against the target. */
export type Comparator = ">=" | ">" | "<=" | "<" | "=" | "decrease_vs_previous_year" | "maintain";

/** How often units report an indicator. */
export type Frequency = "monthly" | "quarterly" | "semiannual" | "annual";

/** How unit figures roll up to the province: sum, the latest, the mean, or only the province's own figure. */
export type Aggregation = "sum" | "latest" | "average" | "province";

/** number: a quantity in `measure`; percent: a rate 0..100 (may be negative for growth); boolean: 1 = đạt, 0 = không đạt. */
export type ValueKind = "number" | "percent" | "boolean";

/**
 * What a reported figure of an indicator states (drives how "tăng/giảm/còn" in a message are read):
 * - `level`: the quantity itself (revenue, output, a coverage rate); "giảm 4 vụ so với cùng kỳ" is a change → ask.
 * - `growth`: a % change on the same period last year; "giảm 1,2%" → -1.2; a tỷ đồng amount → ask.
 * - `reduction`: an amount of decrease, reported as a positive number; "giảm 0,35%" → 0.35; a remaining level
 *   ("tỷ lệ hộ nghèo còn 2,1%") → ask.
 * - `share`: a share of a whole (structure of GRDP); the level is reported, a change in points → ask.
 */
export type IndicatorSense = "level" | "growth" | "reduction" | "share";

/** Legal regime of emulation law: 2003 (Law 2003 as amended + NĐ 91/2017) or 2022 (Law 06/2022/QH15). */
export type RegimeYear = 2003 | 2022;

export interface IndicatorDef {
  code: string;
  name: string;
  nameEn?: string;
  aliases: string[];
  /** kinh_te | van_hoa_xa_hoi | quoc_phong_an_ninh | khac */
  group: string;
  /** Vietnamese measure as written in the plan: "%", "tỷ đồng", "triệu tấn", "tấn", "lượt người", "đạt/không đạt"… */
  measure: string;
  /** null where the plan gives no number (e.g. "giảm hơn so với cùng kỳ"). */
  target: number | null;
  comparator: Comparator;
  frequency: Frequency;
  aggregation: Aggregation;
  valueKind: ValueKind;
  /** Upper bound that is physically impossible to exceed (100 for most rates); null when none. */
  maxValue?: number | null;
  /**
   * How figures are read (see IndicatorSense). Absent: inferred from `valueKind`, `measure` and the name
   * ("tốc độ tăng…"/"…tăng" with % → growth, "mức giảm…" → reduction, "cơ cấu…"/"tỷ trọng…" → share, else level).
   */
  sense?: IndicatorSense;
  /**
   * Parts this indicator is the total of, as officers name them (fisheries output: ["khai thác", "nuôi trồng"]).
   * A figure named with some but not all of them ("sản lượng khai thác thủy sản …") is a part, not this indicator,
   * so the bot asks back. Absent: no such check.
   */
  components?: string[];
  /**
   * true when figures add up over the year (lũy kế: revenue, tonnes, jobs), so progress is judged against
   * target × share of the year elapsed; false for rates and levels, compared with the target directly.
   * When absent: true for `number` values with `sum`/`province` aggregation whose measure is not per-something
   * (no "/" as in "triệu đồng/người/năm"). See `isAccumulating` in domain/progress/aggregate-figures.ts.
   */
  accumulates?: boolean;
  /** How the plan words the target when a number alone does not say it ("giữ ở mức 1%", "đạt trên 90%"). */
  targetNote?: string;
  /**
   * Kinds of units that report this indicator and whose figures roll up by `aggregation` (e.g. only districts for
   * a `sum`, so no provincial total is counted twice). Absent: every unit may report it.
   */
  unitKinds?: UnitKind[];
  note?: string;
  /** Where in the plan the target is written, e.g. "II.3.1". */
  source?: string;
}

export type DeadlineKind =
  | "registration"
  | "monthly_report"
  | "quarterly_report"
  | "semiannual_review"
  | "nine_month_report"
  | "annual_review"
  | "award_dossier"
  | "pledge";

export interface DeadlineDef {
  code: string;
  kind: DeadlineKind;
  title: string;
  /** Period code the deadline asks figures for (e.g. "2021-Q1"); null for registration/dossiers. */
  period: string | null;
  /** Local date-time in APP_TIMEZONE, ISO without offset: "2021-04-05T17:00". */
  due: string;
  /** true when the plan does not state the date and the pack assumes it. */
  assumed: boolean;
  /** Who must submit: every unit, or only units of the listed kinds. */
  unitKinds?: UnitKind[];
}

export type UnitKind = "department" | "district" | "commune" | "enterprise" | "board" | "other";

/** Reminder offsets and escalation per deadline kind (plan-pack configurable). */
export interface ReminderRule {
  kind: DeadlineKind;
  /** Days before the due date; 0 = the morning of the due day. */
  offsetsDays: number[];
  /** Hours after the due time for each escalation step: officer → unit head → cluster leader → board. */
  escalationHours: number[];
}

export interface CampaignDef {
  code: string;
  title: string;
  year: number;
  province: string;
  regimeYear: RegimeYear;
  theme: string;
  indicators: IndicatorDef[];
  deadlines: DeadlineDef[];
  reminderRules: ReminderRule[];
  /** Whether figures may appear in group digests (default false: only who has / has not submitted). */
  figuresInGroups: boolean;
}
