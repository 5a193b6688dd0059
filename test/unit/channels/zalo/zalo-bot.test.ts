import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZaloBotClient, ZaloBotApiError } from "../../../../src/channels/zalo/zalo-bot-client.js";
import { createZaloBotSender } from "../../../../src/channels/zalo/zalo-bot-adapter.js";
import { createFakeZaloServer, zaloFixture, type FakeZaloServer } from "../../../fakes/fake-zalo-server.js";

let fake: FakeZaloServer;
beforeEach(async () => {
  fake = await createFakeZaloServer();
});
afterEach(() => fake.close());

describe("Zalo Bot client and sender", () => {
  it("calls /bot<token>/<method> with JSON and reads {ok,result}", async () => {
    const client = createZaloBotClient({ token: fake.botToken, apiBase: fake.url });
    expect(await client.getMe()).toMatchObject({ id: "bot-1" });
    await client.sendMessage("chat-1", "xin chào");
    expect(fake.requests.at(-1)).toMatchObject({ path: `/bot${fake.botToken}/sendMessage`, body: { chat_id: "chat-1", text: "xin chào" } });
  });

  it("a wrong token is a 401 ZaloBotApiError whose message omits the token", async () => {
    const client = createZaloBotClient({ token: "111:WRONG-bot-secret", apiBase: fake.url });
    const err = (await client.getMe().catch((e: unknown) => e)) as ZaloBotApiError;
    expect(err).toBeInstanceOf(ZaloBotApiError);
    expect(err.errorCode).toBe(401);
    expect(err.message).not.toContain("WRONG-bot-secret");
  });

  it("getUpdates returns one update, then 408 when idle", async () => {
    const client = createZaloBotClient({ token: fake.botToken, apiBase: fake.url });
    fake.pushBotUpdate(zaloFixture("bot-text-unwrapped"));
    expect(await client.getUpdates(1)).toMatchObject({ event_name: "message.text.received" });
    await expect(client.getUpdates(1)).rejects.toMatchObject({ errorCode: 408 });
  });

  it("sends only the text of a message with an image (the platform cannot upload)", async () => {
    const sender = createZaloBotSender({ client: createZaloBotClient({ token: fake.botToken, apiBase: fake.url }) });
    await sender.send({ channel: "zalo-bot", chatId: "c" }, { text: "Biểu đồ quý I", imagePng: new Uint8Array(3) });
    expect(fake.delivered("c").map((d) => d.text)).toEqual(["Biểu đồ quý I"]);
  });
});
