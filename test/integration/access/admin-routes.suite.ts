/**
 * Promise: every admin route (JSON API under /api, and the /admin dashboard when mounted) answers 401 without the
 * bearer token or with a wrong one, 503 when ADMIN_TOKEN is not configured, and never leaks data to a request that
 * dodges the check through path tricks. The routes are enumerated from the express router stack of the started app,
 * so routes added later are covered by themselves; any route outside /api and /admin must be one of the known
 * public ones (health and the three webhooks). Auth does not depend on the database: runs on the first available.
 */
import type { Express } from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { post, startE2e, type E2eServer } from "../../helpers/e2e-server";
import { rawRequest } from "../hostile/promise-kit";
import type { TestDbKind } from "../../helpers/test-db";

/** The admin token the caller must configure. */
export const ACCESS_ADMIN_TOKEN = "access-admin-token-0123456789abcdef";
const ADMIN_TOKEN = ACCESS_ADMIN_TOKEN;
const PUBLIC = ["GET /healthz", "POST /webhooks/telegram", "POST /webhooks/zalo", "POST /webhooks/zalo-bot"];
/** Dashboard routes that must answer without a session: its stylesheet and the sign-in/out endpoints (tested below). */
const DASHBOARD_OPEN = ["GET /admin/assets/dashboard.css", "GET /admin/login", "POST /admin/login", "POST /admin/logout"];

interface RouteInfo {
  method: string;
  path: string;
}

interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: unknown;
}

/** Walks the router stack (express 5 / router 2): routes with their full paths, mounted routers recursively. */
function routesOf(app: Express): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) for (const m of Object.keys(layer.route.methods)) if (m !== "_all") out.push({ method: m.toUpperCase(), path: `${prefix}${p}` });
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : "";
        walk(layer.handle.stack, `${prefix}${mount}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, "");
  return out;
}

/** Fills route parameters with plausible values (the bundled campaign code, unknown ids elsewhere). */
function concrete(path: string): string {
  return path.replace(/:code\b/g, "kg-2021").replace(/:(\w+)/g, "x-$1").replace(/\*\w*/g, "x");
}

function appOf(e: E2eServer): Express {
  return e.server.server.listeners("request")[0] as Express;
}

/** The admin-route tests, against a bot started by the caller with ACCESS_ADMIN_TOKEN (a second one without it is started here). */
export function adminRouteTests(server: () => E2eServer, kind: TestDbKind): void {
  let e: E2eServer;
  let off: E2eServer;
  let routes: RouteInfo[];
  const isAdmin = (r: RouteInfo) => r.path.startsWith("/api") || r.path.startsWith("/admin");
  const adminRoutes = () => routes.filter(isAdmin);
  /** Admin routes that must refuse a request without the token. */
  const guarded = () => adminRoutes().filter((r) => !DASHBOARD_OPEN.includes(`${r.method} ${r.path}`));
  const call = (s: E2eServer, r: RouteInfo, headers: Record<string, string> = {}) =>
    post(`${s.url}${concrete(r.path)}`, r.method === "GET" ? "" : "{}", headers, r.method);

  beforeAll(async () => {
    e = server();
    off = await startE2e(kind, { db: e.tdb, env: { ADMIN_TOKEN: undefined } });
    routes = routesOf(appOf(e));
  });
  afterAll(async () => {
    await off?.stop();
  });

  it("finds the admin routes, and every other route is a known public one", () => {
    expect(adminRoutes().length).toBeGreaterThanOrEqual(5);
    expect(adminRoutes().map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(["GET /api/campaigns", "GET /api/deliveries", "POST /api/parse"]));
    const others = routes.filter((r) => !adminRoutes().includes(r)).map((r) => `${r.method} ${r.path}`);
    expect(others.filter((r) => !PUBLIC.includes(r)), "routes outside /api and /admin must be public on purpose").toEqual([]);
  });

  it("every admin route answers 401 without a token or with a wrong one, in any form", async () => {
    const wrong: [string, Record<string, string>][] = [
      ["none", {}],
      ["wrong bearer", { authorization: `Bearer ${ADMIN_TOKEN}x` }],
      ["prefix of the token", { authorization: `Bearer ${ADMIN_TOKEN.slice(0, 16)}` }],
      ["empty bearer", { authorization: "Bearer " }],
      ["lower-case scheme", { authorization: `bearer ${ADMIN_TOKEN}` }],
      ["basic auth", { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString("base64")}` }],
      ["token as a header of its own", { "x-admin-token": ADMIN_TOKEN }],
      ["wrong cookie", { cookie: "thidua_admin=guess" }],
    ];
    for (const r of guarded()) {
      for (const [label, headers] of wrong) {
        const res = await call(e, r, headers);
        expect(res.body, `${r.method} ${r.path} (${label})`).not.toContain("Rạch Giá");
        expect(res.body).not.toContain("kg-2021\",\"title");
        // Dashboard pages send a browser to the sign-in form; everything else is 401.
        if (r.path.startsWith("/admin") && r.method === "GET" && res.status === 303) continue;
        expect(res.status, `${r.method} ${r.path} (${label})`).toBe(401);
      }
    }
    // The token in the query string is not a credential either.
    expect((await post(`${e.url}/api/campaigns?token=${ADMIN_TOKEN}`, "", {}, "GET")).status).toBe(401);
  });

  it("the dashboard's open routes show no data, and signing in needs the token (guessing is limited)", async () => {
    const open = adminRoutes().filter((r) => DASHBOARD_OPEN.includes(`${r.method} ${r.path}`));
    if (open.length === 0) return; // no dashboard mounted
    const css = await post(`${e.url}/admin/assets/dashboard.css`, "", {}, "GET");
    expect(css.body).not.toMatch(/Rạch Giá|kg-2021|<form/);
    const form = await post(`${e.url}/admin/login`, "", {}, "GET");
    expect(form.body).toContain("<form");
    expect(form.body).not.toContain("Rạch Giá");
    const login = (token: string, ip = "10.0.0.1") => rawRequest(`${e.url}/admin/login`, {
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip }, chunks: [`token=${encodeURIComponent(token)}&next=%2Fadmin`],
    });
    const wrongLogin = await login("guess");
    expect(wrongLogin.status).toBe(401);
    expect(wrongLogin.headers?.["set-cookie"]).toBeUndefined();
    const ok = await login(ADMIN_TOKEN);
    expect(ok.status).toBe(303);
    const cookie = String(ok.headers?.["set-cookie"] ?? "");
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    // The session works for the pages and the API; a forged cookie does not.
    const session = cookie.split(";")[0]!;
    expect((await post(`${e.url}/api/campaigns`, "", { cookie: session }, "GET")).status).toBe(200);
    expect((await post(`${e.url}/api/campaigns`, "", { cookie: "thidua_admin=guess" }, "GET")).status).toBe(401);
    // After repeated wrong tokens even the right one is refused for a while.
    for (let i = 0; i < 10; i++) await login(`guess-${i}`, "127.0.0.1");
    const blocked = await login(ADMIN_TOKEN, "127.0.0.1");
    expect(blocked.status).toBe(429);
    expect(blocked.headers?.["set-cookie"]).toBeUndefined();
  });

  it("path tricks do not get around the check", async () => {
    const tricks = ["/API/campaigns", "/Api/Campaigns", "//api/campaigns", "/api//campaigns", "/api/./campaigns", "/x/../api/campaigns",
      "/api%2Fcampaigns", "/api/campaigns/", "/api/campaigns;x", "/api/campaigns%00", "/%61pi/campaigns", "/api/campaigns?x=1#y"];
    for (const p of tricks) {
      const res = await post(`${e.url}${p}`, "", {}, "GET");
      expect([400, 401, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain("\"code\":\"kg-2021\"");
    }
  });

  it("with the right token the routes work (no 401/503, no 500 on odd parameters)", async () => {
    for (const r of guarded()) {
      const res = await call(e, r, { authorization: `Bearer ${ADMIN_TOKEN}` });
      expect([401, 503], `${r.method} ${r.path}`).not.toContain(res.status);
      expect(res.status, `${r.method} ${r.path}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
    }
  });

  it("without ADMIN_TOKEN configured every admin route answers 503, even to a request carrying a token", async () => {
    for (const r of routesOf(appOf(off)).filter((x) => isAdmin(x) && x.path !== "/admin/assets/dashboard.css")) {
      for (const headers of [{}, { authorization: `Bearer ${ADMIN_TOKEN}` }, { authorization: "Bearer " }] as Record<string, string>[]) {
        const res = await call(off, r, headers);
        expect(res.status, `${r.method} ${r.path}`).toBe(503);
      }
    }
    expect((await post(`${off.url}/healthz`, "", {}, "GET")).status).toBe(200);
  });
}
