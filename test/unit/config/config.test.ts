import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, envSchema, loadConfig } from "../../../src/config/config";

describe("config", () => {
  it("applies the runtime-contract defaults", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe("file:./data/thidua.db");
    expect(c.timeZone).toBe("Asia/Ho_Chi_Minh");
    expect(c.defaultLocale).toBe("vi");
    expect(c.schedulerEnabled).toBe(true);
    expect(c.telegram).toBeUndefined();
  });

  it("reports every invalid value in one error", () => {
    try {
      loadConfig({ PORT: "abc", DEFAULT_LOCALE: "fr", APP_TIMEZONE: "Mars/Base", DATABASE_URL: "mysql://x" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as ConfigError).message;
      for (const key of ["PORT", "DEFAULT_LOCALE", "APP_TIMEZONE", "DATABASE_URL"]) expect(msg).toContain(key);
    }
  });

  it("enables channels only when their keys are present and together", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: "123:abc", TELEGRAM_API_ROOT: "http://127.0.0.1:9999/", ZALO_BOT_TOKEN: "1:x" });
    expect(c.telegram?.apiRoot).toBe("http://127.0.0.1:9999");
    expect(c.zaloBot?.apiBase).toBe("https://bot-api.zaloplatforms.com");
    expect(() => loadConfig({ ZALO_OA_APP_ID: "1" })).toThrow(/must be set together/);
  });

  it(".env.example lists exactly the schema's variables", () => {
    const keys = readFileSync(".env.example", "utf8")
      .split("\n")
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split("=")[0]);
    expect([...keys].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("only src/config reads process.env", async () => {
    const { execSync } = await import("node:child_process");
    const hits = execSync("grep -rl 'process\\.env' src --include=*.ts || true").toString().trim().split("\n").filter(Boolean);
    expect(hits.filter((f) => !f.startsWith("src/config/") && !f.startsWith("src/storage/generated/") && f !== "src/cli/chat.ts")).toEqual([]);
  });
});
