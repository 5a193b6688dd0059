/**
 * @module Which danh hiệu thi đua / hình thức khen thưởng a unit or a person may register for, by legal regime and
 * kind of unit (law.md §1–5, §12), and reading a title typed by an officer ("LĐTT", "cờ thi đua tỉnh"). Pure.
 *
 * The plan pack lists the titles its plan leads to (AwardTitle); they are intersected with these rules. A pack
 * title unknown to the rules is accepted for the recipients the pack names (the pack author knows the plan).
 */
import type { RegimeYear, UnitKind } from "../campaigns/campaign";
import { foldText } from "../../shared/text";

export type TitleRecipient = "collective" | "individual" | "household";

/** A title as the plan pack describes it (structural subset of plan-pack AwardTitle). */
export interface PlanTitle {
  id: string;
  name: string;
  nameEn?: string | null;
  category: "title" | "form";
  recipients: TitleRecipient[];
  abbreviations?: string[];
}

/** The legal rule of one title id. */
export interface TitleRule {
  id: string;
  category: "title" | "form";
  recipients: TitleRecipient[];
  /** Regimes under which the title exists. */
  regimes: RegimeYear[];
  /** Kinds of units that may register it as a collective; empty = none of the bot's units (hamlets, households). */
  unitKinds: UnitKind[];
  /** Short forms officers type (matched without diacritics). */
  abbreviations: string[];
}

const ALL_REGIMES: RegimeYear[] = [2003, 2022];
const ANY_UNIT: UnitKind[] = ["department", "district", "commune", "enterprise", "other"];
/** Units compared inside provincial cụm/khối (the provincial flag comes out of that comparison, law.md §3.3). */
const CLUSTER_UNITS: UnitKind[] = ["department", "district", "enterprise"];

/** Titles and forms of law.md §1–5, in the order they are offered. */
export const TITLE_RULES: readonly TitleRule[] = [
  { id: "tap_the_lao_dong_xuat_sac", category: "title", recipients: ["collective"], regimes: ALL_REGIMES, unitKinds: ANY_UNIT, abbreviations: ["TTLĐXS", "TT LĐXS", "lao dong xuat sac"] },
  { id: "tap_the_lao_dong_tien_tien", category: "title", recipients: ["collective"], regimes: ALL_REGIMES, unitKinds: ANY_UNIT, abbreviations: ["TTLĐTT", "TT LĐTT"] },
  { id: "co_thi_dua_cap_tinh", category: "title", recipients: ["collective"], regimes: ALL_REGIMES, unitKinds: CLUSTER_UNITS, abbreviations: ["Cờ thi đua tỉnh", "Cờ tỉnh", "Cờ UBND tỉnh", "Cờ thi đua UBND tỉnh"] },
  { id: "co_thi_dua_chinh_phu", category: "title", recipients: ["collective"], regimes: ALL_REGIMES, unitKinds: CLUSTER_UNITS, abbreviations: ["Cờ thi đua Chính phủ", "Cờ Chính phủ", "Cờ CP"] },
  { id: "bang_khen_chu_tich_ubnd_tinh", category: "form", recipients: ["collective", "individual", "household"], regimes: ALL_REGIMES, unitKinds: ANY_UNIT, abbreviations: ["BK", "BK tỉnh", "BK UBND tỉnh", "Bằng khen tỉnh", "Bằng khen UBND tỉnh", "Bằng khen Chủ tịch UBND tỉnh"] },
  { id: "bang_khen_thu_tuong", category: "form", recipients: ["collective", "individual"], regimes: ALL_REGIMES, unitKinds: ANY_UNIT, abbreviations: ["BKTTg", "BK TTg", "Bằng khen Thủ tướng"] },
  // A department or district does not give itself a giấy khen; its subordinate units receive one.
  { id: "giay_khen", category: "form", recipients: ["collective", "individual", "household"], regimes: ALL_REGIMES, unitKinds: ["commune", "enterprise", "other"], abbreviations: ["GK"] },
  // Only the 2022 law lists "Xã, phường, thị trấn tiêu biểu" (Art. 20(1)(đ)).
  { id: "xa_phuong_tieu_bieu", category: "title", recipients: ["collective"], regimes: [2022], unitKinds: ["commune"], abbreviations: ["Xã tiêu biểu", "Xã, phường, thị trấn tiêu biểu"] },
  { id: "thon_to_dan_pho_van_hoa", category: "title", recipients: ["collective"], regimes: ALL_REGIMES, unitKinds: [], abbreviations: ["Thôn văn hóa", "Tổ dân phố văn hóa"] },
  { id: "ap_khu_pho_van_hoa", category: "title", recipients: ["collective"], regimes: ALL_REGIMES, unitKinds: [], abbreviations: ["Ấp văn hóa", "Khu phố văn hóa"] },
  { id: "gia_dinh_van_hoa", category: "title", recipients: ["household"], regimes: ALL_REGIMES, unitKinds: [], abbreviations: ["GĐVH"] },
  { id: "lao_dong_tien_tien", category: "title", recipients: ["individual"], regimes: ALL_REGIMES, unitKinds: [], abbreviations: ["LĐTT", "Chiến sĩ tiên tiến", "CSTT"] },
  { id: "chien_si_thi_dua_co_so", category: "title", recipients: ["individual"], regimes: ALL_REGIMES, unitKinds: [], abbreviations: ["CSTĐCS", "CSTĐ cơ sở", "CSTĐ CS"] },
  { id: "chien_si_thi_dua_cap_tinh", category: "title", recipients: ["individual"], regimes: ALL_REGIMES, unitKinds: [], abbreviations: ["CSTĐ tỉnh", "CSTĐ cấp tỉnh", "Chiến sĩ thi đua tỉnh"] },
  { id: "chien_si_thi_dua_toan_quoc", category: "title", recipients: ["individual"], regimes: ALL_REGIMES, unitKinds: [], abbreviations: ["CSTĐTQ", "CSTĐ toàn quốc"] },
];

/** A title the officer may pick: id and the plan's names (null = use the locale's name for the id). */
export interface TitleOption {
  id: string;
  name: string | null;
  nameEn: string | null;
  category: "title" | "form";
}

/** Why a title cannot be registered; each maps to the message `registration.error.<code>`. */
export type TitleProblem =
  | "unknown_title"
  | "ambiguous_title"
  | "title_wrong_regime"
  | "title_not_for_unit_kind"
  | "title_not_collective"
  | "title_not_individual"
  | "title_not_in_plan";

export type TitleCheck = { ok: true; id: string } | { ok: false; problem: TitleProblem; id?: string; candidates?: string[] };

/** What a title is checked against: the campaign's regime, the unit's kind and the plan's titles (if any). */
export interface TitleContext {
  regimeYear: RegimeYear;
  unitKind: UnitKind;
  planTitles: readonly PlanTitle[];
}

export function ruleOf(id: string): TitleRule | undefined {
  return TITLE_RULES.find((r) => r.id === id);
}

function planTitle(ctx: TitleContext, id: string): PlanTitle | undefined {
  return ctx.planTitles.find((t) => t.id === id);
}

/** Checks one title id for a recipient (collective = the unit itself, individual = a person of the unit). */
export function checkTitle(id: string, recipient: "collective" | "individual", ctx: TitleContext): TitleCheck {
  const rule = ruleOf(id);
  const plan = planTitle(ctx, id);
  if (!rule && !plan) return { ok: false, problem: "unknown_title" };
  const recipients = rule?.recipients ?? plan?.recipients ?? [];
  if (!recipients.includes(recipient)) return { ok: false, problem: recipient === "collective" ? "title_not_collective" : "title_not_individual", id };
  if (rule && !rule.regimes.includes(ctx.regimeYear)) return { ok: false, problem: "title_wrong_regime", id };
  if (recipient === "collective" && rule && !rule.unitKinds.includes(ctx.unitKind)) return { ok: false, problem: "title_not_for_unit_kind", id };
  if (ctx.planTitles.length > 0 && !plan) return { ok: false, problem: "title_not_in_plan", id };
  return { ok: true, id };
}

/** The titles offered to a unit (collective) or for its people (individual), in catalog order then the plan's. */
export function titleOptions(recipient: "collective" | "individual", ctx: TitleContext): TitleOption[] {
  const ids = [...TITLE_RULES.map((r) => r.id), ...ctx.planTitles.map((t) => t.id).filter((id) => !ruleOf(id))];
  return ids
    .filter((id) => checkTitle(id, recipient, ctx).ok)
    .map((id) => {
      const plan = planTitle(ctx, id);
      return { id, name: plan?.name ?? null, nameEn: plan?.nameEn ?? null, category: plan?.category ?? ruleOf(id)?.category ?? "title" };
    });
}

/** Folded spellings of a title: its plan names, abbreviations and the rule's short forms. */
function spellings(id: string, ctx: TitleContext, localNames: Record<string, string[]>): string[] {
  const plan = planTitle(ctx, id);
  const all = [...(localNames[id] ?? []), ...(ruleOf(id)?.abbreviations ?? []), plan?.name ?? "", plan?.nameEn ?? "", ...(plan?.abbreviations ?? [])];
  return [...new Set(all.filter(Boolean).map(normalise))];
}

function normalise(s: string): string {
  return foldText(s).replace(/[.,;:()"“”'’]/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * Reads a typed title ("LĐTT", "lao dong tien tien", "Cờ thi đua tỉnh") into an id: an exact spelling wins, then
 * a single title whose name contains the words typed. `localNames` are the names shown to officers, by id.
 * Several matches → ambiguous (with the candidates); none → unknown.
 */
export function matchTitle(typed: string, ctx: TitleContext, localNames: Record<string, string[]>): TitleCheck {
  const q = normalise(typed);
  if (q.length < 2) return { ok: false, problem: "unknown_title" };
  const ids = [...new Set([...TITLE_RULES.map((r) => r.id), ...ctx.planTitles.map((t) => t.id)])];
  const exact = ids.filter((id) => spellings(id, ctx, localNames).includes(q));
  if (exact.length === 1) return { ok: true, id: exact[0] as string };
  if (exact.length > 1) return { ok: false, problem: "ambiguous_title", candidates: exact };
  if (q.length < 4) return { ok: false, problem: "unknown_title" };
  const partial = ids.filter((id) => spellings(id, ctx, localNames).some((s) => ` ${s} `.includes(` ${q} `)));
  if (partial.length === 1) return { ok: true, id: partial[0] as string };
  if (partial.length > 1) return { ok: false, problem: "ambiguous_title", candidates: partial };
  return { ok: false, problem: "unknown_title" };
}

/** Reads a typed title and checks it for the recipient in one go. */
export function readTitle(typed: string, recipient: "collective" | "individual", ctx: TitleContext, localNames: Record<string, string[]>): TitleCheck {
  const m = matchTitle(typed, ctx, localNames);
  return m.ok ? checkTitle(m.id, recipient, ctx) : m;
}
