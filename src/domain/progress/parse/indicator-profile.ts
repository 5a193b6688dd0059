/**
 * @module The reading rules of one indicator, taken from its data (`sense`, `maxValue`, `accumulates`, `measure`,
 * `valueKind`) with defaults inferred when a plan pack leaves a field out. No indicator code is special-cased.
 */
import type { IndicatorDef, IndicatorSense } from "../../campaigns/campaign";
import { foldText } from "../../../shared/text";
import type { MeasureInfo } from "./units";
import { parseMeasure } from "./units";

export interface IndicatorProfile {
  def: IndicatorDef;
  sense: IndicatorSense;
  measure: MeasureInfo;
  isBoolean: boolean;
  /** Physically impossible to exceed; null when unbounded. */
  maxValue: number | null;
  /** Whether a negative figure can be right (growth can shrink; a reduction can turn into an increase). */
  allowsNegative: boolean;
  accumulates: boolean;
}

const cache = new WeakMap<IndicatorDef, IndicatorProfile>();

/** Sense inferred from the name when the plan pack gives none; only rates can be growth, reduction or share. */
export function inferSense(def: IndicatorDef): IndicatorSense {
  if (def.valueKind !== "percent") return "level";
  const name = foldText(def.name);
  if (/^(?:muc|ty le) giam\b|\bgiam ty le\b/.test(name)) return "reduction";
  if (/\b(?:toc do tang|tang truong)\b|\btang$/.test(name)) return "growth";
  if (/^(?:co cau|ty trong)\b/.test(name)) return "share";
  return "level";
}

/** Reading rules of an indicator (memoised per definition object). */
export function resolveIndicatorProfile(def: IndicatorDef): IndicatorProfile {
  const hit = cache.get(def);
  if (hit) return hit;
  const sense = def.sense ?? inferSense(def);
  const measure = def.valueKind === "boolean" ? { dimension: "boolean" as const, factor: 1, noun: null } : parseMeasure(def.measure);
  const isPercent = measure.dimension === "percent";
  const defaultMax = def.valueKind === "boolean" ? 1 : isPercent && sense !== "growth" ? 100 : null;
  const profile: IndicatorProfile = {
    def,
    sense,
    measure,
    isBoolean: def.valueKind === "boolean",
    maxValue: def.maxValue !== undefined ? def.maxValue : defaultMax,
    allowsNegative: sense === "growth" || sense === "reduction",
    accumulates:
      def.accumulates ??
      (def.valueKind === "number" && sense === "level" && (def.aggregation === "sum" || def.aggregation === "province") && !def.measure.includes("/")),
  };
  cache.set(def, profile);
  return profile;
}
