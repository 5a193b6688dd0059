import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZaloTokenManager, type ZaloTokenPair } from "../../../../src/channels/zalo/zalo-token-manager.js";
import { ZaloTokenUnavailableError } from "../../../../src/channels/zalo/zalo-errors.js";
import { createFixedClock } from "../../../../src/shared/clock.js";
import { createFakeZaloServer, type FakeZaloServer } from "../../../fakes/fake-zalo-server.js";
import { createInMemoryTokenStore } from "../in-memory-token-store.js";

const HOUR = 3600_000;
let fake: FakeZaloServer;
let clock: ReturnType<typeof createFixedClock>;

beforeEach(async () => {
  fake = await createFakeZaloServer();
  clock = createFixedClock("2021-03-29T08:00:00+07:00");
});
afterEach(() => fake.close());

function setup(pair?: Partial<ZaloTokenPair>, extra: Partial<Parameters<typeof createZaloTokenManager>[0]> = {}) {
  const stored: ZaloTokenPair = {
    accessToken: fake.issueAccessToken(),
    refreshToken: fake.issueRefreshToken(),
    expiresAt: new Date(clock.now().getTime() + 20 * HOUR),
    ...pair,
  };
  const store = extra.store ?? createInMemoryTokenStore({ oa: stored });
  const manager = createZaloTokenManager({
    id: "oa", appId: fake.appId, appSecret: fake.appSecret, oauthBase: fake.url, store, clock,
    leaseWaitMs: 5, ...extra,
  });
  return { manager, store: store as ReturnType<typeof createInMemoryTokenStore>, stored };
}

describe("Zalo token manager", () => {
  it("returns a fresh token without calling the token endpoint", async () => {
    const { manager, stored } = setup();
    expect(await manager.getAccessToken()).toBe(stored.accessToken);
    expect(fake.tokenCalls()).toBe(0);
  });

  it("refreshes ahead of expiry, accepts expires_in as a string, commits the pair before returning it", async () => {
    const { manager, store, stored } = setup({ expiresAt: new Date(clock.now().getTime() + 4 * HOUR) });
    const token = await manager.getAccessToken();
    expect(token).not.toBe(stored.accessToken);
    expect(fake.tokenCalls()).toBe(1);
    expect(store.saves).toHaveLength(1);
    expect(store.saves[0]!.accessToken).toBe(token);
    expect(store.saves[0]!.expiresAt.getTime()).toBe(clock.now().getTime() + 90_000_000);
    const call = fake.requests.find((r) => r.path === "/v4/oa/access_token")!;
    expect(call.headers.secret_key).toBe(fake.appSecret);
    expect(call.contentType).toBe("application/x-www-form-urlencoded");
    expect(call.body).toEqual({ refresh_token: stored.refreshToken, app_id: fake.appId, grant_type: "refresh_token" });
    expect(manager.status().state).toBe("ok");
  });

  it("uses the rotated refresh token next time (the old one is single use)", async () => {
    const { manager, store } = setup({ expiresAt: new Date(clock.now().getTime() + HOUR) });
    await manager.getAccessToken();
    const rotated = store.saves[0]!.refreshToken;
    clock.advance(22 * HOUR);
    await manager.getAccessToken();
    expect(fake.tokenCalls()).toBe(2);
    const second = fake.requests.filter((r) => r.path === "/v4/oa/access_token")[1]!;
    expect(second.body.refresh_token).toBe(rotated);
    expect(manager.status().state).toBe("ok");
  });

  it("two concurrent callers in one process cause one token call", async () => {
    const { manager } = setup({ expiresAt: new Date(clock.now().getTime() + HOUR) });
    const [a, b, c] = await Promise.all([manager.getAccessToken(), manager.getAccessToken(), manager.getAccessToken()]);
    expect(new Set([a, b, c]).size).toBe(1);
    expect(fake.tokenCalls()).toBe(1);
  });

  it("two processes sharing the store: the lease lets one refresh, the other waits for its commit", async () => {
    const first = setup({ expiresAt: new Date(clock.now().getTime() + HOUR) });
    const second = setup(undefined, { store: first.store });
    const [a, b] = await Promise.all([first.manager.getAccessToken(), second.manager.getAccessToken()]);
    expect(a).toBe(b);
    expect(fake.tokenCalls()).toBe(1);
    expect(first.store.refusals).toBe(1);
    expect(second.manager.status().state).toBe("ok");
  });

  it("when another process holds the lease and never commits, a still-valid token is used, an expired one is not", async () => {
    const { manager, store, stored } = setup({ expiresAt: new Date(clock.now().getTime() + HOUR) }, { leaseWaitAttempts: 2 });
    const release = store.holdLease("zalo-oa-token:oa");
    expect(await manager.getAccessToken()).toBe(stored.accessToken);
    await expect(manager.refreshAfterRejection(stored.accessToken)).rejects.toBeInstanceOf(ZaloTokenUnavailableError);
    expect(fake.tokenCalls()).toBe(0);
    release();
  });

  it("a rejected token is refreshed once; a rejection of an already replaced token costs no call", async () => {
    const { manager, stored } = setup();
    const fresh = await manager.refreshAfterRejection(stored.accessToken);
    expect(fresh).not.toBe(stored.accessToken);
    expect(await manager.refreshAfterRejection(stored.accessToken)).toBe(fresh);
    expect(fake.tokenCalls()).toBe(1);
  });

  it("a failed refresh marks the channel degraded but keeps using a still-valid token, with a cooldown", async () => {
    const { manager, stored } = setup({ expiresAt: new Date(clock.now().getTime() + HOUR) });
    fake.failTokenEndpoint(-14014);
    expect(await manager.getAccessToken()).toBe(stored.accessToken);
    expect(manager.status()).toMatchObject({ state: "degraded", reason: expect.stringContaining("-14014") });
    expect(await manager.getAccessToken()).toBe(stored.accessToken);
    expect(fake.tokenCalls()).toBe(1);
    clock.advance(10 * 60_000);
    await manager.getAccessToken();
    expect(fake.tokenCalls()).toBe(2);
    expect(manager.status().state).toBe("ok");
  });

  it("an expired token with a burned refresh token is unavailable and degraded (operator must re-consent)", async () => {
    const { manager } = setup({ expiresAt: new Date(clock.now().getTime() - 1), refreshToken: "RT-already-used" });
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(ZaloTokenUnavailableError);
    expect(manager.status()).toMatchObject({ state: "degraded", reason: expect.stringContaining("-118") });
  });

  it("recovers from degraded once the operator stores a re-consented pair (`zalo token import`), after the cooldown", async () => {
    const { manager, store } = setup({ expiresAt: new Date(clock.now().getTime() - 1), refreshToken: "RT-already-used" });
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(ZaloTokenUnavailableError);
    // What the CLI stores: the new pair, due now (its expiry is unknown).
    await store.save("oa", { accessToken: fake.issueAccessToken(), refreshToken: fake.issueRefreshToken(), expiresAt: clock.now() });
    clock.advance(5 * 60_000);
    const token = await manager.getAccessToken();
    expect(manager.status().state).toBe("ok");
    expect(store.saves.at(-1)!.accessToken).toBe(token); // refreshed with the new refresh token, committed
  });

  it("a refresh that fails on the network degrades too, and the error names no secret", async () => {
    const { manager, stored } = setup({ expiresAt: new Date(clock.now().getTime() - 1) }, { oauthBase: "http://127.0.0.1:1" });
    const err = (await manager.getAccessToken().catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(ZaloTokenUnavailableError);
    for (const s of [fake.appSecret, stored.refreshToken, stored.accessToken]) expect(err.message).not.toContain(s);
    expect(manager.status().state).toBe("degraded");
  });

  it("seeds the env pair when the store is empty and refreshes it at first use", async () => {
    const store = createInMemoryTokenStore();
    const initial = { accessToken: fake.issueAccessToken(), refreshToken: fake.issueRefreshToken() };
    const { manager } = setup(undefined, { store, initial });
    const token = await manager.getAccessToken();
    expect(token).not.toBe(initial.accessToken);
    expect(fake.tokenCalls()).toBe(1);
    expect((await store.load("oa"))!.accessToken).toBe(token);
  });

  it("without any pair it reports unconfigured", async () => {
    const { manager } = setup(undefined, { store: createInMemoryTokenStore() });
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(ZaloTokenUnavailableError);
    expect(manager.status().state).toBe("unconfigured");
  });

  it("refreshIfDue keeps an idle channel's refresh token alive", async () => {
    const { manager } = setup();
    await manager.refreshIfDue();
    expect(fake.tokenCalls()).toBe(0);
    clock.advance(16 * HOUR);
    await manager.refreshIfDue();
    expect(fake.tokenCalls()).toBe(1);
  });
});
