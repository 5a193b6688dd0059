/**
 * Issue 9, hostile input. One started bot per database (all three webhook routes, the admin API, the fake platforms)
 * takes both groups of tests:
 * - webhook-attacks.suite.ts: unreadable, oversized, forged and replayed deliveries get a clear status (400, 401, 413;
 *   Zalo OA: 200 but ignored), never 500, store nothing, and the bot keeps serving; a replay has one effect.
 * - hostile-text.suite.ts: Vietnamese with combining marks, zero-width and bidi characters or emoji reads like the
 *   plain text; markup, Markdown and SQL in names and texts reach Telegram escaped and are stored literally; absurd
 *   numbers get a clear answer and store nothing; POST /api/parse never fails on any text.
 * What touches storage runs on both databases; reading and answering only on the last one available.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { testDbKinds } from "../../helpers/test-db";
import { HOSTILE_ORG, startPlanE2e, type PlanE2e } from "./promise-kit";
import { HOSTILE_ADMIN_TOKEN, hostileTextTests } from "./hostile-text.suite";
import { webhookAttackTests } from "./webhook-attacks.suite";

describe.each(testDbKinds())("hostile input on %s", (kind) => {
  let e: PlanE2e;
  beforeAll(async () => {
    e = await startPlanE2e(kind, { org: HOSTILE_ORG, env: { ADMIN_TOKEN: HOSTILE_ADMIN_TOKEN } });
  });
  afterAll(async () => {
    await e?.stop();
  });
  describe("webhook attacks", () => webhookAttackTests(() => e));
  describe("hostile text", () => hostileTextTests(() => e, kind === testDbKinds().at(-1)));
});
