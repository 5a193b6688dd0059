import { afterEach, describe, expect, it } from "vitest";
import { createFixedClock } from "../../../src/shared/clock.js";
import { createZaloWebhookRoute } from "../../../src/http/webhooks/zalo.route.js";
import { signedZaloDelivery, zaloFixture, zaloFixtureText } from "../../fakes/fake-zalo-server.js";
import { createMemorySink, startApp } from "./webhook-harness.js";

const appId = "4104589211234567890";
const oaId = "579745863508352884";
const oaSecretKey = "OA-secret-KEY-from-webhook-settings";
let app: Awaited<ReturnType<typeof startApp>> | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(maxBodyBytes?: number) {
  const sink = createMemorySink();
  const clock = createFixedClock(new Date(1616994000123 + 30_000));
  app = await startApp((observe) => createZaloWebhookRoute({ appId, oaSecretKey, sink, clock, oaId, observe, maxBodyBytes }));
  return { sink, app, clock };
}

const deliver = (a: NonNullable<typeof app>, body: string | Record<string, unknown>, firstTerm?: string) => {
  const d = signedZaloDelivery({ appId, oaSecretKey, body, firstTerm });
  return a.post("/webhooks/zalo", d.raw, d.headers);
};

describe("POST /webhooks/zalo", () => {
  it("verifies the signature over the raw bytes, stores the event, answers 200", async () => {
    const { sink, app } = await start();
    const res = await deliver(app, zaloFixtureText("user-send-text"));
    expect(res.status).toBe(200);
    expect([...sink.stored.keys()]).toEqual(["zalo:96d3cdf3af150460909"]);
    expect(app.counters.snapshot()["zalo.accepted"]).toBe(1);
  });

  it("accepts decomposed (NFD) bodies exactly as sent and hands NFC text to the core", async () => {
    const { sink, app } = await start();
    expect((await deliver(app, zaloFixtureText("user-send-text-nfd"))).status).toBe(200);
    expect([...sink.stored.values()][0]!.text).toBe("Tiến độ của Phòng Nội vụ (Sở) đạt 85%");
  });

  it("a bad or missing signature is acknowledged with 200 but never processed, and counted", async () => {
    const { sink, app } = await start();
    const text = zaloFixtureText("user-send-text");
    const wrongKey = signedZaloDelivery({ appId, oaSecretKey: "not-the-key", body: text });
    expect((await app.post("/webhooks/zalo", wrongKey.raw, wrongKey.headers)).status).toBe(200);
    // Zalo's unsigned URL-save ping must get 200 too.
    expect((await app.post("/webhooks/zalo", text)).status).toBe(200);
    const good = signedZaloDelivery({ appId, oaSecretKey, body: text });
    const tampered = Buffer.from(text.replace("3.200", "9.999"));
    expect((await app.post("/webhooks/zalo", tampered, good.headers)).status).toBe(200);
    expect(sink.calls).toHaveLength(0);
    expect(app.counters.snapshot()["zalo.bad_signature"]).toBe(3);
  });

  it("accepts the oa_id-prefixed signature variant", async () => {
    const { sink, app } = await start();
    expect((await deliver(app, zaloFixtureText("user-send-text"), oaId)).status).toBe(200);
    expect(sink.stored.size).toBe(1);
  });

  it("a redelivery reaches the sink with the same update id", async () => {
    const { sink, app } = await start();
    await deliver(app, zaloFixtureText("user-send-text"));
    await deliver(app, zaloFixtureText("user-send-text"));
    expect(sink.calls.map((c) => c.msg.updateId)).toEqual(["zalo:96d3cdf3af150460909", "zalo:96d3cdf3af150460909"]);
    expect(app.counters.snapshot()).toMatchObject({ "zalo.accepted": 1, "zalo.duplicate": 1 });
  });

  it("drops OA echoes and stale (replayed) events without processing them", async () => {
    const { sink, app, clock } = await start();
    expect((await deliver(app, zaloFixtureText("oa-send-text-echo"))).status).toBe(200);
    clock.advance(48 * 3600_000);
    expect((await deliver(app, zaloFixtureText("user-send-text"))).status).toBe(200);
    expect(sink.calls).toHaveLength(0);
    expect(app.counters.snapshot()).toMatchObject({ "zalo.ignored": 1, "zalo.stale": 1 });
  });

  it("413 over the size limit, 400 on malformed JSON", async () => {
    const { sink, app } = await start(2048);
    expect((await deliver(app, zaloFixture("user-send-text", { pad: "x".repeat(4000) }))).status).toBe(413);
    expect((await app.post("/webhooks/zalo", "{oops")).status).toBe(400);
    expect(sink.calls).toHaveLength(0);
  });

  it("follow events reach the sink", async () => {
    const { sink, app } = await start();
    await deliver(app, zaloFixture("follow", { timestamp: "1616994000000" }));
    expect([...sink.stored.values()][0]!.event).toEqual({ type: "follow" });
  });
});
