/** @module Leases: one process at a time does a named job (token refresh, reminder pass), across instances. */
import { randomUUID } from "node:crypto";
import type { Db } from "./prisma-client";

export interface LeaseManager {
  readonly holderId: string;
  /** Runs fn if the lease is free (or expired) and returns its result; null when another holder has it. */
  withLease<T>(name: string, ttlMs: number, fn: () => Promise<T>, now?: Date): Promise<T | null>;
}

export function createPrismaLeaseManager(db: Db, holderId: string = randomUUID()): LeaseManager {
  async function acquire(name: string, ttlMs: number, now: Date): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + ttlMs);
    const taken = await db.lease.updateMany({
      where: { name, OR: [{ expiresAt: { lt: now } }, { holder: holderId }] },
      data: { holder: holderId, expiresAt },
    });
    if (taken.count === 1) return true;
    try {
      await db.lease.create({ data: { name, holder: holderId, expiresAt } });
      return true;
    } catch {
      return false; // unique violation: someone else holds it
    }
  }
  return {
    holderId,
    async withLease(name, ttlMs, fn, now = new Date()) {
      if (!(await acquire(name, ttlMs, now))) return null;
      try {
        return await fn();
      } finally {
        await db.lease.deleteMany({ where: { name, holder: holderId } });
      }
    },
  };
}
