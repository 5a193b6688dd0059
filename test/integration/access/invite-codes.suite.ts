/**
 * Promise: an invite code links exactly one chat account, once, before it expires; it is kept only as a hash; and
 * guessing is slowed down per account (5 wrong codes → even the right one is refused for 15 minutes) without
 * affecting anyone else. Through the real webhooks of all three platforms; the single-use race depends on the
 * database's conditional update, so it runs on both.
 */
import { beforeAll, expect, it } from "vitest";
import { createTranslator } from "../../../src/i18n/i18n";
import { LINK_MAX_FAILURES } from "../../../src/conversation/flows/account.flow";
import { hashInviteCode } from "../../../src/storage/prisma-account-repository";
import { nextId, plain, tgText, waitFor, zaloBotText, zaloText, type E2eServer } from "../../helpers/e2e-server";
import { testDbKinds, type TestDbKind } from "../../helpers/test-db";
import { settle } from "../hostile/promise-kit";

const t = createTranslator("vi");
const say = (key: string, params?: Record<string, string | number>) => plain(t(key, params));

/** The invite-code tests, against a bot started by the caller. */
export function inviteCodeTests(server: () => E2eServer, kind: TestDbKind): void {
  let e: E2eServer;
  beforeAll(() => {
    e = server();
  });

  const zaloUser = () => String(4_680_000_000_000_000_000n + BigInt(nextId()));

  it("a code redeemed at the same moment on three platforms links exactly one account", async () => {
    for (let round = 0; round < 3; round++) {
      const { code, officerId } = await e.invite("H-HATIEN");
      const tg = nextId();
      const oa = zaloUser();
      const bot = `bot${nextId()}`;
      await Promise.all([
        e.postTelegram(tgText({ userId: tg, text: `/start ${code}` })),
        e.postZalo(zaloText({ appId: e.zalo.appId, userId: oa, text: code })),
        e.postZaloBot(zaloBotText({ chatId: bot, text: code.toLowerCase() })),
      ]);
      const first = () => [e.tgTexts(tg)[0], e.zaloTexts(oa)[0], e.zaloTexts(bot)[0]];
      await waitFor(() => first().every(Boolean), 10_000, "three answers");
      const linkedAnswers = first().filter((x) => x!.startsWith("✅"));
      expect(linkedAnswers, `round ${round}: ${first().join(" | ")}`).toHaveLength(1);
      expect(first().filter((x) => x === say("core.link_used"))).toHaveLength(2);
      const accounts = await Promise.all([
        e.runtime.accounts.findAccount("telegram", String(tg)), e.runtime.accounts.findAccount("zalo", oa), e.runtime.accounts.findAccount("zalo-bot", bot),
      ]);
      expect(accounts.filter((a) => a?.officerId === officerId)).toHaveLength(1);
      const invite = await e.runtime.db.inviteCode.findUniqueOrThrow({ where: { codeHash: hashInviteCode(code) } });
      expect(accounts.find((a) => a?.officerId === officerId)?.id).toBe(invite.usedByAccount);
    }
  });

  it("an expired code links no one, and codes are stored only as hashes", async () => {
    const officer = e.runtime.org.listOfficers().find((o) => o.role === "officer")!;
    const expired = await e.runtime.accounts.createInvite(officer.id, new Date(Date.now() - 1000));
    const user = nextId();
    await e.postTelegram(tgText({ userId: user, text: `/start ${expired}` }));
    await waitFor(() => e.tgTexts(user).length === 1, 10_000, "answer");
    expect(e.tgTexts(user)).toEqual([say("core.link_expired")]);
    expect((await e.runtime.accounts.findAccount("telegram", String(user)))?.officerId ?? null).toBeNull();
    const stored = JSON.stringify(await e.runtime.db.inviteCode.findMany());
    expect(stored).not.toContain(expired);
    expect(stored.toLowerCase()).not.toContain(expired.toLowerCase());
  });

  // The limit is kept in the store but its rule does not depend on the database: one is enough.
  it.runIf(kind === testDbKinds()[0])("guessing is limited per account, whether typed with /start or bare, sent one by one or all at once", async () => {
    const guesser = nextId();
    // All at once: the webhook stores them in parallel, the bot still counts every failure (one chat is handled in order).
    const guesses = Array.from({ length: LINK_MAX_FAILURES + 3 }, (_, i) => `/start ZZZZZZZZ${String.fromCharCode(65 + i)}${i % 10}`);
    await Promise.all(guesses.map((text) => e.postTelegram(tgText({ userId: guesser, text }))));
    await waitFor(() => e.tgTexts(guesser).length === guesses.length, 15_000, "answers to the guesses");
    expect(e.tgTexts(guesser).filter((x) => x === say("core.link_invalid"))).toHaveLength(LINK_MAX_FAILURES);
    const { code } = await e.invite("H-RACHGIA");
    await e.postTelegram(tgText({ userId: guesser, text: `/start ${code}` }));
    await waitFor(() => e.tgTexts(guesser).length === guesses.length + 1, 10_000, "answer to the real code");
    expect(e.tgTexts(guesser).at(-1)).toBe(say("core.link_rate_limited", { minutes: 15 }));
    expect((await e.runtime.accounts.findAccount("telegram", String(guesser)))?.officerId ?? null).toBeNull();

    // Bare codes on Zalo count the same.
    const zguesser = `bot${nextId()}`;
    for (let i = 0; i < LINK_MAX_FAILURES; i++) await e.postZaloBot(zaloBotText({ chatId: zguesser, text: `QQQQQQQQQ${2 + i}` }));
    await waitFor(() => e.zaloTexts(zguesser).length === LINK_MAX_FAILURES, 10_000, "Zalo guesses");
    await e.postZaloBot(zaloBotText({ chatId: zguesser, text: code }));
    await waitFor(() => e.zaloTexts(zguesser).length === LINK_MAX_FAILURES + 1, 10_000, "Zalo real code");
    expect(e.zaloTexts(zguesser).at(-1)).toBe(say("core.link_rate_limited", { minutes: 15 }));

    // Someone else is not affected, and the code the guessers could not use still works for them.
    const other = nextId();
    await e.postTelegram(tgText({ userId: other, text: `/start ${code}` }));
    await waitFor(() => e.tgTexts(other).length >= 1, 10_000, "other account");
    expect(e.tgTexts(other)[0]).toMatch(/^✅/);
    await settle(50);
  });
}
