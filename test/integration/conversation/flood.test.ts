/**
 * One person flooding the bot: beyond the default limit (20 at once, then one every 2 s) messages are stored but not
 * handled, the person is told once, other people are answered as usual, and nothing the flood contained is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FLOOD_LIMIT } from "../../../src/conversation/flood-guard";
import { createTranslator } from "../../../src/i18n/i18n";
import { createBotHarness, type BotHarness } from "../../helpers/bot-harness";
import { testDbKinds } from "../../helpers/test-db";

describe.each(testDbKinds())("flood guard on %s", (kind) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ kind, floodLimit: DEFAULT_FLOOD_LIMIT });
  });
  afterAll(async () => h.close());

  it("answers 20 messages in a row, tells the sender once to slow down, ignores the rest, and keeps serving others", async () => {
    const answers: string[][] = [];
    for (let i = 0; i < 30; i++) answers.push(await h.say("/trogiup", { user: "flooder" }));
    const tooFast = createTranslator("vi")("core.too_fast");
    expect(answers.slice(0, 20).every((a) => a.length > 0 && !a.includes(tooFast))).toBe(true);
    expect(answers.slice(20).flat()).toEqual([tooFast]);
    expect((await h.say("/trogiup", { user: "someone-else" })).length).toBeGreaterThan(0);
    // Every update is stored (redeliveries stay deduplicated); the refused ones are closed as such.
    const refused = await h.runtime.db.inboundUpdate.count({ where: { error: { startsWith: "rate_limited" } } });
    expect(refused).toBe(10);
  });
});
