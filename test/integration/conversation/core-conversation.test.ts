import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotHarness, type BotHarness } from "../../helpers/bot-harness";
import { testDbKinds } from "../../helpers/test-db";

describe.each(testDbKinds())("core conversation on %s", (kind) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ kind });
  });
  afterAll(async () => h.close());

  it("an unlinked account is told how to link and can only link, get help or look up criteria", async () => {
    const [r] = await h.say("/tiendo", { user: "stranger" });
    expect(r).toContain("chưa được liên kết");
    const [help] = await h.say("/trogiup", { user: "stranger" });
    expect(help).toContain("/start");
  });

  it("links with a one-time code, then the code cannot be reused", async () => {
    const officer = h.runtime.org.listOfficers().find((o) => o.role === "officer")!;
    const code = await h.runtime.accounts.createInvite(officer.id, new Date(h.clock.now().getTime() + 3600_000));
    const replies = await h.say(`/start ${code}`, { user: "a1" });
    expect(replies[0]).toContain("Đã liên kết");
    expect(replies[0]).toContain(officer.name);
    const again = await h.say(`/start ${code}`, { user: "a2" });
    expect(again[0]).toContain("đã được sử dụng");
    // A bare code works too (Zalo users just send the code), on another channel.
    const code2 = await h.runtime.accounts.createInvite(officer.id, new Date(h.clock.now().getTime() + 3600_000));
    const z = await h.say(code2, { user: "z1", channel: "zalo-bot" });
    expect(z[0]).toContain("Đã liên kết");
  });

  it("expired and malformed codes get clear messages", async () => {
    const officer = h.runtime.org.listOfficers()[0]!;
    const old = await h.runtime.accounts.createInvite(officer.id, new Date(h.clock.now().getTime() - 1000));
    expect((await h.say(`/start ${old}`, { user: "e1" }))[0]).toContain("hết hạn");
    expect((await h.say("/start 123", { user: "e1" }))[0]).toContain("không đúng");
  });

  it("/huy always works and /ngonngu switches language, kept across a restart", async () => {
    expect((await h.say("/huy", { user: "a1" }))[0]).toContain("Không có thao tác");
    expect((await h.say("/ngonngu en", { user: "a1" }))[0]).toBe("Language set to English.");
    await h.restart();
    const [help] = await h.say("/trogiup", { user: "a1" });
    expect(help).toContain("Commands:");
    expect((await h.say("huy", { user: "a1" }))[0]).toContain("nothing in progress");
  });

  it("delivers every reply through the durable outbox", async () => {
    const sent = await h.runtime.outboxRepo.list({ status: "sent" });
    expect(sent.length).toBeGreaterThan(5);
    expect(sent.every((d) => d.dedupeKey.startsWith("reply:"))).toBe(true);
  });
});

describe("invite codes against guessing", () => {
  it("refuses linking for a while after 5 wrong codes, even with a valid code", async () => {
    const h = await createBotHarness({ kind: "sqlite" });
    try {
      for (let i = 0; i < 5; i++) expect((await h.say(`/start WRONGCODE${i}`, { user: "g" }))[0]).toMatch(/không đúng/);
      const officer = h.runtime.org.listOfficers()[0]!;
      const code = await h.runtime.accounts.createInvite(officer.id, new Date(h.clock.now().getTime() + 3600_000));
      expect((await h.say(`/start ${code}`, { user: "g" }))[0]).toContain("sai mã quá nhiều lần");
      h.clock.advance(16 * 60_000);
      expect((await h.say(`/start ${code}`, { user: "g" }))[0]).toContain("Đã liên kết");
    } finally {
      await h.close();
    }
  });
});
