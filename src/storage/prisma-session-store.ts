/** @module Persisted dialogue state per (channel, chat, user): survives restarts (peers.md §4 pain 1). */
import type { Db } from "./prisma-client";

export interface SessionStore {
  load(key: string): Promise<Record<string, unknown> | null>;
  save(key: string, state: Record<string, unknown> | null): Promise<void>;
}

export function createPrismaSessionStore(db: Db): SessionStore {
  return {
    async load(key) {
      const row = await db.conversationState.findUnique({ where: { key } });
      if (!row) return null;
      try {
        return JSON.parse(row.stateJson) as Record<string, unknown>;
      } catch {
        return null;
      }
    },
    async save(key, state) {
      if (state === null) {
        await db.conversationState.deleteMany({ where: { key } });
        return;
      }
      const stateJson = JSON.stringify(state);
      await db.conversationState.upsert({
        where: { key },
        create: { key, stateJson },
        update: { stateJson, version: { increment: 1 } },
      });
    },
  };
}
