/**
 * The dependency rule of reference/architecture.md §3, checked on every `import` under src/.
 * `import type` from a port's owner is allowed where noted (a port belongs to its consumer).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (p.includes(`${path.sep}generated`)) return [];
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

interface Imp { file: string; target: string; typeOnly: boolean }

function imports(): Imp[] {
  return files("src").flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gm)].map((m) => {
      const spec = m[3]!;
      const target = spec.startsWith(".") ? path.normalize(path.join(path.dirname(file), spec)) : spec;
      return { file, target, typeOnly: Boolean(m[2]) };
    }),
  );
}

const layerOf = (p: string) => p.split(path.sep).slice(0, 2).join("/");
const all = imports();

function violations(layer: string, forbidden: (i: Imp) => boolean): string[] {
  return all.filter((i) => layerOf(i.file) === layer && forbidden(i)).map((i) => `${i.file} → ${i.target}`);
}

const isLayer = (i: Imp, ...layers: string[]) => layers.some((l) => i.target === l || i.target.startsWith(`${l}/`));
const FRAMEWORKS = ["zod", "@prisma/client", "telegraf", "express", "node-cron", "pg", "better-sqlite3"];
const isPkg = (i: Imp, ...pkgs: string[]) => pkgs.some((p) => i.target === p || i.target.startsWith(`${p}/`));

describe("architecture", () => {
  it("scans the real import graph", () => {
    expect(all.length).toBeGreaterThan(150);
    expect(all.some((i) => i.file.startsWith("src/domain/") && i.target.startsWith("src/shared"))).toBe(true);
  });
  it("domain imports only domain and shared, and no framework", () => {
    expect(violations("src/domain", (i) => isLayer(i, "src/storage", "src/conversation", "src/channels", "src/http", "src/scheduler", "src/app", "src/i18n", "src/config") || isPkg(i, ...FRAMEWORKS))).toEqual([]);
  });
  it("domain never reads the clock or the environment", () => {
    const bad = files("src/domain").filter((f) => /new Date\(\)|Date\.now\(\)|process\.env/.test(readFileSync(f, "utf8")));
    expect(bad).toEqual([]);
  });
  it("conversation does not touch storage, channels, HTTP or frameworks", () => {
    expect(violations("src/conversation", (i) => isLayer(i, "src/storage", "src/channels", "src/http", "src/scheduler", "src/app") || isPkg(i, "telegraf", "express", "@prisma/client", "node-cron"))).toEqual([]);
  });
  it("a channel adapter imports no domain, storage or other channel", () => {
    const bad = all.filter((i) => i.file.startsWith("src/channels/")).filter((i) => {
      const own = i.file.split(path.sep)[2];
      if (isLayer(i, "src/domain", "src/storage", "src/app")) return true;
      const m = /^src\/channels\/([^/]+)/.exec(i.target.split(path.sep).join("/"));
      return m !== null && m[1] !== own && m[1] !== "shared";
    });
    expect(bad.map((i) => `${i.file} → ${i.target}`)).toEqual([]);
  });
  it("storage does not import conversation flows, channels (except ports, type-only), http or scheduler", () => {
    expect(violations("src/storage", (i) => isLayer(i, "src/http", "src/scheduler", "src/app") || (isLayer(i, "src/channels", "src/conversation") && !i.typeOnly && !i.target.endsWith("channel-port")))).toEqual([]);
  });
  it("http does not touch storage or Prisma", () => {
    expect(violations("src/http", (i) => isLayer(i, "src/storage") || isPkg(i, "@prisma/client", "telegraf"))).toEqual([]);
  });
  it("shared imports nothing of the project", () => {
    expect(violations("src/shared", (i) => i.target.startsWith("src/"))).toEqual([]);
  });
  it("only the composition (app, cli, main) starts servers and cron", () => {
    const bad = files("src").filter((f) => !/^src\/(app|cli|main\.ts|scheduler)/.test(f)).filter((f) => /\.listen\(|cron\.schedule\(/.test(readFileSync(f, "utf8")));
    expect(bad).toEqual([]);
  });
});
