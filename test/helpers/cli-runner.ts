/** Runs an operator CLI command in-process against a harness's runtime and returns what it printed. */
import type { CliCommand, CliContext } from "../../src/app/feature";
import { loadConfig } from "../../src/config/config";
import type { BotHarness } from "./bot-harness";

export function cliRunner(h: BotHarness, command: CliCommand): (...args: string[]) => Promise<string> {
  return async (...args) => {
    const out: string[] = [];
    const ctx: CliContext = { db: h.runtime.db, config: loadConfig({ DATABASE_URL: h.tdb.url }), print: (s) => out.push(s), runtime: async () => h.runtime };
    await command(ctx, args);
    return out.join("\n");
  };
}
