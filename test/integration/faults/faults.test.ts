/**
 * Issue 9, faults. Each test states what is promised (no loss; duplicates only within the in-flight window) and
 * checks it:
 * - platform-faults.suite.ts: 5xx, HTML error pages, resets, 429 and calls that never answer, on all three platforms
 *   (both databases);
 * - db-restart.suite.ts: PostgreSQL dropping every connection under load and in the middle of transactions;
 * - sigkill.suite.ts: the bot process killed with SIGKILL during a confirmation and a reminder batch (SQLite).
 */
import { describe } from "vitest";
import pg from "pg";
const origConnect = pg.Client.prototype.connect;
(pg.Client.prototype as any).connect = function (...a: any[]) { (this as any).__origin = new Error("created here").stack; return origConnect.apply(this, a as any); };
const origEmit = pg.Client.prototype.emit;
(pg.Client.prototype as any).emit = function (ev: string, ...a: any[]) {
  if (ev === "error" && this.listenerCount("error") === 0) console.log("UNLISTENED error on client", (this as any).__origin?.split("\n").slice(1, 14).join("\n"));
  return origEmit.call(this, ev, ...a);
};
import { testDbKinds } from "../../helpers/test-db";
import { dbRestartTests } from "./db-restart.suite";
import { platformFaultTests } from "./platform-faults.suite";
import { sigkillTests } from "./sigkill.suite";

describe.each(testDbKinds())("platform faults on %s", (kind) => platformFaultTests(kind));
describe.runIf(testDbKinds().includes("postgres"))("the database restarting under load (PostgreSQL)", () => dbRestartTests());
describe.runIf(testDbKinds().includes("sqlite"))("SIGKILL during a confirmation and a reminder batch (SQLite)", () => sigkillTests());
