import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../../../src/conversation/channel-port.js";
import { createTelegramApi } from "../../../../src/channels/telegram/telegram-api.js";
import { runTelegramPolling } from "../../../../src/channels/telegram/telegram-polling.js";
import { createFakeTelegramServer, telegramUpdate, type FakeTelegramServer } from "../../../fakes/fake-telegram-server.js";

let fake: FakeTelegramServer;
beforeEach(async () => {
  fake = await createFakeTelegramServer();
});
afterEach(() => fake.close());

async function until(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("runTelegramPolling", () => {
  it("hands updates to the sink in order, advances the offset, and stops on abort", async () => {
    const got: InboundMessage[] = [];
    const ctrl = new AbortController();
    const api = createTelegramApi({ token: fake.token, apiRoot: fake.url });
    const loop = runTelegramPolling({
      api, signal: ctrl.signal, timeoutSec: 1,
      sink: { accept: async (m) => (got.push(m), "accepted") },
    });
    fake.pushUpdate(telegramUpdate("private-text"));
    fake.pushUpdate(telegramUpdate("edited-message"));
    fake.pushUpdate(telegramUpdate("start-code"));
    await until(() => got.length === 2);
    expect(got.map((m) => m.updateId)).toEqual(["telegram:871234501", "telegram:871234502"]);
    await until(() => fake.requests.some((r) => r.body.offset === 871234509));
    ctrl.abort();
    await loop;
  });

  it("reports a 409 conflict while a webhook is set, backs off, and resumes after deleteWebhook", async () => {
    const api = createTelegramApi({ token: fake.token, apiRoot: fake.url });
    await api.setWebhook({ url: "https://bot.example.vn/webhooks/telegram" });
    const errors: unknown[] = [];
    const got: string[] = [];
    const ctrl = new AbortController();
    const loop = runTelegramPolling({
      api, signal: ctrl.signal, timeoutSec: 1, backoffMs: 20,
      onError: (e) => errors.push(e),
      sink: { accept: async (m) => (got.push(m.updateId), "accepted") },
    });
    await until(() => errors.length >= 1);
    expect(String((errors[0] as Error).message)).toMatch(/409 Conflict/);
    await api.deleteWebhook();
    fake.pushUpdate(telegramUpdate("private-text"));
    await until(() => got.length === 1);
    ctrl.abort();
    await loop;
  });

  it("does not advance past an update the sink failed to store", async () => {
    const api = createTelegramApi({ token: fake.token, apiRoot: fake.url });
    let calls = 0;
    const ctrl = new AbortController();
    const loop = runTelegramPolling({
      api, signal: ctrl.signal, timeoutSec: 1, backoffMs: 10,
      sink: {
        accept: async () => {
          calls += 1;
          if (calls === 1) throw new Error("db down");
          return "accepted";
        },
      },
    });
    fake.pushUpdate(telegramUpdate("private-text"));
    await until(() => calls === 2);
    ctrl.abort();
    await loop;
  });
});
