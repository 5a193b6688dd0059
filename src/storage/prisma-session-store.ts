/** @module Persisted dialogue state per (channel, chat, user): survives restarts (peers.md §4 pain 1). */
import { sqlOf, type Db } from "./prisma-client";
import type { SqlStatement } from "./sql-runner";

export type SessionState = Record<string, unknown>;

export interface SessionStore {
  load(key: string): Promise<SessionState | null>;
  save(key: string, state: SessionState | null): Promise<void>;
  /**
   * Changes a session from outside its conversation's turn (a notice offering buttons): `change` gets the stored
   * state and returns the new one, or undefined to leave it. Written only if nobody wrote the session meanwhile
   * (its version), else `change` runs again on the fresh state: a turn that started a dialogue in between is never
   * overwritten with the state from before it. Resolves to whether a change was written.
   */
  update(key: string, change: (state: SessionState | null) => SessionState | undefined | Promise<SessionState | undefined>): Promise<boolean>;
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

/** The query of a session's stored JSON, given the placeholder of its key. */
export const sessionRead = (key: string) => `SELECT "stateJson" FROM "ConversationState" WHERE "key" = ${key}`;

/** A stored state (unreadable JSON reads as no state). */
export function parseState(json: unknown): SessionState | null {
  if (typeof json !== "string") return null;
  try {
    return JSON.parse(json) as SessionState;
  } catch {
    return null;
  }
}

export function createPrismaSessionStore(db: Db): SessionStore {
  // Loaded and saved on every message: plain prepared SQL (sql-runner.ts).
  const sql = sqlOf(db);
  return {
    async load(key) {
      const [row] = await sql.all<{ stateJson: string }>(sessionRead("$1"), [key]);
      return row ? parseState(row.stateJson) : null;
    },
    async save(key, state) {
      const st = sessionWrite(key, state);
      await sql.runGrouped(st.sql, st.params);
    },
    async update(key, change) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const [row] = await sql.all<{ stateJson: string; version: number }>(`SELECT "stateJson", "version" FROM "ConversationState" WHERE "key" = $1`, [key]);
        const next = await change(row ? parseState(row.stateJson) : null);
        if (next === undefined) return false;
        const written = row
          ? await sql.run(`UPDATE "ConversationState" SET "stateJson" = $2, "version" = "version" + 1, "updatedAt" = $3 WHERE "key" = $1 AND "version" = $4`, [key, JSON.stringify(next), new Date(), Number(row.version)])
          : await sql.run(`INSERT INTO "ConversationState" ("key", "stateJson", "version", "updatedAt") VALUES ($1, $2, 0, $3) ON CONFLICT ("key") DO NOTHING`, [key, JSON.stringify(next), new Date()]);
        if (written === 1) return true;
      }
      return false; // written by others five times in a row: the offer is dropped, the conversation's own state kept
    },
  };
}
