/**
 * @module Building blocks shared by the plan-pack schemas: enums mirroring the domain unions (checked exhaustive at
 * compile time), non-empty text, codes and dates.
 */
import { z } from "zod";
import type {
  Aggregation,
  Comparator,
  DeadlineKind,
  Frequency,
  IndicatorSense,
  UnitKind,
  ValueKind,
} from "../domain/campaigns/campaign.js";
import { isValidDate } from "./plan-pack-values.js";

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const exhaustive = <T extends true>(_: T): void => undefined;

export const COMPARATORS = [">=", ">", "<=", "<", "=", "decrease_vs_previous_year", "maintain"] as const satisfies readonly Comparator[];
export const FREQUENCIES = ["monthly", "quarterly", "semiannual", "annual"] as const satisfies readonly Frequency[];
export const AGGREGATIONS = ["sum", "latest", "average", "province"] as const satisfies readonly Aggregation[];
export const SENSES = ["level", "growth", "reduction", "share"] as const satisfies readonly IndicatorSense[];
export const VALUE_KINDS = ["number", "percent", "boolean"] as const satisfies readonly ValueKind[];
export const UNIT_KINDS = ["department", "district", "commune", "enterprise", "board", "other"] as const satisfies readonly UnitKind[];
export const DEADLINE_KINDS = [
  "registration",
  "monthly_report",
  "quarterly_report",
  "semiannual_review",
  "nine_month_report",
  "annual_review",
  "award_dossier",
  "pledge",
] as const satisfies readonly DeadlineKind[];
// Compile-time guard: adding a member to a domain union without listing it here fails typechecking.
exhaustive<Exhaustive<Comparator, (typeof COMPARATORS)[number]>>(true);
exhaustive<Exhaustive<Frequency, (typeof FREQUENCIES)[number]>>(true);
exhaustive<Exhaustive<Aggregation, (typeof AGGREGATIONS)[number]>>(true);
exhaustive<Exhaustive<IndicatorSense, (typeof SENSES)[number]>>(true);
exhaustive<Exhaustive<ValueKind, (typeof VALUE_KINDS)[number]>>(true);
exhaustive<Exhaustive<UnitKind, (typeof UNIT_KINDS)[number]>>(true);
exhaustive<Exhaustive<DeadlineKind, (typeof DEADLINE_KINDS)[number]>>(true);

export const text = z.string().trim().min(1, "Must not be empty");
export const optionalText = text.optional();
export const dateSchema = z.string().refine(isValidDate, "Expected a real calendar date YYYY-MM-DD");
/** snake_case codes for indicators, groups and award titles (they also appear in chat parsing and the API). */
export const snakeCode = z.string().regex(/^[a-z][a-z0-9_]*$/, "Expected a snake_case code (a-z, 0-9, _)");
/** kebab-case codes for campaigns, deadlines and legal bases. */
export const kebabCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Expected a kebab-case code (a-z, 0-9, -)");

