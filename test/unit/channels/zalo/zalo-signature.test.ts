import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeZaloSignature, verifyZaloSignature } from "../../../../src/channels/zalo/zalo-signature.js";
import { signedZaloDelivery, zaloFixtureText } from "../../../fakes/fake-zalo-server.js";

const appId = "4104589211234567890";
const oaId = "579745863508352884";
const key = "OA-secret-KEY-from-webhook-settings";

function verify(raw: Buffer, header: string | undefined, extra: { oaId?: string } = {}) {
  const timestamp = String((JSON.parse(raw.toString("utf8")) as { timestamp: string }).timestamp);
  return verifyZaloSignature({ rawBody: raw, header, appId, oaSecretKey: key, timestamp, ...extra });
}

describe("verifyZaloSignature", () => {
  const text = zaloFixtureText("user-send-text");

  it("accepts the documented formula: mac= + sha256(appId + raw body + timestamp + OA secret key)", () => {
    const raw = Buffer.from(text, "utf8");
    const expected = createHash("sha256").update(`${appId}${text}1616994000123${key}`, "utf8").digest("hex");
    expect(computeZaloSignature(appId, raw, "1616994000123", key)).toBe(expected);
    expect(verify(raw, `mac=${expected}`)).toEqual({ ok: true, variant: "app_id" });
    expect(verify(raw, expected)).toEqual({ ok: true, variant: "app_id" });
    expect(verify(raw, `MAC=${expected.toUpperCase()}`)).toEqual({ ok: true, variant: "app_id" });
  });

  it("accepts the oa_id-prefixed variant and says so", () => {
    const { raw, headers } = signedZaloDelivery({ appId, oaSecretKey: key, body: text, firstTerm: oaId });
    expect(verify(raw, headers["x-zevent-signature"])).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(raw, headers["x-zevent-signature"], { oaId })).toEqual({ ok: true, variant: "oa_id" });
  });

  it("rejects an HMAC (regression: the scheme is plain SHA-256)", () => {
    const raw = Buffer.from(text, "utf8");
    const hmac = createHmac("sha256", key).update(`${appId}${text}1616994000123`).digest("hex");
    expect(verify(raw, `mac=${hmac}`)).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a wrong key, a tampered body, a missing or malformed header", () => {
    const good = signedZaloDelivery({ appId, oaSecretKey: key, body: text });
    const bad = signedZaloDelivery({ appId, oaSecretKey: "other-key", body: text });
    expect(verify(good.raw, bad.headers["x-zevent-signature"]).ok).toBe(false);
    const tampered = Buffer.from(text.replace("3.200", "9.200"), "utf8");
    expect(verify(tampered, good.headers["x-zevent-signature"])).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(good.raw, undefined)).toEqual({ ok: false, reason: "missing_header" });
    expect(verify(good.raw, "mac=xyz")).toEqual({ ok: false, reason: "malformed_header" });
  });

  it("hashes the raw bytes: re-serialised JSON fails (regression for JSON.stringify(req.body))", () => {
    const { raw, headers } = signedZaloDelivery({ appId, oaSecretKey: key, body: text });
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(text)), "utf8");
    expect(verify(raw, headers["x-zevent-signature"]).ok).toBe(true);
    expect(verify(reserialised, headers["x-zevent-signature"]).ok).toBe(false);
  });

  it("NFC/NFD pair: each verifies over its own bytes, and normalising the body breaks it", () => {
    const nfdText = zaloFixtureText("user-send-text-nfd");
    const nfcText = nfdText.normalize("NFC");
    expect(nfdText).not.toBe(nfcText);
    const nfd = signedZaloDelivery({ appId, oaSecretKey: key, body: nfdText });
    const nfc = signedZaloDelivery({ appId, oaSecretKey: key, body: nfcText });
    expect(verify(nfd.raw, nfd.headers["x-zevent-signature"]).ok).toBe(true);
    expect(verify(nfc.raw, nfc.headers["x-zevent-signature"]).ok).toBe(true);
    expect(verify(Buffer.from(nfdText.normalize("NFC"), "utf8"), nfd.headers["x-zevent-signature"]).ok).toBe(false);
  });
});
