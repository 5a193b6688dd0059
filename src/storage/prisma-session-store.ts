/** @module Persisted dialogue state per (channel, chat, user): survives restarts (peers.md §4 pain 1). */
import { sqlOf, type Db } from "./prisma-client";

export interface SessionStore {
  load(key: string): Promise<Record<string, unknown> | null>;
  save(key: string, state: Record<string, unknown> | null): Promise<void>;
}

export function createPrismaSessionStore(db: Db): SessionStore {
  // Loaded and saved on every message: plain prepared SQL (sql-runner.ts).
  const sql = sqlOf(db);
  return {
    async load(key) {
      const [row] = await sql.all<{ stateJson: string }>(`SELECT "stateJson" FROM "ConversationState" WHERE "key" = $1`, [key]);
      if (!row) return null;
      try {
        return JSON.parse(row.stateJson) as Record<string, unknown>;
      } catch {
        return null;
      }
    },
    async save(key, state) {
      if (state === null) {
        await sql.run(`DELETE FROM "ConversationState" WHERE "key" = $1`, [key]);
        return;
      }
      await sql.runGrouped(
        `INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, $2, 0, $3)
         ON CONFLICT ("key") DO UPDATE SET "stateJson" = $2, "version" = "ConversationState"."version" + 1, "updatedAt" = $3`,
        [key, JSON.stringify(state), new Date()],
      );
    },
  };
}
