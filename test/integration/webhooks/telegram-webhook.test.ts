import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createTelegramWebhookRoute } from "../../../src/http/webhooks/telegram.route.js";
import { telegramUpdate } from "../../fakes/fake-telegram-server.js";
import { createMemorySink, startApp } from "./webhook-harness.js";

const secret = "tg-webhook-SECRET_123";
const header = { "x-telegram-bot-api-secret-token": secret };
let app: Awaited<ReturnType<typeof startApp>> | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(extra: Partial<Parameters<typeof createTelegramWebhookRoute>[0]> = {}, before?: (a: express.Express) => void) {
  const sink = createMemorySink();
  app = await startApp((observe) => createTelegramWebhookRoute({ secret, sink, observe, botUsername: "ThiDuaTestBot", ...extra }), before);
  return { sink, app };
}

describe("POST /webhooks/telegram", () => {
  it("stores the update, then answers 200", async () => {
    const { sink, app } = await start();
    const res = await app.post("/webhooks/telegram", JSON.stringify(telegramUpdate("private-text")), header);
    expect(res.status).toBe(200);
    expect([...sink.stored.keys()]).toEqual(["telegram:871234501"]);
    expect(sink.calls[0]!.raw).toMatchObject({ update_id: 871234501 });
  });

  it("does not answer before the sink has stored the update", async () => {
    const { sink, app } = await start();
    let open!: () => void;
    sink.holdUntil(new Promise<void>((r) => (open = r)));
    let answered = false;
    const pending = app.post("/webhooks/telegram", JSON.stringify(telegramUpdate("private-text")), header).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 80));
    expect(sink.calls).toHaveLength(1);
    expect(answered).toBe(false);
    open();
    expect((await pending).status).toBe(200);
  });

  it("a wrong or missing secret is 401 and changes nothing", async () => {
    const { sink, app } = await start();
    const body = JSON.stringify(telegramUpdate("private-text"));
    expect((await app.post("/webhooks/telegram", body, { "x-telegram-bot-api-secret-token": "nope" })).status).toBe(401);
    expect((await app.post("/webhooks/telegram", body)).status).toBe(401);
    expect((await app.post("/webhooks/telegram", body, { "x-telegram-bot-api-secret-token": `${secret}x` })).status).toBe(401);
    expect(sink.calls).toHaveLength(0);
    expect(app.counters.snapshot()["telegram.bad_secret"]).toBe(3);
  });

  it("a redelivered update reaches the sink with the same update id and is reported duplicate", async () => {
    const { sink, app } = await start();
    const body = JSON.stringify(telegramUpdate("group-command"));
    expect((await app.post("/webhooks/telegram", body, header)).status).toBe(200);
    expect((await app.post("/webhooks/telegram", body, header)).status).toBe(200);
    expect(sink.calls.map((c) => c.msg.updateId)).toEqual(["telegram:871234503", "telegram:871234503"]);
    expect(sink.stored.size).toBe(1);
    expect(app.counters.snapshot()).toMatchObject({ "telegram.accepted": 1, "telegram.duplicate": 1 });
  });

  it("413 over the size limit, 400 on malformed JSON, 200 without processing for ignored updates", async () => {
    const { sink, app } = await start({ maxBodyBytes: 1024 });
    expect((await app.post("/webhooks/telegram", JSON.stringify({ update_id: 1, pad: "x".repeat(2000) }), header)).status).toBe(413);
    expect((await app.post("/webhooks/telegram", "{not json", header)).status).toBe(400);
    expect((await app.post("/webhooks/telegram", "42", header)).status).toBe(400);
    expect((await app.post("/webhooks/telegram", JSON.stringify(telegramUpdate("edited-message")), header)).status).toBe(200);
    expect(sink.calls).toHaveLength(0);
  });

  it("answers 500 when the sink fails, so Telegram redelivers", async () => {
    const { sink, app } = await start();
    sink.failNext(new Error("database is locked"));
    const res = await app.post("/webhooks/telegram", JSON.stringify(telegramUpdate("private-text")), header);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("database");
  });

  it("answers a newly accepted button press's callback query", async () => {
    const answered: string[] = [];
    const { app } = await start({ answerCallbackQuery: async (id) => answered.push(id) });
    const body = JSON.stringify(telegramUpdate("callback-query"));
    await app.post("/webhooks/telegram", body, header);
    await app.post("/webhooks/telegram", body, header);
    expect(answered).toEqual(["4382bfdwdsb323b2d9"]);
  });

  it("refuses to run behind a global JSON parser (the raw body would be gone)", async () => {
    const { sink, app } = await start({}, (a) => a.use(express.json()));
    const res = await app.post("/webhooks/telegram", JSON.stringify(telegramUpdate("private-text")), header);
    expect(res.status).toBe(500);
    expect(sink.calls).toHaveLength(0);
  });
});
