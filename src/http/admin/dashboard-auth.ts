/**
 * @module Dashboard sign-in: a bearer header or the `thidua_admin` cookie set by a login form that checks
 * ADMIN_TOKEN in constant time. The cookie is HttpOnly and SameSite=Strict (no cross-site form can ride on it);
 * wrong attempts are limited per client address.
 */
import type { NextFunction, Request, Response } from "express";
import type { Translate } from "../../i18n/i18n";
import { safeEqual, tokenFromRequest } from "../middleware/admin-auth";
import { html } from "./html";
import { plainPage } from "./layout";

/** Cookie name read by admin-auth.ts's tokenFromRequest. */
export const SESSION_COOKIE = "thidua_admin";
const SESSION_SECONDS = 12 * 3600;
const MAX_FAILURES = 8;
const WINDOW_MS = 15 * 60_000;

/** True when the request carries the admin token (bearer or cookie). */
export function isSignedIn(req: Request, adminToken: string): boolean {
  const got = tokenFromRequest(req);
  return got !== undefined && safeEqual(got, adminToken);
}

/** Only same-site dashboard paths are followed after signing in (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/admin(?:[/?#]|$)/.test(next) && !next.startsWith("//") && !next.includes("\\") ? next : "/admin";
}

/** The sign-in form. */
export function loginPage(t: Translate, p: { next: string; error?: string }): string {
  return plainPage(
    t,
    t("dashboard.login.title"),
    html`<form class="login" method="post" action="/admin/login">
<h1>${t("dashboard.login.title")}</h1>${p.error ? html`<p class="flash err" role="alert">${p.error}</p>` : ""}
<input type="hidden" name="next" value="${p.next}">
<p><label for="token">${t("dashboard.login.token")}</label><br><input id="token" name="token" type="password" autocomplete="current-password" required autofocus></p>
<p><button class="primary" type="submit">${t("dashboard.login.submit")}</button></p><p class="sub">${t("dashboard.login.hint")}</p></form>`,
  );
}

/** Counts wrong tokens per client in a sliding window. */
export function createLoginLimiter(now: () => number = () => Date.now()) {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((at) => now() - at < WINDOW_MS);
  return {
    isBlocked: (key: string) => recent(key).length >= MAX_FAILURES,
    fail(key: string) {
      if (failures.size > 10_000) failures.clear();
      failures.set(key, [...recent(key), now()]);
    },
    reset: (key: string) => void failures.delete(key),
  };
}

/** POST /admin/login: checks the token, sets the session cookie, redirects to `next`. */
export function loginHandler(adminToken: string, t: Translate, limiter: ReturnType<typeof createLoginLimiter>) {
  return (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { token?: unknown; next?: unknown };
    const next = safeNext(body.next);
    const key = req.ip ?? "?";
    if (limiter.isBlocked(key)) return void res.status(429).type("html").send(loginPage(t, { next, error: t("dashboard.login.tooMany") }));
    const token = typeof body.token === "string" ? body.token.trim() : "";
    if (!token || !safeEqual(token, adminToken)) {
      limiter.fail(key);
      return void res.status(401).type("html").send(loginPage(t, { next, error: t("dashboard.login.wrong") }));
    }
    limiter.reset(key);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", secure: req.secure, path: "/", maxAge: SESSION_SECONDS * 1000 });
    res.redirect(303, next);
  };
}

/** Guards dashboard pages: a page request without a session goes to the form, anything else gets 401. */
export function requireSession(adminToken: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isSignedIn(req, adminToken)) return next();
    if (req.method === "GET" && req.accepts(["html", "json"]) === "html") return res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
    res.status(401).json({ error: { code: "unauthorized", message: "sign in at /admin/login or send the bearer token" } });
  };
}
