/**
 * @module OA access-token lifecycle (OAuth v4, zalo.md §2, §8). Access tokens live 25 h; the refresh token is SINGLE
 * USE, so two processes refreshing at once burn the grant. Hence: refresh ahead of expiry, one refresher at a time
 * (a lease on the shared store, plus one in-flight refresh per process), re-read the pair under the lease, and commit
 * the new pair before anyone uses it. A failed refresh marks the channel degraded for /healthz.
 */
import { z } from "zod";
import type { Clock } from "../../shared/clock.js";
import { UnexpectedResponseError } from "../shared/channel-errors.js";
import { httpRequest, type FetchLike } from "../shared/http-request.js";
import { ZaloApiError, ZaloTokenUnavailableError } from "./zalo-errors.js";
import type { ZaloTokenProvider } from "./zalo-client.js";

/** One OA's credentials as stored. */
export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/** Persistence port, implemented by the core on the database (one row per OA, a lease table for the lock). */
export interface TokenStore {
  load(id: string): Promise<ZaloTokenPair | null>;
  save(id: string, pair: ZaloTokenPair): Promise<void>;
  /** Runs `fn` while holding the named lease (at most `ttlMs`); resolves null without running it if another holds it. */
  withLease<T>(name: string, ttlMs: number, fn: () => Promise<T>): Promise<T | null>;
}

/** For /healthz: "degraded" after a failed refresh until the next success. */
export interface ZaloTokenStatus {
  state: "ok" | "degraded" | "unconfigured";
  reason?: string;
  expiresAt?: string;
  lastRefreshAt?: string;
}

export interface ZaloTokenManagerDeps {
  /** Store key, e.g. the OA id or "default". */
  id: string;
  appId: string;
  /** App secret: the `secret_key` header of the token call (not the OA secret key that signs webhooks). */
  appSecret: string;
  oauthBase?: string;
  store: TokenStore;
  clock: Clock;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Refresh when less than this remains; default 5 h (tokens live 25 h). */
  refreshAheadMs?: number;
  leaseTtlMs?: number;
  /** Seed pair (from env) used when the store has none; its expiry is unknown, so it is refreshed at first use. */
  initial?: { accessToken: string; refreshToken: string };
  /** While another process holds the lease: poll the store this often, this many times. */
  leaseWaitMs?: number;
  leaseWaitAttempts?: number;
  /** After a failed refresh, do not call the token endpoint again for this long; default 5 min. */
  failureCooldownMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  // Zalo sends seconds as a string ("90000"); accept a number too.
  expires_in: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().positive()),
});

const tokenErrorSchema = z.object({
  error: z.coerce.number(),
  error_description: z.string().optional(),
  error_name: z.string().optional(),
  message: z.string().optional(),
});

export type ZaloTokenManager = ZaloTokenProvider & {
  /** Scheduled refresh (keeps the 3-month refresh token alive while idle); no-op when the token is fresh. */
  refreshIfDue(): Promise<void>;
  status(): ZaloTokenStatus;
};

/** Creates the manager; it implements the client's ZaloTokenProvider. */
export function createZaloTokenManager(deps: ZaloTokenManagerDeps): ZaloTokenManager {
  const ahead = deps.refreshAheadMs ?? 5 * 3600_000;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const leaseName = `zalo-oa-token:${deps.id}`;
  let status: ZaloTokenStatus = { state: "ok" };
  let inflight: Promise<string> | null = null;
  let lastFailureAt: number | undefined;
  const now = () => deps.clock.now().getTime();

  async function load(): Promise<ZaloTokenPair | null> {
    const pair = await deps.store.load(deps.id);
    if (pair || !deps.initial) return pair;
    // Unknown expiry: due for refresh now, but still usable if that refresh fails.
    const seeded = { ...deps.initial, expiresAt: new Date(now() + ahead) };
    await deps.store.save(deps.id, seeded);
    return seeded;
  }

  const isDue = (p: ZaloTokenPair) => now() >= p.expiresAt.getTime() - ahead;
  const isExpired = (p: ZaloTokenPair) => now() >= p.expiresAt.getTime();
  const needsRefresh = (p: ZaloTokenPair, rejected?: string) => (rejected ? p.accessToken === rejected : isDue(p));

  async function callTokenEndpoint(refreshToken: string): Promise<ZaloTokenPair> {
    const path = "/v4/oa/access_token";
    const body = new URLSearchParams({ refresh_token: refreshToken, app_id: deps.appId, grant_type: "refresh_token" });
    const answer = await httpRequest(
      `${(deps.oauthBase ?? "https://oauth.zaloapp.com").replace(/\/+$/, "")}${path}`,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", secret_key: deps.appSecret }, body },
      { fetch: deps.fetch, endpoint: path, timeoutMs: deps.timeoutMs ?? 15_000 },
    );
    let json: unknown;
    try {
      json = JSON.parse(answer.bodyText);
    } catch {
      throw new UnexpectedResponseError(path, answer.status, "body is not JSON");
    }
    const ok = tokenAnswerSchema.safeParse(json);
    if (ok.success) {
      const d = ok.data;
      return { accessToken: d.access_token, refreshToken: d.refresh_token, expiresAt: new Date(now() + d.expires_in * 1000) };
    }
    const err = tokenErrorSchema.safeParse(json);
    if (err.success && err.data.error !== 0) {
      const detail = err.data.error_description ?? err.data.error_name ?? err.data.message ?? "";
      throw new ZaloApiError(path, err.data.error, detail);
    }
    throw new UnexpectedResponseError(path, answer.status, "neither a token pair nor an error");
  }

  /** Under the lease: re-read, refresh only if still needed, commit before returning. */
  async function refreshUnderLease(rejected?: string): Promise<string> {
    const current = await deps.store.load(deps.id);
    if (!current) throw new ZaloTokenUnavailableError("no token pair stored");
    if (!needsRefresh(current, rejected)) return current.accessToken;
    if (lastFailureAt !== undefined && now() - lastFailureAt < (deps.failureCooldownMs ?? 300_000)) {
      return fallback(current, rejected, status.reason ?? "refresh failed recently");
    }
    try {
      const fresh = await callTokenEndpoint(current.refreshToken);
      await deps.store.save(deps.id, fresh);
      lastFailureAt = undefined;
      status = { state: "ok", expiresAt: fresh.expiresAt.toISOString(), lastRefreshAt: deps.clock.now().toISOString() };
      return fresh.accessToken;
    } catch (err) {
      lastFailureAt = now();
      const reason = err instanceof Error ? err.message : "refresh failed";
      status = { state: "degraded", reason, expiresAt: current.expiresAt.toISOString(), lastRefreshAt: status.lastRefreshAt };
      return fallback(current, rejected, reason);
    }
  }

  /** A refresh did not happen: the old token is still usable if it is neither expired nor the one Zalo rejected. */
  function fallback(current: ZaloTokenPair, rejected: string | undefined, reason: string): string {
    if (current.accessToken !== rejected && !isExpired(current)) return current.accessToken;
    throw new ZaloTokenUnavailableError(reason);
  }

  async function refresh(rejected?: string): Promise<string> {
    const viaLease = await deps.store.withLease(leaseName, deps.leaseTtlMs ?? 60_000, () => refreshUnderLease(rejected));
    if (viaLease !== null) return viaLease;
    // Another process is refreshing: wait for its commit instead of burning the refresh token a second time.
    let latest: ZaloTokenPair | null = null;
    for (let i = 0; i < (deps.leaseWaitAttempts ?? 20); i++) {
      await sleep(deps.leaseWaitMs ?? 250);
      latest = await deps.store.load(deps.id);
      if (latest && !needsRefresh(latest, rejected)) return latest.accessToken;
    }
    if (!latest) throw new ZaloTokenUnavailableError("no token pair stored");
    return fallback(latest, rejected, "refresh in progress elsewhere");
  }

  /** One refresh in flight per process; a rejection of a token the in-flight refresh already replaced needs no other. */
  async function singleFlight(rejected?: string): Promise<string> {
    if (inflight) {
      const token = await inflight.catch(() => undefined);
      if (token !== undefined && token !== rejected) return token;
    }
    inflight = refresh(rejected).finally(() => {
      inflight = null;
    });
    return inflight;
  }

  return {
    async getAccessToken() {
      const pair = await load();
      if (!pair) {
        status = { state: "unconfigured", reason: "no token pair stored" };
        throw new ZaloTokenUnavailableError("no token pair stored");
      }
      if (!isDue(pair)) return pair.accessToken;
      return singleFlight();
    },
    async refreshAfterRejection(rejected) {
      return singleFlight(rejected);
    },
    async refreshIfDue() {
      const pair = await load();
      if (pair && isDue(pair)) await singleFlight().catch(() => undefined);
    },
    status: () => ({ ...status }),
  };
}
