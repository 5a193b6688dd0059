import { it } from "vitest";
import { writeFileSync } from "node:fs";
import { createBoardHarness, startBoardServer, TOKEN } from "./board-env";
it("scratch", async () => {
  const h = await createBoardHarness("sqlite");
  const s = await startBoardServer(h.runtime);
  const auth = { authorization: `Bearer ${TOKEN}` };
  for (const p of ["/admin/c/kg-2021", "/admin/c/kg-2021/units", "/admin/c/kg-2021/units/H-RACHGIA", "/admin/c/kg-2021/missing", "/admin/c/kg-2021/ranking", "/admin/outbox", "/admin/audit", "/admin/c/kg-2021?period=2020-Q1", "/admin/nope", "/api/campaigns/kg-2021/progress?by=unit&unit=H-HATIEN", "/api/campaigns/kg-2021/exports/progress?format=csv", "/api/campaigns/kg-2021/charts/ranking.png?group=CUM-1"]) {
    const t0 = performance.now();
    const r = await fetch(s.url + p, { headers: auth, redirect: "manual" });
    const body = Buffer.from(await r.arrayBuffer());
    console.log(p, r.status, r.headers.get("content-type"), body.length, Math.round(performance.now() - t0), "ms");
    writeFileSync(`/tmp/scratch/page${p.replace(/[/?&=]/g, "_")}.${r.headers.get("content-type")?.includes("png") ? "png" : "html"}`, body);
  }
  const r = await fetch(s.url + "/admin/c/kg-2021", { redirect: "manual" });
  console.log("noauth", r.status, r.headers.get("location"));
  await s.close();
  await h.close();
}, 60000);
