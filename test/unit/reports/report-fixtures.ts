/** A small but realistic board state (Kiên Giang 2021, Q1) shared by the chart and export tests. */
import { aggregateProgress } from "../../../src/domain/progress/aggregate";
import { rankClusters } from "../../../src/domain/ranking/rank-cluster";
import { DEFAULT_SCORING_MODEL } from "../../../src/domain/ranking/scoring-model";
import type { UnitScoreInput } from "../../../src/domain/ranking/score-unit";
import { createTranslator } from "../../../src/i18n/i18n";
import type { ReportContext } from "../../../src/reports/report-table";
import { ACCIDENTS, AGRI_SHARE, BUDGET, GRDP, HEALTH_INSURANCE, INDICATORS, PROVINCE, RICE, SECURITY, fig } from "../ranking/board-fixtures";

export const t = createTranslator("vi");

export const UNITS = [
  { unitId: "rach-gia", name: "UBND thành phố Rạch Giá", clusterName: "Cụm thi đua số 1" },
  { unitId: "phu-quoc", name: "UBND thành phố Phú Quốc", clusterName: "Cụm thi đua số 1" },
  { unitId: "u-minh-thuong", name: "UBND huyện U Minh Thượng", clusterName: "Cụm thi đua số 2" },
];

export const snapshot = aggregateProgress({
  indicators: INDICATORS,
  period: "2021-Q1",
  provinceUnitId: PROVINCE,
  unitIds: UNITS.map((u) => u.unitId),
  figures: [
    fig(PROVINCE, GRDP.code, "2021-Q1", -1.2),
    fig(PROVINCE, AGRI_SHARE.code, "2021-Q1", 31.7),
    fig("rach-gia", BUDGET.code, "2021-Q1", 1850.5),
    fig("phu-quoc", BUDGET.code, "2021-Q1", 1349.5),
    fig("rach-gia", RICE.code, "2021-Q1", 0.41),
    fig("u-minh-thuong", RICE.code, "2021-Q1", 0.62),
    fig("rach-gia", HEALTH_INSURANCE.code, "2021-Q1", 91.2),
    fig("u-minh-thuong", HEALTH_INSURANCE.code, "2021-Q1", 86.4),
    fig("rach-gia", ACCIDENTS.code, "2021-Q1", 12),
    fig("phu-quoc", ACCIDENTS.code, "2021-Q1", 9),
    fig("rach-gia", SECURITY.code, "2021-Q1", 1, "period", "2021-04-02T02:00:00Z"),
  ],
  previousYearFigures: [fig("rach-gia", ACCIDENTS.code, "2020-Q1", 15), fig("phu-quoc", ACCIDENTS.code, "2020-Q1", 11)],
  commitments: [{ unitId: "rach-gia", indicatorCode: BUDGET.code, target: 6800 }],
});

const due = new Date("2021-04-05T10:00:00Z");
function input(unitId: string, name: string, over: Partial<UnitScoreInput>): UnitScoreInput {
  return {
    unitId,
    unitName: name,
    completions: [0.9, 1],
    deadlines: [{ deadlineCode: "q1", due, submittedAt: due }],
    reportsExpected: 8,
    reportsSubmitted: 8,
    registrationSubmitted: true,
    pledgeSigned: true,
    ...over,
  };
}

export const rankings = rankClusters(
  [
    { clusterId: "cum-1", name: "Cụm thi đua số 1", unitIds: ["rach-gia", "phu-quoc"] },
    { clusterId: "cum-2", name: "Cụm thi đua số 2", unitIds: ["u-minh-thuong"] },
  ],
  [
    input("rach-gia", "UBND thành phố Rạch Giá", {}),
    input("phu-quoc", "UBND thành phố Phú Quốc", { pledgeSigned: false, reportsSubmitted: 6 }),
    input("u-minh-thuong", "UBND huyện U Minh Thượng", { completions: [0.5] }),
  ],
  DEFAULT_SCORING_MODEL,
  [{ unitId: "phu-quoc", points: 2.5, reason: "Mô hình “Dân vận khéo” được nhân rộng" }],
);

export const ctx: ReportContext = {
  t,
  place: "Kiên Giang",
  generatedAt: new Date("2021-04-05T09:30:00+07:00"),
  issuer: ["UBND TỈNH KIÊN GIANG", "BAN THI ĐUA - KHEN THƯỞNG"],
  subtitle: "Phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2021",
};
