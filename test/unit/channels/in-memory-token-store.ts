/** In-memory TokenStore with real lease semantics (a held lease makes withLease resolve null), for tests. */
import type { TokenStore, ZaloTokenPair } from "../../../src/channels/zalo/zalo-token-manager.js";

export function createInMemoryTokenStore(initial?: Record<string, ZaloTokenPair>) {
  const pairs = new Map<string, ZaloTokenPair>(Object.entries(initial ?? {}));
  const leases = new Set<string>();
  const saves: ZaloTokenPair[] = [];
  const store: TokenStore & { saves: ZaloTokenPair[]; refusals: number; holdLease(name: string): () => void } = {
    saves,
    refusals: 0,
    async load(id) {
      const p = pairs.get(id);
      return p ? { ...p } : null;
    },
    async save(id, pair) {
      pairs.set(id, { ...pair });
      saves.push({ ...pair });
    },
    async withLease(name, _ttlMs, fn) {
      if (leases.has(name)) {
        store.refusals += 1;
        return null;
      }
      leases.add(name);
      try {
        return await fn();
      } finally {
        leases.delete(name);
      }
    },
    /** Simulates another process holding the lease; returns its release. */
    holdLease(name) {
      leases.add(name);
      return () => leases.delete(name);
    },
  };
  return store;
}
