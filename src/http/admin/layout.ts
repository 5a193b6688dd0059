/** @module The dashboard's page frame: head, top bar, tabs, flash message, footer. */
import type { Translate } from "../../i18n/i18n";
import { html, qs, type SafeHtml } from "./html";

/** Tabs of a campaign's pages, then the global ones. */
export type Tab = "overview" | "units" | "missing" | "ranking" | "outbox" | "audit";

/** What every page passes to the frame. */
export interface PageFrame {
  t: Translate;
  title: string;
  /** Campaign code the tabs link into (the current campaign when absent). */
  campaign?: string;
  period?: string;
  active?: Tab;
  flash?: { kind: "ok" | "err"; text: string };
  footer?: string;
}

const CAMPAIGN_TABS: Tab[] = ["overview", "units", "missing", "ranking"];

function tabHref(tab: Tab, campaign: string | undefined, period: string | undefined): string {
  if (tab === "outbox" || tab === "audit") return `/admin/${tab}`;
  const base = `/admin/c/${encodeURIComponent(campaign ?? "")}`;
  return `${tab === "overview" ? base : `${base}/${tab}`}${qs({ period })}`;
}

/** The whole HTML document of a page. */
export function page(f: PageFrame, body: SafeHtml): string {
  const { t } = f;
  const tabs = [...(f.campaign ? CAMPAIGN_TABS : []), "outbox", "audit"] as Tab[];
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${f.title} – ${t("dashboard.title")}</title><link rel="stylesheet" href="/admin/assets/dashboard.css"></head>
<body><header class="top"><div class="wrap"><a class="brand" href="/admin">${t("dashboard.brand")}<span class="opt"> · ${t("dashboard.title")}</span></a>
<form method="post" action="/admin/logout"><button type="submit">${t("dashboard.logout")}</button></form></div></header>
<nav class="tabs" aria-label="${t("dashboard.title")}"><div class="wrap">${tabs.map(
    (tab) => html`<a href="${tabHref(tab, f.campaign, f.period)}"${f.active === tab ? html` aria-current="page"` : ""}>${t(`dashboard.nav.${tab}`)}</a>`,
  )}</div></nav>
<main>${f.flash ? html`<p class="flash ${f.flash.kind}" role="status">${f.flash.text}</p>` : ""}${body}</main>
${f.footer ? html`<footer>${f.footer}</footer>` : ""}</body></html>`.__html;
}

/** A bare page for messages (login, disabled, errors). */
export function plainPage(t: Translate, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} – ${t("dashboard.title")}</title><link rel="stylesheet" href="/admin/assets/dashboard.css"></head>
<body><main>${body}</main></body></html>`.__html;
}
