/** Runs the shared ChannelSender contract against the Telegram, Zalo OA and Zalo Bot senders and their fakes. */
import type { SendFailureKind } from "../../../src/conversation/channel-port.js";
import { createTelegramSender } from "../../../src/channels/telegram/telegram-sender.js";
import { createZaloClient } from "../../../src/channels/zalo/zalo-client.js";
import { createZaloOaSender } from "../../../src/channels/zalo/zalo-oa-adapter.js";
import { createZaloBotClient } from "../../../src/channels/zalo/zalo-bot-client.js";
import { createZaloBotSender } from "../../../src/channels/zalo/zalo-bot-adapter.js";
import { createZaloTokenManager } from "../../../src/channels/zalo/zalo-token-manager.js";
import { systemClock } from "../../../src/shared/clock.js";
import { createFakeTelegramServer, type TelegramFailure } from "../../fakes/fake-telegram-server.js";
import { createFakeZaloServer } from "../../fakes/fake-zalo-server.js";
import { runChannelContract } from "./channel-contract.js";
import { createInMemoryTokenStore } from "./in-memory-token-store.js";

const DEAD = "http://127.0.0.1:1";
const translate = (key: string) => `[${key}]`;

const stripHtml = (html: string) =>
  html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

runChannelContract("telegram", async () => {
  const fake = await createFakeTelegramServer();
  const chatId = "5011234567";
  const failures: Record<SendFailureKind, TelegramFailure> = {
    rate_limited: { type: "rate_limited", retryAfter: 7 },
    unreachable: { type: "blocked" },
    transient: { type: "server_error" },
    permanent: { type: "bad_request", description: "Bad Request: can't parse entities" },
    auth: { type: "unauthorized" },
  };
  return {
    sender: createTelegramSender({ token: fake.token, apiRoot: fake.url }),
    to: { channel: "telegram", chatId },
    texts: () => fake.delivered(chatId).map((m) => stripHtml(m.text ?? m.caption ?? "")),
    lastButtons: () => fake.delivered(chatId).at(-1)?.replyMarkup?.inline_keyboard.flat().map((b) => b.text) ?? [],
    script: (kind) => fake.failNext(chatId, failures[kind]),
    offlineSender: () => createTelegramSender({ token: fake.token, apiRoot: DEAD }),
    secrets: [fake.token],
    close: fake.close,
  };
});

runChannelContract("zalo-oa", async () => {
  const fake = await createFakeZaloServer();
  const userId = "4680982613432547863";
  const pair = { accessToken: fake.issueAccessToken(), refreshToken: fake.issueRefreshToken(), expiresAt: new Date(Date.now() + 86_400_000) };
  const store = createInMemoryTokenStore({ oa: pair });
  const tokens = createZaloTokenManager({ id: "oa", appId: fake.appId, appSecret: fake.appSecret, oauthBase: fake.url, store, clock: systemClock });
  const codes: Record<SendFailureKind, [number, number]> = {
    rate_limited: [-32, 1], unreachable: [-230, 1], transient: [503, 1], permanent: [-201, 1], auth: [-216, 2],
  };
  return {
    sender: createZaloOaSender({ client: createZaloClient({ apiBase: fake.url, tokens }), translate }),
    to: { channel: "zalo", chatId: userId },
    texts: () => fake.delivered(userId).flatMap((d) => (d.text === undefined ? [] : [d.text])),
    lastButtons: () =>
      ((fake.delivered(userId).at(-1)?.attachment?.payload.buttons as { title: string }[] | undefined) ?? []).map((b) => b.title),
    script: (kind) => fake.failNext(userId, ...codes[kind]),
    offlineSender: () => createZaloOaSender({ client: createZaloClient({ apiBase: DEAD, tokens }) }),
    secrets: [fake.appSecret, pair.accessToken, pair.refreshToken],
    close: fake.close,
  };
});

runChannelContract("zalo-bot", async () => {
  const fake = await createFakeZaloServer();
  const chatId = "6ede9afa66b88fe6d6a9";
  const codes: Record<SendFailureKind, number> = { rate_limited: 429, unreachable: 404, transient: 503, permanent: 400, auth: 401 };
  return {
    sender: createZaloBotSender({ client: createZaloBotClient({ token: fake.botToken, apiBase: fake.url }), translate }),
    to: { channel: "zalo-bot", chatId },
    texts: () => fake.delivered(chatId).flatMap((d) => (d.text === undefined ? [] : [d.text])),
    lastButtons: () => [],
    script: (kind) => fake.failBotNext(chatId, codes[kind]),
    offlineSender: () => createZaloBotSender({ client: createZaloBotClient({ token: fake.botToken, apiBase: DEAD }) }),
    secrets: [fake.botToken],
    close: fake.close,
  };
});
