import { afterEach, describe, expect, it } from "vitest";
import { createZaloBotWebhookRoute } from "../../../src/http/webhooks/zalo-bot.route.js";
import { zaloFixture, zaloFixtureText } from "../../fakes/fake-zalo-server.js";
import { createMemorySink, startApp } from "./webhook-harness.js";

const secret = "zalo-bot-webhook-secret";
const header = { "x-bot-api-secret-token": secret };
let app: Awaited<ReturnType<typeof startApp>> | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start() {
  const sink = createMemorySink();
  app = await startApp((observe) => createZaloBotWebhookRoute({ secret, sink, observe, maxBodyBytes: 2048 }));
  return { sink, app };
}

describe("POST /webhooks/zalo-bot", () => {
  it("accepts the wrapped and unwrapped forms", async () => {
    const { sink, app } = await start();
    expect((await app.post("/webhooks/zalo-bot", zaloFixtureText("bot-text-wrapped"), header)).status).toBe(200);
    expect((await app.post("/webhooks/zalo-bot", zaloFixtureText("bot-text-unwrapped"), header)).status).toBe(200);
    expect([...sink.stored.keys()]).toEqual([
      "zalo-bot:message.text.received:2d758cb5e222177a4e35",
      "zalo-bot:message.text.received:3e869dc6f333288b5f46",
    ]);
  });

  it("a wrong or missing secret is 401 and changes nothing", async () => {
    const { sink, app } = await start();
    expect((await app.post("/webhooks/zalo-bot", zaloFixtureText("bot-text-wrapped"), { "x-bot-api-secret-token": "x" })).status).toBe(401);
    expect((await app.post("/webhooks/zalo-bot", zaloFixtureText("bot-text-wrapped"))).status).toBe(401);
    expect(sink.calls).toHaveLength(0);
  });

  it("a redelivery reaches the sink with the same update id", async () => {
    const { sink, app } = await start();
    await app.post("/webhooks/zalo-bot", zaloFixtureText("bot-text-wrapped"), header);
    await app.post("/webhooks/zalo-bot", zaloFixtureText("bot-text-wrapped"), header);
    expect(new Set(sink.calls.map((c) => c.msg.updateId)).size).toBe(1);
    expect(sink.calls).toHaveLength(2);
    expect(sink.stored.size).toBe(1);
  });

  it("413, 400, and 200 without processing for stickers", async () => {
    const { sink, app } = await start();
    const big = JSON.stringify(zaloFixture("bot-text-unwrapped", { pad: "x".repeat(4000) }));
    expect((await app.post("/webhooks/zalo-bot", big, header)).status).toBe(413);
    expect((await app.post("/webhooks/zalo-bot", "nope", header)).status).toBe(400);
    expect((await app.post("/webhooks/zalo-bot", zaloFixtureText("bot-sticker"), header)).status).toBe(200);
    expect(sink.calls).toHaveLength(0);
  });
});
