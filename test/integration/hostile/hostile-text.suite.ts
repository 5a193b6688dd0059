/**
 * Promise: what people type (and what operators put in the organisation file) is data, never markup or code.
 * Vietnamese written with combining marks, zero-width or bidi characters and emoji reads like the plain text; names
 * and texts with HTML, Markdown or SQL reach Telegram escaped and are stored literally; absurd numbers get a clear
 * answer and nothing is stored; the parse API never fails on any input. Through the real webhook routes and API.
 * What touches storage runs on both databases; reading and answering only on one.
 */
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { escapeHtml } from "../../../src/channels/telegram/telegram-render";
import { createTranslator } from "../../../src/i18n/i18n";
import { nextId, plain, post, tgText, waitFor, zaloText } from "../../helpers/e2e-server";
import { HOSTILE_NAMES, HOSTILE_ORG, linkTelegram, settle, tableCounts, tgCallback, type PlanE2e } from "./promise-kit";

/** The admin token the caller must configure (for POST /api/parse). */
export const HOSTILE_ADMIN_TOKEN = "hostile-admin-token-0123456789";
const ADMIN_TOKEN = HOSTILE_ADMIN_TOKEN;
const t = createTranslator("vi");
const READ_BACK_TITLE = t("report.readback.title");
const PLAIN_TEXT = "Giải quyết việc làm tháng 3 được 3.200 lượt người";

/**
 * The hostile-text tests, against a bot started by the caller (hostile.test.ts) with HOSTILE_ORG and ADMIN_TOKEN.
 * `logicToo`: also run the tests that do not depend on the database (reading and answering).
 */
export function hostileTextTests(server: () => PlanE2e, logicToo: boolean): void {
  let e: PlanE2e;
  beforeAll(() => {
    e = server();
  });

  /** Posts a Telegram text and waits for `replies` more texts in that chat; returns the new ones. */
  async function say(user: number, text: string, replies = 1): Promise<string[]> {
    const before = e.tgTexts(user).length;
    expect((await e.postTelegram(tgText({ userId: user, text }))).status).toBe(200);
    await waitFor(() => e.tgTexts(user).length >= before + replies, 15_000, `reply to ${JSON.stringify(text.slice(0, 40))}`);
    return e.tgTexts(user).slice(before);
  }

  it("names with markup, Markdown, SQL, bidi marks and emoji reach Telegram escaped and Zalo intact", async () => {
    const user = nextId();
    await linkTelegram(e, user, "X-HOSTILE");
    const [linked] = e.tg.delivered(user);
    expect(linked!.parseMode).toBe("HTML");
    const html = linked!.text!;
    // The only tags are the bot's own bold spans; everything from the data is escaped.
    expect(html.match(/<[^>]*>/g)?.every((tag) => tag === "<b>" || tag === "</b>") ?? true).toBe(true);
    expect(html).toContain(escapeHtml("<script>alert(1)</script>"));
    expect(html).toContain(escapeHtml('<a href="https://evil.example">Ác</a>'));
    expect(html).toContain(escapeHtml("'; DROP TABLE \"Officer\"; --"));
    expect(html).toContain("\u202Eevil\u202C 👨‍👩‍👧");
    const readable = plain(html);
    expect(readable).toContain(HOSTILE_NAMES.unit);
    // A "**" in a name can only turn into bold (balanced, per line); the words themselves are all there.
    expect(readable).toContain(HOSTILE_NAMES.officer.replace(/\*\*/g, ""));

    // Decomposed (NFD) names are sent precomposed (NFC) on both platforms.
    const head = nextId();
    await linkTelegram(e, head, "X-HOSTILE", "unit_head");
    expect(e.tgTexts(head)[0]).toContain("Lê Thị Hồng");
    const zaloUser = String(4_680_000_000_000_000_000n + BigInt(nextId()));
    const { code } = await e.invite("X-HOSTILE", "officer");
    await e.postZalo(zaloText({ appId: e.zalo.appId, userId: zaloUser, text: code }));
    await waitFor(() => e.zaloTexts(zaloUser).length >= 1, 10_000, "Zalo link reply");
    const zaloRaw = e.zalo.delivered(zaloUser)[0]!.text!;
    expect(zaloRaw).toContain("<script>alert(1)</script>"); // Zalo shows plain text: nothing to escape, nothing lost
    expect(zaloRaw).toContain("'; DROP TABLE \"Officer\"; --");
  });

  it("a report in decomposed Vietnamese with zero-width, bidi marks and emoji reads exactly like the plain one", async () => {
    const user = nextId();
    await linkTelegram(e, user, "H-RACHGIA");
    const [clean] = await say(user, PLAIN_TEXT);
    expect(clean).toContain(plain(READ_BACK_TITLE));
    await say(user, "/huy");
    const marked = PLAIN_TEXT.replace("3.200", "3.2\u200B00").replace("tháng", "th\u200Dáng\u200F").replace("việc", "vi\u2066ệc\u2069");
    expect(marked).not.toBe(PLAIN_TEXT);
    const noisy = `🙏 \u202B${marked.normalize("NFD")}\u202C 👍🏽`;
    expect(noisy.normalize("NFC")).not.toBe(PLAIN_TEXT);
    const [read] = await say(user, noisy);
    expect(read).toBe(clean);
    const readBack = e.tg.delivered(user).at(-1)!.messageId;
    const before = await e.runtime.db.progressReport.count();
    await e.postTelegram(tgCallback({ userId: user, data: "rep:ok", messageId: readBack }));
    await waitFor(async () => (await e.runtime.db.progressReport.count()) === before + 1, 10_000, "stored");
    const row = await e.runtime.db.progressReport.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(row.value).toBe(3200);
    expect(row.period).toBe("2021-M03");
  });

  it("texts with HTML, Markdown and SQL are echoed escaped and stored literally", async () => {
    const user = nextId();
    await linkTelegram(e, user, "H-HATIEN");
    const [first] = await say(user, "Thu ngân sách quý 1 đạt 200 tỷ");
    expect(first).toContain(plain(READ_BACK_TITLE));
    await e.postTelegram(tgCallback({ userId: user, data: "rep:ok", messageId: e.tg.delivered(user).at(-1)!.messageId }));
    await waitFor(() => e.tgTexts(user).at(-1)!.includes("Đã lưu"), 10_000, "first figure stored");
    // A correction needs a reason; the reason is hostile.
    const reason = `<b>nhập nhầm</b> **gấp** '); DROP TABLE "ProgressReport"; -- <a href="javascript:alert(1)">x</a>`;
    await say(user, "Thu ngân sách quý 1 đạt 210 tỷ");
    await say(user, reason);
    const html = e.tg.delivered(user).at(-1)!.text!;
    expect(html).toContain(escapeHtml('<a href="javascript:alert(1)">x</a>'));
    expect(html).toContain(escapeHtml(`'); DROP TABLE "ProgressReport"; --`));
    expect(html.match(/<[^>]*>/g)?.every((tag) => tag === "<b>" || tag === "</b>") ?? true).toBe(true);
    await e.postTelegram(tgCallback({ userId: user, data: "rep:ok", messageId: e.tg.delivered(user).at(-1)!.messageId }));
    await waitFor(() => e.tgTexts(user).at(-1)!.includes("Đã lưu"), 10_000, "correction stored");
    const corrected = await e.runtime.db.progressReport.findFirstOrThrow({ where: { value: 210 } });
    expect(corrected.correctionReason).toBe(reason);
    // SQL in commands and invite codes is just a wrong argument.
    const counts = await tableCounts(e.runtime.db);
    const [tiendo] = await say(user, "/tiendo ' OR 1=1; DROP TABLE \"Unit\"; --");
    expect(tiendo).not.toContain(t("core.error_apology"));
    const stranger = nextId();
    const [link] = await say(stranger, "/start ' OR '1'='1");
    expect(link).toBe(plain(t("core.link_invalid")));
    expect(await tableCounts(e.runtime.db)).toMatchObject({ reports: counts.reports, linked: counts.linked, invitesUsed: counts.invitesUsed });
    expect(await e.runtime.db.unit.count()).toBe(HOSTILE_ORG.units.length);
  });

  it.runIf(logicToo)("absurd numbers get a clear answer; nothing is stored even when the confirm button is pressed", async () => {
    const user = nextId();
    await linkTelegram(e, user, "H-RACHGIA", "unit_head");
    const before = await e.runtime.db.progressReport.count();
    const absurd = ["1e309", "NaN", "Infinity", "-5", "1234567890123456789012345678901234567890", "0x1F", "1.000.000.000.000.000.000"];
    for (const n of absurd) {
      const [answer] = await say(user, `Kết quả giải quyết việc làm tháng 3 đạt ${n} lượt người`);
      expect(answer, n).not.toContain(plain(READ_BACK_TITLE));
      expect(answer, n).not.toBe(plain(t("core.error_apology")));
      expect(answer!.length, n).toBeGreaterThan(20);
    }
    await e.postTelegram(tgCallback({ userId: user, data: "rep:ok" }));
    await waitFor(() => e.tgTexts(user).at(-1) === plain(t("core.expired_button")), 10_000, "press refused");
    expect(await e.runtime.db.progressReport.count()).toBe(before);
  });

  it.runIf(logicToo)("very long messages (Telegram's 4,096 and a forged 200 kB) are answered promptly, not choked on", async () => {
    const user = nextId();
    await linkTelegram(e, user, "H-RACHGIA");
    await say(user, "/huy");
    for (const text of ["thu ngân sách quý 1 đạt 3.200 tỷ ".repeat(128).slice(0, 4096), "tỷ 9.9,".repeat(28_000)]) {
      const t0 = performance.now();
      const [answer] = await say(user, text);
      expect(answer).not.toBe(plain(t("core.error_apology")));
      expect(performance.now() - t0).toBeLessThan(10_000);
      await say(user, "/huy");
    }
    await settle(50);
  });

  it.runIf(logicToo)("POST /api/parse never fails and never reads a non-finite value, whatever the text", async () => {
    const api = (body: unknown) => post(`${e.url}/api/parse`, typeof body === "string" ? body : JSON.stringify(body), { authorization: `Bearer ${ADMIN_TOKEN}` });
    const noise = fc.oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 200 }),
      fc.constantFrom("thu ngân sách quý 1 đạt ", "BHYT đạt ", "\u0301", "\u200B", "\u202E", "🙏", "1e309", "NaN", "-0", "9".repeat(40), " tỷ", "%", "lũy kế ")
        .chain((head) => fc.string({ maxLength: 30 }).map((tail) => `${head}${tail}`)),
    );
    await fc.assert(
      fc.asyncProperty(noise, async (text) => {
        const res = await api({ text, campaign: "kg-2021" });
        expect(res.status).toBe(200);
        const r = JSON.parse(res.body) as { value: number | null; intent: string };
        expect(r.value === null || Number.isFinite(r.value)).toBe(true);
        expect(typeof r.intent).toBe("string");
      }),
      { numRuns: 50 },
    );
    // Bad requests are 4xx with a JSON error, never 500.
    const bad: [unknown, number][] = [
      ["{not json", 400], [{ text: "" }, 400], [{ text: 42 }, 400], [{ text: "x".repeat(4001) }, 400],
      [{ text: "x", at: "yesterday" }, 400], [{ text: "x", campaign: "nope" }, 404], [{ text: "x".repeat(70_000) }, 413],
      [{ text: "x", __proto__: { admin: true } }, 200],
    ];
    for (const [body, status] of bad) {
      const res = await api(body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      if (status >= 400) expect(JSON.parse(res.body)).toHaveProperty("error.code");
    }
  });
}
