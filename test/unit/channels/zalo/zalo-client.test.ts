import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZaloClient } from "../../../../src/channels/zalo/zalo-client.js";
import { ZaloApiError } from "../../../../src/channels/zalo/zalo-errors.js";
import { createZaloOaSender } from "../../../../src/channels/zalo/zalo-oa-adapter.js";
import { createZaloTokenManager } from "../../../../src/channels/zalo/zalo-token-manager.js";
import { NetworkError, UnexpectedResponseError } from "../../../../src/channels/shared/channel-errors.js";
import { systemClock } from "../../../../src/shared/clock.js";
import { createFakeZaloServer, type FakeZaloServer } from "../../../fakes/fake-zalo-server.js";
import { createInMemoryTokenStore } from "../in-memory-token-store.js";

const user = "4680982613432547863";
let fake: FakeZaloServer;

beforeEach(async () => {
  fake = await createFakeZaloServer();
});
afterEach(() => fake.close());

function setup() {
  const store = createInMemoryTokenStore({
    oa: { accessToken: fake.issueAccessToken(), refreshToken: fake.issueRefreshToken(), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const tokens = createZaloTokenManager({ id: "oa", appId: fake.appId, appSecret: fake.appSecret, oauthBase: fake.url, store, clock: systemClock });
  const client = createZaloClient({ apiBase: fake.url, tokens });
  return { client, tokens, store };
}

const staticTokens = { getAccessToken: async () => "tok", refreshAfterRejection: async () => "tok2" };
const answering = (body: string) => (async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } })) as typeof fetch;

describe("Zalo OA client", () => {
  it("sends the token in the access_token header, never as Authorization: Bearer or in the URL", async () => {
    const { client, store } = setup();
    const res = await client.sendCsMessage(user, { text: "xin chào" });
    expect(res.messageId).toMatch(/^\d+$/);
    const req = fake.requests.at(-1)!;
    expect(req.path).toBe("/v3.0/oa/message/cs");
    expect(req.headers.access_token).toBe((await store.load("oa"))!.accessToken);
    expect(req.headers.authorization).toBeUndefined();
    expect(req.query).toEqual({});
    expect(req.body).toEqual({ recipient: { user_id: user }, message: { text: "xin chào" } });
  });

  it("sends GET parameters as one JSON data parameter", async () => {
    const { client } = setup();
    const detail = await client.getUserDetail(user);
    expect(detail).toMatchObject({ user_id: user, user_is_follower: true });
    expect(fake.requests.at(-1)!.query).toEqual({ data: JSON.stringify({ user_id: user }) });
  });

  it("looks up the send quota", async () => {
    const { client } = setup();
    expect(await client.getMessageQuota(user)).toMatchObject({ last_interaction: "1677721200000" });
  });

  it("turns error != 0 (inside HTTP 200) into ZaloApiError with endpoint, code and rate-limit header", async () => {
    const { client } = setup();
    fake.failNext(user, -32);
    const err = (await client.sendCsMessage(user, { text: "x" }).catch((e: unknown) => e)) as ZaloApiError;
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ endpoint: "/v3.0/oa/message/cs", zaloCode: -32, rateLimitRemain: 0 });
  });

  it("on an expired token refreshes once and retries once", async () => {
    const { client } = setup();
    fake.expireAccessTokens();
    await client.sendCsMessage(user, { text: "nhắc hạn" });
    expect(fake.tokenCalls()).toBe(1);
    expect(fake.requests.filter((r) => r.path === "/v3.0/oa/message/cs")).toHaveLength(2);
    expect(fake.delivered(user)).toHaveLength(1);
  });

  it("never loops: a second rejection after the refresh is thrown", async () => {
    const { client } = setup();
    fake.failNext(user, -216, 3);
    await expect(client.sendCsMessage(user, { text: "x" })).rejects.toMatchObject({ zaloCode: -216 });
    expect(fake.tokenCalls()).toBe(1);
    expect(fake.requests.filter((r) => r.path === "/v3.0/oa/message/cs")).toHaveLength(2);
  });

  it("keeps ids above 2^53 exact even when sent as bare numbers", async () => {
    const client = createZaloClient({ tokens: staticTokens, fetch: answering('{"error":0,"data":{"message_id":72451283123456789012}}') });
    expect((await client.sendCsMessage(user, { text: "x" })).messageId).toBe("72451283123456789012");
  });

  it("a body of the wrong shape is our bug (UnexpectedResponseError); a dead host is a NetworkError", async () => {
    const odd = createZaloClient({ tokens: staticTokens, fetch: answering('{"foo":1}') });
    await expect(odd.sendCsMessage(user, { text: "x" })).rejects.toBeInstanceOf(UnexpectedResponseError);
    const badData = createZaloClient({ tokens: staticTokens, fetch: answering('{"error":0,"data":{"user_id":12}}') });
    await expect(badData.uploadImage(new Uint8Array(1), "a.png")).rejects.toBeInstanceOf(UnexpectedResponseError);
    const dead = createZaloClient({ tokens: staticTokens, apiBase: "http://127.0.0.1:1" });
    await expect(dead.sendCsMessage(user, { text: "x" })).rejects.toBeInstanceOf(NetworkError);
  });
});

describe("Zalo OA sender specifics", () => {
  const choices = (n: number) => [Array.from({ length: n }, (_, i) => ({ label: `Lựa chọn ${i + 1}`, data: `c${i + 1}` }))];

  it("sends up to five buttons as oa.query.hide with prefixed payloads", async () => {
    const { client } = setup();
    await createZaloOaSender({ client }).send({ channel: "zalo", chatId: user }, { text: "Chọn", buttons: choices(5) });
    const att = fake.delivered(user)[0]!.attachment!;
    expect(att.type).toBe("template");
    const buttons = att.payload.buttons as { type: string; payload: string }[];
    expect(buttons).toHaveLength(5);
    expect(buttons[0]).toEqual({ title: "Lựa chọn 1", type: "oa.query.hide", payload: "#cb:c1" });
  });

  it("turns more than five buttons into numbered choices and tells the core", async () => {
    const { client } = setup();
    const offered: string[] = [];
    const sender = createZaloOaSender({ client, translate: () => "Trả lời bằng số.", onNumberedChoices: (_to, b) => offered.push(...b.map((x) => x.data)) });
    await sender.send({ channel: "zalo", chatId: user }, { text: "Chọn", buttons: choices(6) });
    const [sent] = fake.delivered(user);
    expect(sent!.attachment).toBeUndefined();
    expect(sent!.text).toBe("Chọn\n\n1. Lựa chọn 1\n2. Lựa chọn 2\n3. Lựa chọn 3\n4. Lựa chọn 4\n5. Lựa chọn 5\n6. Lựa chọn 6\nTrả lời bằng số.");
    expect(offered).toEqual(["c1", "c2", "c3", "c4", "c5", "c6"]);
  });

  it("sends to a GMF group through the group endpoint", async () => {
    const { client } = setup();
    await createZaloOaSender({ client }).send({ channel: "zalo", chatId: "f414c8f76fa586fbdfb4", isGroup: true }, { text: "Nhắc cụm 1" });
    expect(fake.requests.at(-1)!.path).toBe("/v3.0/oa/group/message");
    expect(fake.delivered("f414c8f76fa586fbdfb4")[0]!.text).toBe("Nhắc cụm 1");
  });

  it("uploads a chart and sends it as a media template before the text", async () => {
    const { client } = setup();
    await createZaloOaSender({ client }).send({ channel: "zalo", chatId: user }, { text: "Biểu đồ", imagePng: new Uint8Array(2048) });
    const [image, text] = fake.delivered(user);
    expect(image!.attachment).toMatchObject({ type: "template", payload: { template_type: "media", elements: [{ media_type: "image" }] } });
    expect(text!.text).toBe("Biểu đồ");
  });

  it("an image over Zalo's 1 MB limit is a permanent failure (-210)", async () => {
    const { client } = setup();
    await expect(
      createZaloOaSender({ client }).send({ channel: "zalo", chatId: user }, { text: "x", imagePng: new Uint8Array(1024 * 1024 + 1) }),
    ).rejects.toMatchObject({ kind: "permanent" });
  });

  it("maps the documented codes to outbox kinds", async () => {
    const { client } = setup();
    const sender = createZaloOaSender({ client });
    const expectations: [number, string][] = [[-211, "rate_limited"], [-218, "rate_limited"], [-213, "unreachable"], [-227, "unreachable"],
      [-232, "unreachable"], [-244, "unreachable"], [-210, "permanent"], [-224, "auth"]];
    for (const [code, kind] of expectations) {
      fake.failNext(user, code);
      await expect(sender.send({ channel: "zalo", chatId: user }, { text: "x" })).rejects.toMatchObject({ kind });
    }
  });
});
