/** @module Persisted dialogue state per (channel, chat, user): survives restarts (peers.md §4 pain 1). */
import { sqlOf, type Db } from "./prisma-client";
import type { SqlStatement } from "./sql-runner";

export interface SessionStore {
  load(key: string): Promise<Record<string, unknown> | null>;
  save(key: string, state: Record<string, unknown> | null): Promise<void>;
}

/** The statement that stores a session (null: forgets it), for `save` and for a turn's atomic commit. */
export function sessionWrite(key: string, state: Record<string, unknown> | null): SqlStatement {
  if (state === null) return { sql: `DELETE FROM "ConversationState" WHERE "key" = $1`, params: [key] };
  return {
    sql: `INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, $2, 0, $3)
         ON CONFLICT ("key") DO UPDATE SET "stateJson" = $2, "version" = "ConversationState"."version" + 1, "updatedAt" = $3`,
    params: [key, JSON.stringify(state), new Date()],
  };
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
      const st = sessionWrite(key, state);
      await sql.runGrouped(st.sql, st.params);
    },
  };
}
