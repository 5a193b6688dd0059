/** @module Operations pages: failed deliveries of the outbox, and the hash-chained audit log. */
import type { Delivery } from "../../../delivery/outbox";
import type { Translate } from "../../../i18n/i18n";
import { when } from "../format";
import { html, qs, type SafeHtml } from "../html";
import type { AuditRow } from "../dashboard-deps";

/** Statuses the board must look at: still retrying, dead-lettered, recipient unreachable. */
export const FAILED_STATUSES = ["retry", "dead", "unreachable"] as const;

function shorten(s: string | null, max = 160): string {
  if (!s) return "";
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The failed deliveries page's body. */
export function outboxPage(p: { rows: readonly Delivery[]; counts: Record<string, number>; t: Translate; timeZone: string }): SafeHtml {
  const { t } = p;
  const counts = Object.entries(p.counts).map(([k, v]) => `${k}: ${v}`).join(", ") || "0";
  const rows = p.rows.map((d) => html`<tr data-status="${d.status}"><td><span class="badge ${d.status === "retry" ? "s-at_risk" : "s-behind"}">${t(`dashboard.outbox.status.${d.status}`)}</span></td>
<td class="mono">${d.recipient}</td><td class="opt">${d.kind}</td><td class="num">${d.attempts}</td><td>${shorten(d.lastError)}${d.note ? html`<span class="hint">${d.note}</span>` : ""}</td>
<td class="nowrap opt">${d.status === "retry" ? when(d.nextAttemptAt, p.timeZone) : "–"}</td><td class="opt">${shorten(d.message.text, 90)}</td></tr>`);
  return html`<h1>${t("dashboard.outbox.title")}</h1><p class="sub">${t("dashboard.outbox.sub", { counts })}</p>
<div class="table-wrap"><table id="outbox"><thead><tr><th>${t("dashboard.col.state")}</th><th>${t("dashboard.col.recipient")}</th><th class="opt">${t("dashboard.col.kind")}</th>
<th class="num">${t("dashboard.col.attempts")}</th><th>${t("dashboard.col.error")}</th><th class="opt">${t("dashboard.col.next")}</th><th class="opt">${t("dashboard.col.detail")}</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="7" class="muted">${t("dashboard.common.none")}</td></tr>`}</tbody></table></div>`;
}

/** The audit log page's body (newest first, 100 per page). */
export function auditPage(p: { rows: readonly AuditRow[]; chain: { ok: boolean; brokenAt?: number }; t: Translate; timeZone: string; limit: number }): SafeHtml {
  const { t } = p;
  const chain = p.chain.ok ? html`<p class="flash ok">${t("dashboard.audit.ok")}</p>` : html`<p class="flash err" role="alert">${t("dashboard.audit.broken", { seq: p.chain.brokenAt ?? "?" })}</p>`;
  const rows = p.rows.map((r) => html`<tr><td class="num">${r.seq}</td><td class="nowrap">${when(r.at, p.timeZone)}</td><td class="mono">${r.actor}</td><td>${r.action}</td>
<td class="opt mono">${r.entity} ${r.entityId}</td><td>${r.reason ?? ""}</td><td class="opt mono">${shorten(r.after, 200)}</td></tr>`);
  const last = p.rows.at(-1);
  const older = last && p.rows.length >= p.limit ? html`<p><a href="/admin/audit${qs({ before: last.seq })}">${t("dashboard.audit.older")} →</a></p>` : "";
  return html`<h1>${t("dashboard.audit.title")}</h1>${chain}
<div class="table-wrap"><table id="audit"><thead><tr><th class="num">${t("dashboard.col.seq")}</th><th>${t("dashboard.col.at")}</th><th>${t("dashboard.col.actor")}</th><th>${t("dashboard.col.action")}</th>
<th class="opt">${t("dashboard.col.entity")}</th><th>${t("dashboard.col.reason")}</th><th class="opt">${t("dashboard.col.detail")}</th></tr></thead>
<tbody>${rows.length ? rows : html`<tr><td colspan="7" class="muted">${t("dashboard.common.none")}</td></tr>`}</tbody></table></div>${older}`;
}
