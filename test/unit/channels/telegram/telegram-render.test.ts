import { describe, expect, it } from "vitest";
import {
  ButtonDataTooLongError,
  escapeHtml,
  renderTelegramChunks,
  renderTelegramHtml,
  toInlineKeyboard,
} from "../../../../src/channels/telegram/telegram-render.js";

describe("Telegram HTML rendering (golden)", () => {
  const cases: [string, string][] = [
    ["Phòng Tài chính - Kế hoạch (TP. Rạch Giá)", "Phòng Tài chính - Kế hoạch (TP. Rạch Giá)"],
    ["UBND huyện_An_Biên & Sở GD-ĐT", "UBND huyện_An_Biên &amp; Sở GD-ĐT"],
    ["tỷ lệ < 50% và > 30%", "tỷ lệ &lt; 50% và &gt; 30%"],
    ["**Cụm 1 (Rạch Giá)**: 3.200 tỷ", "<b>Cụm 1 (Rạch Giá)</b>: 3.200 tỷ"],
    ["**a & b** and **<c>**", "<b>a &amp; b</b> and <b>&lt;c&gt;</b>"],
    ["2 * 3 = 6, ** alone, ****", "2 * 3 = 6, ** alone, ****"],
    ["&amp; stays literal", "&amp;amp; stays literal"],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => expect(renderTelegramHtml(input)).toBe(expected));
  }

  it("does not bold across lines", () => {
    expect(renderTelegramHtml("**a\nb**")).toBe("**a\nb**");
  });

  it("escapes only & < > (quotes and markdown characters untouched)", () => {
    expect(escapeHtml(`"'_*[]()~\`>#+-=|{}.!&<`)).toBe(`"'_*[]()~\`&gt;#+-=|{}.!&amp;&lt;`);
  });

  it("normalises to NFC", () => {
    expect(renderTelegramHtml("Tiến độ".normalize("NFD"))).toBe("Tiến độ");
  });
});

describe("renderTelegramChunks", () => {
  it("keeps every rendered chunk within the limit even when escaping grows the text", () => {
    const text = Array.from({ length: 300 }, () => "&&&& <<>> **đạt** &").join("\n");
    const chunks = renderTelegramChunks(text, 500);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(500);
  });
});

describe("toInlineKeyboard", () => {
  it("maps rows of buttons to inline_keyboard rows", () => {
    expect(toInlineKeyboard([[{ label: "Đúng", data: "ok" }], [], [{ label: "Hủy", data: "cancel" }]])).toEqual({
      inline_keyboard: [[{ text: "Đúng", callback_data: "ok" }], [{ text: "Hủy", callback_data: "cancel" }]],
    });
    expect(toInlineKeyboard([])).toBeUndefined();
  });

  it("refuses callback data over 64 bytes (Vietnamese counts in UTF-8 bytes)", () => {
    expect(() => toInlineKeyboard([[{ label: "x", data: "đ".repeat(33) }]])).toThrow(ButtonDataTooLongError);
    expect(toInlineKeyboard([[{ label: "x", data: "đ".repeat(32) }]])).toBeDefined();
  });
});

describe("command menu catalog", () => {
  it("has a Vietnamese and an English description (≤ 256 chars) for every contract command and the choice hint", async () => {
    const { hasKey, createTranslator } = await import("../../../../src/i18n/i18n.js");
    const { TELEGRAM_COMMANDS, buildBotCommands } = await import("../../../../src/channels/telegram/telegram-commands.js");
    for (const locale of ["vi", "en"] as const) {
      expect(hasKey(locale, "channels.choices.hint")).toBe(true);
      for (const c of TELEGRAM_COMMANDS) expect(hasKey(locale, `channels.telegram.commands.${c}`)).toBe(true);
      for (const c of buildBotCommands(createTranslator(locale))) expect(c.description.length).toBeLessThanOrEqual(256);
    }
  });
});
