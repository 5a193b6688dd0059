/**
 * Manual ranking adjustments (điểm cộng/trừ của Ban TĐKT) through the admin API and the dashboard form: a reason is
 * required, every adjustment shows in the ranking and the audit log; plus the API's input validation and auth.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotHarness } from "../../helpers/bot-harness";
import { createBoardHarness, json, startBoardServer, TOKEN } from "./board-env";

const auth = { authorization: `Bearer ${TOKEN}` };

describe("ranking adjustments and API validation", () => {
  let h: BotHarness;
  let server: Awaited<ReturnType<typeof startBoardServer>>;
  const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
  const get = (path: string, headers: Record<string, string> = auth) => fetch(`${server.url}${path}`, { headers, redirect: "manual" });
  const ADJ = "/api/campaigns/kg-2021/ranking/adjustments";

  beforeAll(async () => {
    h = await createBoardHarness("sqlite");
    server = await startBoardServer(h.runtime);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  it("refuses an adjustment without a reason, with zero points, for an unknown unit or campaign", async () => {
    const missing = await post(ADJ, { unit: "H-KIENHAI", points: 2 });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error).toMatchObject({ code: "bad_request", message: expect.stringContaining("reason") });
    expect((await post(ADJ, { unit: "H-KIENHAI", points: 2, reason: "   " })).status).toBe(400);
    expect((await post(ADJ, { unit: "H-KIENHAI", points: 0, reason: "x" })).status).toBe(400);
    expect((await post(ADJ, { unit: "H-KIENHAI", points: "2", reason: "x" })).status).toBe(400);
    expect((await post(ADJ, { unit: "H-KIENHAI", points: 2, reason: "x", extra: 1 })).status).toBe(400);
    expect((await post(ADJ, { unit: "NOPE", points: 2, reason: "x" })).status).toBe(404);
    expect((await post(ADJ, { unit: "BTDKT", points: 2, reason: "x" })).status).toBe(404);
    expect((await post("/api/campaigns/nope/ranking/adjustments", { unit: "H-KIENHAI", points: 2, reason: "x" })).status).toBe(404);
    expect((await post(ADJ, { unit: "H-KIENHAI", points: 2, reason: "x" }, {})).status).toBe(401);
    const rows = await h.runtime.db.rankingAdjustment.count();
    expect(rows).toBe(0);
  });

  it("stores an adjustment, shows it in the ranking with its reason and writes the audit log", async () => {
    const before = await json(get("/api/campaigns/kg-2021/ranking?group=CUM-1"));
    const kienHai = (r: typeof before) => r.clusters[0].units.find((u: { unit: string }) => u.unit === "H-KIENHAI");
    const res = await post(ADJ, { unit: "H-KIENHAI", points: -1.5, reason: "Báo cáo sai lệch số liệu quý I (Công văn 12/BTĐKT)" });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({ unit: "H-KIENHAI", points: -1.5, by: "admin" });
    const after = await json(get("/api/campaigns/kg-2021/ranking?group=CUM-1"));
    expect(kienHai(after).adjustmentPoints).toBe(-1.5);
    expect(kienHai(after).totalScore).toBeCloseTo(kienHai(before).totalScore - 1.5, 9);
    expect(kienHai(after).adjustments).toEqual([{ points: -1.5, reason: "Báo cáo sai lệch số liệu quý I (Công văn 12/BTĐKT)", by: "admin" }]);
    const audit = await h.runtime.db.auditLog.findFirst({ where: { action: "ranking.adjusted", entityId: created.id } });
    expect(audit).toMatchObject({ actor: "admin", entity: "RankingAdjustment", reason: "Báo cáo sai lệch số liệu quý I (Công văn 12/BTĐKT)" });
    expect(JSON.parse(audit!.afterJson!)).toMatchObject({ unit: "H-KIENHAI", points: -1.5 });
    expect(await h.runtime.audit.verifyChain()).toEqual({ ok: true });
    const page = await (await get("/admin/audit")).text();
    expect(page).toContain("ranking.adjusted");
    expect(page).toContain("Báo cáo sai lệch số liệu quý I (Công văn 12/BTĐKT)");
  });

  it("the dashboard form requires a reason too, and escapes what it shows", async () => {
    const form = (fields: Record<string, string>) =>
      fetch(`${server.url}/admin/c/kg-2021/ranking/adjustments`, {
        method: "POST", redirect: "manual",
        headers: { ...auth, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString(),
      });
    const refused = await form({ unit: "H-KIENHAI", points: "3", reason: "" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Phải ghi lý do cộng/trừ điểm.");
    const ok = await form({ unit: "H-KIENLUONG", points: "3", reason: "<script>alert(1)</script> & \"Dân vận khéo\"" });
    expect(ok.status).toBe(303);
    const page = await (await get(ok.headers.get("location")!)).text();
    expect(page).toContain("Đã ghi nhận +3 điểm cho Huyện Kiên Lương.");
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Dân vận khéo&quot;");
    expect(await h.runtime.db.auditLog.count({ where: { action: "ranking.adjusted" } })).toBe(2);
  });

  it("the outbox page lists failed and dead deliveries, escaped", async () => {
    const now = h.clock.now();
    const dead = await h.runtime.outboxRepo.enqueue({ dedupeKey: "board-test-dead", recipient: "telegram:42", kind: "reminder", message: { text: "Nhắc hạn <b>quý I</b>" } }, now);
    await h.runtime.outboxRepo.markFinal(dead.id, "dead", "400 Bad Request: <chat not found> & co");
    const retry = await h.runtime.outboxRepo.enqueue({ dedupeKey: "board-test-retry", recipient: "zalo:7", kind: "digest", message: { text: "Tổng hợp" } }, now);
    await h.runtime.outboxRepo.markRetry(retry.id, new Date(now.getTime() + 60_000), "503 Service Unavailable");
    const page = await (await get("/admin/outbox")).text();
    expect(page).toContain('data-status="dead"');
    expect(page).toContain('data-status="retry"');
    expect(page).toContain("400 Bad Request: &lt;chat not found&gt; &amp; co");
    expect(page).toContain("Nhắc hạn &lt;b&gt;quý I&lt;/b&gt;");
    expect(page).not.toContain("board-test-sent");
  });

  it("validates queries with clear 4xx JSON errors", async () => {
    const cases: [string, number, string][] = [
      ["/api/campaigns/kg-2021/progress?period=quy1", 400, "not a period code"],
      ["/api/campaigns/kg-2021/progress?period=2020-Q1", 400, "not in the campaign year"],
      ["/api/campaigns/kg-2021/progress?by=cluster", 400, "by"],
      ["/api/campaigns/kg-2021/progress?unit=NOPE", 404, "NOPE"],
      ["/api/campaigns/kg-2021/progress?colour=red", 400, "colour"],
      ["/api/campaigns/kg-2021/progress?at=yesterday", 400, "at"],
      ["/api/campaigns/kg-2021/ranking?group=CUM-99", 404, "CUM-99"],
      ["/api/campaigns/kg-2021/exports/progress?format=pdf", 400, "format"],
      ["/api/campaigns/kg-2021/charts/ranking.png", 400, "group"],
      ["/api/campaigns/nope/progress", 404, "nope"],
    ];
    for (const [path, status, text] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      const body = await json(res);
      expect(body.error.message, path).toContain(text);
    }
    expect((await get("/api/campaigns/kg-2021/progress", {})).status).toBe(401);
  });

  it("judges a view as of a given instant: Q1 on 1 March expects a sixth of the year", async () => {
    const res = await json(get("/api/campaigns/kg-2021/progress?period=2021-Q1&at=2021-03-01T08:00"));
    expect(res.elapsedShare).toBeCloseTo(60 / 365, 9);
    const late = await json(get("/api/campaigns/kg-2021/progress?at=2021-06-20T08:00"));
    expect(late.period).toBe("2021-H1");
  });

  it("dashboard sign-in: login form with the token sets an HttpOnly SameSite=Strict cookie; wrong tokens are refused", async () => {
    expect((await get("/admin/c/kg-2021", {})).status).toBe(303);
    const wrong = await fetch(`${server.url}/admin/login`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "token=nope&next=%2Fadmin" });
    expect(wrong.status).toBe(401);
    const login = await fetch(`${server.url}/admin/login`, {
      method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: TOKEN, next: "https://evil.example/" }).toString(),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/admin");
    const cookie = login.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/thidua_admin=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await get("/admin/c/kg-2021", { cookie: cookie.split(";")[0]! });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    const api = await get("/api/campaigns/kg-2021/progress", { cookie: cookie.split(";")[0]! });
    expect(api.status).toBe(200);
  });
});

describe("dashboard without ADMIN_TOKEN", () => {
  it("answers 503 on every page", async () => {
    const h = await createBoardHarness("sqlite");
    const server = await startBoardServer(h.runtime, { adminToken: null });
    try {
      const res = await fetch(`${server.url}/admin/c/kg-2021`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("chưa cấu hình ADMIN_TOKEN");
      expect((await fetch(`${server.url}/api/campaigns/kg-2021/progress`)).status).toBe(503);
    } finally {
      await server.close();
      await h.close();
    }
  }, 120_000);
});
