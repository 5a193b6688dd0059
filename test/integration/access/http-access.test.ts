/**
 * Issue 9, access over HTTP. One started bot per database (with ADMIN_TOKEN) takes:
 * - invite-codes.suite.ts: a code links exactly one account, once, before it expires, stored only as a hash;
 *   guessing is limited per account (both databases: the single-use race is a conditional update).
 * - admin-routes.suite.ts: every admin route, enumerated from the router stack, answers 401 without or with a wrong
 *   token and 503 without ADMIN_TOKEN; the dashboard's open routes show no data (first database only).
 * - secrets-in-logs.suite.ts: no token, secret or message text reaches the log while platforms fail (first only).
 * Chat access by role is in chat-access-matrix.test.ts.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { startE2e, type E2eServer } from "../../helpers/e2e-server";
import { testDbKinds } from "../../helpers/test-db";
import { ACCESS_ADMIN_TOKEN, adminRouteTests } from "./admin-routes.suite";
import { inviteCodeTests } from "./invite-codes.suite";
import { secretsInLogTests } from "./secrets-in-logs.suite";

describe.each(testDbKinds())("access over HTTP on %s", (kind) => {
  /** Auth and logging do not depend on the database: those run on the first one available. */
  const first = kind === testDbKinds()[0];
  let e: E2eServer;
  beforeAll(async () => {
    e = await startE2e(kind, { env: { ADMIN_TOKEN: ACCESS_ADMIN_TOKEN } });
  });
  afterAll(async () => {
    await e?.stop();
  });
  describe("invite codes", () => inviteCodeTests(() => e, kind));
  describe.runIf(first)("admin routes", () => adminRouteTests(() => e, kind));
  describe.runIf(first)("secrets in logs", () => secretsInLogTests(kind));
});
