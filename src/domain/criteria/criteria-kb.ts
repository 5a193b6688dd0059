/**
 * @module Plain types of the award-criteria knowledge base (titles, forms, topics, bonus coefficients, base salary).
 * The data lives in src/knowledge/criteria/*.yaml and is validated at load by src/knowledge/load-criteria-kb.ts.
 */

/**
 * Legal regime keyed by the date the award decision is signed (law.md §0):
 * "2003" = Law 2003 (amended 2013) + NĐ 91/2017 (to 31/12/2023); "2022" = Law 06/2022 + NĐ 98/2023
 * (01/01/2024–30/6/2025); "2025" = Law 06/2022 + NĐ 152/2025 (from 01/7/2025).
 */
export type RegimeId = "2003" | "2022" | "2025";

/** All regimes in chronological order. */
export const REGIME_IDS: readonly RegimeId[] = ["2003", "2022", "2025"];

/** Key of a regime block in an entry: a regime, or "all" for content that does not depend on the regime. */
export type RegimeKey = RegimeId | "all";

export type CriteriaLocale = "vi" | "en";

/** Text in both catalog languages. */
export interface LocalizedText {
  vi: string;
  en: string;
}

/** One fact of an entry, phrased as a short bullet. */
export interface KbBullet {
  vi: string;
  /** English wording; answers fall back to `vi` when absent. */
  en?: string;
  /** Article + document this bullet rests on (shown as the source line). */
  cite: string[];
  /** law.md marks the fact (or its wording/article) UNVERIFIED: the answer must say so. */
  unverified: boolean;
  /** Shown in the short "current regime" summary under an answer about an older regime. */
  key: boolean;
  /** Recipients the bullet is about (forms list individual/collective/household standards); absent = all. */
  for?: Recipient[];
}

/** Sections an entry can hold per regime. `criteria` is the main body (for topics: the topic's facts). */
export type SectionName = "criteria" | "decidedBy" | "dossier" | "deadlines" | "notes";

export const SECTION_NAMES: readonly SectionName[] = ["criteria", "decidedBy", "dossier", "deadlines", "notes"];

/** What an entry says under one regime. Missing sections fall back to other regimes with an explicit note. */
export interface RegimeBlock {
  criteria?: KbBullet[];
  decidedBy?: KbBullet[];
  dossier?: KbBullet[];
  deadlines?: KbBullet[];
  notes?: KbBullet[];
  /** Sources of the `criteria` section (article + document). */
  citations: string[];
  /** What the sources do not give for this regime (shown as an unverified note). */
  gap?: LocalizedText;
}

/** individual/collective/household = emulation titles; form = form of commendation; topic = rules and procedures. */
export type EntryKind = "individual" | "collective" | "household" | "form" | "topic";

export interface KbEntry {
  id: string;
  kind: EntryKind;
  names: LocalizedText;
  /** Short display name (abbreviation) used in buttons. */
  short?: LocalizedText;
  abbreviations: string[];
  aliases: { vi: string[]; en: string[] };
  /** Generic phrasings ("bằng khen", "cờ thi đua") that point here but lose to a more specific entry. */
  weakAliases: { vi: string[]; en: string[] };
  keywords: { vi: string[]; en: string[] };
  related: string[];
  regimes: Partial<Record<RegimeKey, RegimeBlock>>;
}

/** Who receives a title or form: the coefficient differs. */
export type Recipient = "individual" | "collective" | "household";

export interface BonusCoefficient {
  /** Multiplier of the base salary; null when the sources do not give it (never assumed). */
  value: number | null;
  unverified: boolean;
  cite: string;
}

/** Bonus coefficients of one title/form for one recipient (and issuer variant, e.g. the commune chairman's Giấy khen). */
export interface BonusRule {
  titleId: string;
  recipient: Recipient;
  /** "default" or an issuer variant such as "commune_chairman". */
  variant: string;
  /** How the coefficient changed across regimes, shown with the amount. */
  note?: LocalizedText;
  coefficients: Partial<Record<RegimeId, BonusCoefficient>>;
}

/** One row of the base-salary history (mức lương cơ sở). Dates are ISO "YYYY-MM-DD", inclusive. */
export interface SalaryPeriod {
  from: string;
  to: string | null;
  amount: number;
  basis: string;
  unverified: boolean;
  note?: LocalizedText;
}

export interface RegimeInfo {
  id: RegimeId;
  from: string;
  to: string | null;
  decree: string;
  label: LocalizedText;
  short: LocalizedText;
  /** Warnings that apply to decisions (or questions asked) on or after `from`. */
  warnings: { from: string; text: LocalizedText }[];
}

/** A legal document the bot recognises in questions. */
export interface KbDocument {
  id: string;
  /** "luat" | "nd" | "tt" | "qd" | "nq" | "hd" | "cv" */
  type: string;
  number: string;
  year: number;
  /** Regime the document points to; "law2022" = the 2022 law without a decree period. */
  regime?: RegimeId | "law2022";
  /** false: the bot holds no text of it and must decline questions about its content. */
  textHeld: boolean;
  title: LocalizedText;
  meta?: LocalizedText;
}

/** An award the knowledge base does not cover (orders, medals…): the bot declines instead of guessing. */
export interface UncoveredAward {
  id: string;
  names: LocalizedText;
  terms: string[];
}

export interface CriteriaKb {
  version: string;
  updated: string;
  entries: KbEntry[];
  bonusRules: BonusRule[];
  /** Citation of the rounding rule per regime. */
  roundingCite: Partial<Record<RegimeId, string>>;
  salaryHistory: SalaryPeriod[];
  regimes: RegimeInfo[];
  documents: KbDocument[];
  uncovered: UncoveredAward[];
  /** Abbreviation (folded) → expansion, applied to questions and aliases alike. */
  expansions: Record<string, string>;
}

/** Ids the answers must be able to name (law.md §12 plus the plan's own award section). */
export const REQUIRED_ENTRY_IDS: readonly string[] = [
  "lao_dong_tien_tien",
  "chien_si_thi_dua_co_so",
  "chien_si_thi_dua_cap_tinh",
  "chien_si_thi_dua_toan_quoc",
  "tap_the_lao_dong_tien_tien",
  "tap_the_lao_dong_xuat_sac",
  "co_thi_dua_cap_tinh",
  "co_thi_dua_chinh_phu",
  "thon_to_dan_pho_van_hoa",
  "xa_phuong_tieu_bieu",
  "gia_dinh_van_hoa",
  "bang_khen_chu_tich_ubnd_tinh",
  "giay_khen",
  "bang_khen_thu_tuong",
  "luong_co_so",
  "tien_thuong_nguyen_tac",
  "ho_so_de_nghi_khen_thuong",
  "thoi_han_ho_so",
  "dang_ky_thi_dua",
  "cum_khoi_thi_dua",
  "quy_dinh_kien_giang",
  "khen_thuong_ke_hoach_2021",
];

/** Localised text of a bullet (English falls back to Vietnamese). */
export function bulletText(b: KbBullet, locale: CriteriaLocale): string {
  return locale === "en" && b.en ? b.en : b.vi;
}
