/**
 * The contract every ChannelSender passes against its fake platform (vercel/chat's adapter contract suites):
 * NFC text, chunking under the platform limit on line boundaries, buttons (or numbered choices), special
 * characters surviving formatting, failure classification, and no secret in any error message.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  SendError,
  type ChannelAddress,
  type ChannelSender,
  type SendFailureKind,
} from "../../../src/conversation/channel-port.js";

export interface ContractHarness {
  sender: ChannelSender;
  /** A recipient the fake delivers to. */
  to: ChannelAddress;
  /** Visible texts delivered to `to`, in order, with platform markup removed. */
  texts(): string[];
  /** Labels of the real buttons attached to the last delivered message ([] if none). */
  lastButtons(): string[];
  /** Makes the next send to `to` fail the way the platform signals this kind. */
  script(kind: SendFailureKind): void;
  /** A sender of the same kind whose platform cannot be reached (connection refused). */
  offlineSender(): ChannelSender;
  /** Strings that must never appear in an error message (tokens, secrets). */
  secrets: string[];
  close(): Promise<void>;
}

const KINDS: SendFailureKind[] = ["rate_limited", "unreachable", "transient", "permanent", "auth"];

async function sendError(p: Promise<unknown>): Promise<SendError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(SendError);
    return err as SendError;
  }
  throw new Error("expected the send to fail");
}

export function runChannelContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`ChannelSender contract: ${name}`, () => {
    let h: ContractHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it("delivers text normalised to NFC", async () => {
      const nfd = "Báo cáo tiến độ quý I".normalize("NFD");
      await h.sender.send(h.to, { text: nfd });
      expect(h.texts()).toEqual(["Báo cáo tiến độ quý I"]);
    });

    it("keeps unit names with ( ) . - _ & < > intact", async () => {
      const text = "Phòng Tài chính - Kế hoạch (TP. Rạch Giá) & <UBND> huyện_An_Biên 1.5%";
      await h.sender.send(h.to, { text });
      expect(h.texts()).toEqual([text]);
    });

    it("shows **emphasis** as bold or as plain words, never as literal asterisks", async () => {
      await h.sender.send(h.to, { text: "Danh hiệu **Chiến sĩ thi đua cơ sở**: hệ số **1,0** × 2.340.000 đ; 3 * 4 và ** lẻ" });
      expect(h.texts()).toEqual(["Danh hiệu Chiến sĩ thi đua cơ sở: hệ số 1,0 × 2.340.000 đ; 3 * 4 và ** lẻ"]);
    });

    it("splits long text under the platform limit on line boundaries, losing nothing", async () => {
      const lines = Array.from({ length: 400 }, (_, i) => `${i + 1}. Đơn vị số ${i + 1} (Sở Nội vụ) đạt ${i % 100}% & tăng`);
      const text = lines.join("\n");
      expect(text.length).toBeGreaterThan(h.sender.maxTextLength * 2);
      await h.sender.send(h.to, { text });
      const chunks = h.texts();
      expect(chunks.length).toBeGreaterThanOrEqual(3);
      for (const c of chunks) expect(c.length).toBeLessThanOrEqual(h.sender.maxTextLength);
      expect(chunks.flatMap((c) => c.split("\n"))).toEqual(lines);
    });

    it("renders buttons, or numbered choices where the platform has none", async () => {
      const buttons = [[{ label: "Đúng", data: "confirm:r-1" }, { label: "Sửa", data: "edit:r-1" }]];
      await h.sender.send(h.to, { text: "Xác nhận 3.200 tỷ?", buttons });
      if (h.sender.supportsButtons) {
        expect(h.lastButtons()).toEqual(["Đúng", "Sửa"]);
        expect(h.texts().at(-1)).toBe("Xác nhận 3.200 tỷ?");
      } else {
        expect(h.lastButtons()).toEqual([]);
        expect(h.texts().at(-1)).toContain("1. Đúng\n2. Sửa");
      }
    });

    for (const kind of KINDS) {
      it(`classifies a platform failure as ${kind}, without secrets in the message`, async () => {
        h.script(kind);
        const err = await sendError(h.sender.send(h.to, { text: "Nhắc hạn báo cáo" }));
        expect(err.kind).toBe(kind);
        if (kind === "rate_limited") expect(err.retryAfterMs).toBeGreaterThan(0);
        for (const s of h.secrets) {
          expect(err.message).not.toContain(s);
          expect(String(err.stack)).not.toContain(s);
        }
      });
    }

    it("classifies an unreachable platform as transient, without secrets or URLs", async () => {
      const err = await sendError(h.offlineSender().send(h.to, { text: "xin chào" }));
      expect(err.kind).toBe("transient");
      for (const s of h.secrets) expect(err.message).not.toContain(s);
      expect(err.message).not.toMatch(/https?:\/\//);
    });

    it("refuses an empty message as permanent", async () => {
      const err = await sendError(h.sender.send(h.to, { text: "   " }));
      expect(err.kind).toBe("permanent");
      expect(h.texts()).toEqual([]);
    });
  });
}
