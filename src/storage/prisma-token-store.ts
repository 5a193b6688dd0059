/** @module Zalo OA token pair in the database (the pair is committed before it is used), with a lease for refresh. */
import type { TokenStore, ZaloTokenPair } from "../channels/zalo/zalo-token-manager";
import type { Db } from "./prisma-client";
import type { LeaseManager } from "./prisma-lease";

export function createPrismaTokenStore(db: Db, leases: LeaseManager): TokenStore {
  return {
    async load(id) {
      const r = await db.channelToken.findUnique({ where: { id } });
      return r ? { accessToken: r.accessToken, refreshToken: r.refreshToken, expiresAt: r.expiresAt } : null;
    },
    async save(id, pair: ZaloTokenPair) {
      const data = { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: pair.expiresAt, status: "ok", lastError: null };
      await db.channelToken.upsert({ where: { id }, create: { id, ...data }, update: data });
    },
    withLease: (name, ttlMs, fn) => leases.withLease(name, ttlMs, fn),
  };
}
