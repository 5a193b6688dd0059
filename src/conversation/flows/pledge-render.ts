/** @module Text of the giao ước conversation: the pledge with who has signed and who has not, and the sign request. */
import type { Translate } from "../../i18n/i18n";
import type { Cluster } from "../../domain/organisation/organisation";
import { pledgeProgress, type Pledge } from "../../domain/registration/pledge";
import type { BotServices } from "../services";
import { formatWhen } from "./registration-render";

/** Numbered commitments. */
export function commitmentLines(lines: readonly string[]): string {
  return lines.map((l, i) => `${i + 1}. ${l}`).join("\n");
}

/** The pledge, its commitments and its signatures ("Đã ký 2/3: … Chưa ký: …"). */
export function pledgeStatusText(t: Translate, services: BotServices, pledge: Pledge, cluster: Cluster, year: number): string {
  const { org, timeZone } = services;
  const p = pledgeProgress(pledge, cluster);
  const signed = p.signed.map((s) => t("registration.pledge.signed_line", {
    unit: org.unitById(s.unitId)?.name ?? s.unitId, by: org.officerById(s.officerId)?.name ?? "", when: formatWhen(s.signedAt, timeZone),
  }));
  const missing = p.missing.map((id) => t("registration.pledge.missing_line", { unit: org.unitById(id)?.name ?? id }));
  const parts = [
    t("registration.pledge.status_title", { cluster: cluster.name, year }),
    `${t("registration.pledge.commitments")}\n${commitmentLines(pledge.commitments)}`,
    `${t("registration.pledge.signed_count", { n: p.signed.length, total: cluster.memberUnitIds.length })}${signed.length ? `\n${signed.join("\n")}` : ""}`,
  ];
  if (missing.length) parts.push(`${t("registration.pledge.missing_title")}\n${missing.join("\n")}`);
  if (p.complete) parts.push(t("registration.pledge.all_signed_short"));
  return parts.join("\n\n");
}
