/** Indicator definitions and figures shaped like the Kiên Giang 2021 plan, shared by the board's tests. */
import type { IndicatorDef } from "../../../src/domain/campaigns/campaign";
import type { UnitFigure } from "../../../src/domain/progress/aggregate-figures";

function def(p: Partial<IndicatorDef> & Pick<IndicatorDef, "code" | "name" | "measure" | "target" | "comparator">): IndicatorDef {
  return { aliases: [], group: "kinh_te", frequency: "quarterly", aggregation: "sum", valueKind: "number", ...p };
}

export const BUDGET = def({ code: "budget_revenue", name: "Tổng thu ngân sách trên địa bàn", measure: "tỷ đồng", target: 11560, comparator: ">=" });
export const RICE = def({ code: "rice_output", name: "Tổng sản lượng lúa", measure: "triệu tấn", target: 4.295, comparator: ">=" });
export const GRDP = def({
  code: "grdp_growth",
  name: "Tăng trưởng kinh tế (GRDP)",
  measure: "%",
  target: 6.01,
  comparator: ">=",
  aggregation: "province",
  valueKind: "percent",
});
export const INCOME = def({
  code: "income_per_capita",
  name: "Thu nhập bình quân đầu người",
  measure: "triệu đồng/người/năm",
  target: 58.9,
  comparator: ">=",
  aggregation: "province",
  frequency: "annual",
});
export const AGRI_SHARE = def({
  code: "structure_agri_share",
  name: "Cơ cấu kinh tế: Nông - lâm - thủy sản",
  measure: "%",
  target: 31.51,
  comparator: "=",
  aggregation: "province",
  valueKind: "percent",
});
export const HEALTH_INSURANCE = def({
  code: "health_insurance_coverage",
  name: "Tỷ lệ dân số tham gia bảo hiểm y tế",
  measure: "%",
  target: 90,
  comparator: ">",
  aggregation: "average",
  valueKind: "percent",
  group: "van_hoa_xa_hoi",
});
export const ACCIDENTS = def({
  code: "traffic_accident_cases",
  name: "Tai nạn giao thông: số vụ",
  measure: "vụ",
  target: null,
  comparator: "decrease_vs_previous_year",
  group: "van_hoa_xa_hoi",
});
export const SECURITY = def({
  code: "security_order",
  name: "Đảm bảo an ninh chính trị và trật tự an toàn xã hội trên địa bàn",
  measure: "đạt/không đạt",
  target: 1,
  comparator: "maintain",
  aggregation: "latest",
  valueKind: "boolean",
  group: "quoc_phong_an_ninh",
});

export const INDICATORS: IndicatorDef[] = [BUDGET, RICE, GRDP, INCOME, AGRI_SHARE, HEALTH_INSURANCE, ACCIDENTS, SECURITY];

export const PROVINCE = "ban-tdkt";

/** Shorthand for a figure; `at` is an ISO instant. */
export function fig(unitId: string, indicatorCode: string, period: string, value: number, basis: UnitFigure["basis"] = "period", at?: string): UnitFigure {
  return { unitId, indicatorCode, period, value, basis, reportedAt: at ? new Date(at) : undefined };
}
