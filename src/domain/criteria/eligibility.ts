/**
 * @module Advisory eligibility pre-check: given what the caller knows about an individual or a unit, lists which
 * measurable conditions of a title are met, missing or unknown (law.md §2–5). It never replaces the council's
 * judgement — conditions such as "tiêu biểu xuất sắc" are left to it and reported as unknown.
 */
import type { Recipient, RegimeId } from "./criteria-kb.js";
import { wordTable } from "../../shared/word-table.js";

/** hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ. */
export type TaskRating = "excellent" | "good" | "completed" | "not_completed";

/** Facts the caller knows; anything left undefined is reported as unknown. */
export interface EligibilityFacts {
  recipient?: Recipient;
  taskRating?: TaskRating;
  /** The individual holds Lao động tiên tiến for the year. */
  hasLdtt?: boolean;
  /** Initiatives (or accepted research topics) recognised at base level in the period considered. */
  initiatives?: number;
  /** Widest scope recognised for the initiative. */
  initiativeScope?: "unit" | "province" | "nation";
  consecutiveCstdcs?: number;
  consecutiveCstdTinh?: number;
  consecutiveExcellentYears?: number;
  consecutiveGoodYears?: number;
  /** CSTĐCS titles within the consecutive-years period (Bằng khen Thủ tướng, 2022 law). */
  cstdcsInPeriod?: number;
  hasProvincialBangKhen?: boolean;
  consecutiveTtldxsYears?: number;
  members?: { total: number; ldtt?: number; cstdcs?: number; allCompletedTasks?: boolean; warnedOrWorse?: number };
  /** Share of the unit's targets met (1 = all). */
  targetsMetShare?: number;
  targetsExceeded?: boolean;
  /** Rank inside the provincial cluster/block (1 = leader). */
  clusterRank?: number;
  registeredTitles?: string[];
  reportsOnTime?: boolean;
  /** Pending discipline, inspection or complaint. */
  pendingCase?: boolean;
}

export type EligibilityStatus = "met" | "missing" | "unknown";

/** One condition; `code` maps to the message `criteria.elig.<code>` with `params`. */
export interface EligibilityItem {
  code: string;
  status: EligibilityStatus;
  /** false for advisory items (registration, timely reports) that do not decide the verdict. */
  required: boolean;
  params?: Record<string, string | number>;
}

export interface EligibilityResult {
  titleId: string;
  regime: RegimeId;
  /** likely_eligible: every measurable condition met; incomplete: some unknown; unsupported: no measurable rule. */
  verdict: "likely_eligible" | "not_eligible" | "incomplete" | "unsupported";
  items: EligibilityItem[];
  /** Codes of required conditions that are not met. */
  missing: string[];
}

type Check = (f: EligibilityFacts, regime: RegimeId) => EligibilityItem[];

const status = (v: boolean | undefined): EligibilityStatus => (v === undefined ? "unknown" : v ? "met" : "missing");
const req = (code: string, v: boolean | undefined, params?: EligibilityItem["params"]): EligibilityItem => ({ code, status: status(v), required: true, params });
const atLeast = (n: number | undefined, min: number): boolean | undefined => (n === undefined ? undefined : n >= min);
const RATING_ORDER: TaskRating[] = ["not_completed", "completed", "good", "excellent"];
const ratingAtLeast = (r: TaskRating | undefined, min: TaskRating): boolean | undefined =>
  r === undefined ? undefined : RATING_ORDER.indexOf(r) >= RATING_ORDER.indexOf(min);

function ldttShare(f: EligibilityFacts, min: number, strict: boolean): EligibilityItem {
  const m = f.members;
  const actual = m && m.ldtt !== undefined && m.total > 0 ? Math.round((m.ldtt / m.total) * 1000) / 10 : undefined;
  const ok = actual === undefined ? undefined : strict ? actual > min : actual >= min;
  return req("members_ldtt_share", ok, { min, strict: strict ? 1 : 0, ...(actual !== undefined ? { actual } : {}) });
}

const noWarning = (f: EligibilityFacts): EligibilityItem =>
  req("no_warning_discipline", f.members?.warnedOrWorse === undefined ? undefined : f.members.warnedOrWorse === 0);

function targetsExceeded(f: EligibilityFacts): EligibilityItem {
  if (f.targetsExceeded !== undefined) return req("targets_exceeded", f.targetsExceeded);
  if (f.targetsMetShare !== undefined && f.targetsMetShare < 1) return req("targets_exceeded", false);
  return req("targets_exceeded", undefined);
}

/** 2022 law: HTXSNV or an initiative; unknown only when neither fact is given. */
function initiativeOrExcellent(f: EligibilityFacts): boolean | undefined {
  if (f.taskRating === "excellent" || (f.initiatives ?? 0) >= 1) return true;
  return f.taskRating === undefined && f.initiatives === undefined ? undefined : false;
}

const CHECKS = wordTable<Check>({
  lao_dong_tien_tien: (f) => [req("task_good", ratingAtLeast(f.taskRating, "good"))],
  chien_si_thi_dua_co_so: (f, r) => [
    req("ldtt_title", f.hasLdtt),
    r === "2003"
      ? req("initiative", atLeast(f.initiatives, 1))
      : req("initiative_or_excellent", initiativeOrExcellent(f)),
  ],
  chien_si_thi_dua_cap_tinh: (f) => [
    req("cstdcs_consecutive", atLeast(f.consecutiveCstdcs, 3), { min: 3 }),
    req("initiative_province", f.initiativeScope === undefined ? undefined : f.initiativeScope !== "unit"),
  ],
  chien_si_thi_dua_toan_quoc: (f) => [
    req("cstd_tinh_consecutive", atLeast(f.consecutiveCstdTinh, 2), { min: 2 }),
    req("initiative_nation", f.initiativeScope === undefined ? undefined : f.initiativeScope === "nation"),
  ],
  tap_the_lao_dong_tien_tien: (f, r) => [
    req("task_good", ratingAtLeast(f.taskRating, "good")),
    r === "2003" ? ldttShare(f, 50, true) : ldttShare(f, 70, false),
    noWarning(f),
  ],
  tap_the_lao_dong_xuat_sac: (f, r) => [
    req("task_excellent", ratingAtLeast(f.taskRating, "excellent")),
    req("members_all_completed", f.members?.allCompletedTasks),
    ldttShare(f, 70, false),
    req("has_member_cstdcs", atLeast(f.members?.cstdcs, 1)),
    ...(r === "2003" ? [noWarning(f)] : []),
  ],
  co_thi_dua_cap_tinh: (f) => [targetsExceeded(f), req("cluster_leader", f.clusterRank === undefined ? undefined : f.clusterRank === 1, f.clusterRank ? { rank: f.clusterRank } : undefined)],
  co_thi_dua_chinh_phu: (f) => [targetsExceeded(f), req("cluster_leader", f.clusterRank === undefined ? undefined : f.clusterRank === 1, f.clusterRank ? { rank: f.clusterRank } : undefined)],
  bang_khen_chu_tich_ubnd_tinh: (f, r) => [bangKhenPath(f, r)],
  bang_khen_thu_tuong: (f, r) =>
    r === "2003"
      ? [req("has_provincial_bk", f.hasProvincialBangKhen), req("excellent_years", atLeast(f.consecutiveExcellentYears, 5), { min: 5 }), req("initiatives_count", atLeast(f.initiatives, 5), { min: 5 })]
      : [req("has_provincial_bk", f.hasProvincialBangKhen), req("good_years", atLeast(f.consecutiveGoodYears, 5), { min: 5 }), req("cstdcs_in_period", atLeast(f.cstdcsInPeriod, 3), { min: 3 })],
});

/**
 * Bằng khen tỉnh has alternative grounds; only the measurable one is checked. Not meeting it is "unknown"
 * (another ground — outstanding achievement, contribution — may still apply), never "missing".
 */
function bangKhenPath(f: EligibilityFacts, r: RegimeId): EligibilityItem {
  const recipient = f.recipient ?? "individual";
  let ok: boolean | undefined;
  if (recipient === "collective") {
    ok = (f.consecutiveExcellentYears ?? 0) >= 2 || (f.consecutiveTtldxsYears ?? 0) >= 2 || (f.clusterRank !== undefined && f.clusterRank <= 3 && r === "2003") ? true : undefined;
    return { code: "bk_collective_ground", status: ok ? "met" : "unknown", required: true };
  }
  const viaInitiatives = (f.consecutiveExcellentYears ?? 0) >= 2 && (f.initiatives ?? 0) >= 2;
  ok = viaInitiatives || (r !== "2003" && (f.consecutiveCstdcs ?? 0) >= 2) ? true : undefined;
  return { code: r === "2003" ? "bk_individual_ground_2003" : "bk_individual_ground", status: ok ? "met" : "unknown", required: true };
}

function advisory(titleId: string, f: EligibilityFacts, regime: RegimeId, collective: boolean): EligibilityItem[] {
  const out: EligibilityItem[] = [];
  if (f.pendingCase !== undefined) out.push({ code: "no_pending_case", status: f.pendingCase ? "missing" : "met", required: regime === "2025" });
  if (f.registeredTitles) out.push({ code: "registered", status: f.registeredTitles.includes(titleId) ? "met" : "missing", required: false });
  if (collective && f.reportsOnTime !== undefined) out.push({ code: "reports_on_time", status: f.reportsOnTime ? "met" : "missing", required: false });
  return out;
}

/** Checks the measurable conditions of `titleId` under `regime` against `facts` (advisory only). */
export function checkEligibility(titleId: string, facts: EligibilityFacts, regime: RegimeId): EligibilityResult {
  const check = CHECKS[titleId];
  if (!check) return { titleId, regime, verdict: "unsupported", items: [], missing: [] };
  const collective = titleId.startsWith("tap_the") || titleId.startsWith("co_thi_dua") || facts.recipient === "collective";
  const items = [...check(facts, regime), ...advisory(titleId, facts, regime, collective)];
  const required = items.filter((i) => i.required);
  const missing = required.filter((i) => i.status === "missing").map((i) => i.code);
  const verdict = missing.length > 0 ? "not_eligible" : required.some((i) => i.status === "unknown") ? "incomplete" : "likely_eligible";
  return { titleId, regime, verdict, items, missing };
}
