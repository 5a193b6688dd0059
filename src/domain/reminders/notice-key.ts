/**
 * @module Short, stable key for a notice posted to a group, so that its "Đã nhận" button fits Telegram's 64-byte
 * callback data: `ack:<noticeKey>` (≤ 15 bytes). The outbox stores it next to the dedupe key.
 */

/** cyrb53 (a public-domain 53-bit string hash) in base 36: 1–11 characters, deterministic across runs. */
export function noticeKeyFor(dedupeKey: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < dedupeKey.length; i++) {
    const ch = dedupeKey.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Callback data of the acknowledgement button of a notice. */
export function ackCallbackData(noticeKey: string): string {
  return `ack:${noticeKey}`;
}

/** The notice key in an acknowledgement callback ("ack:abc123" → "abc123"), or null. */
export function parseAckCallback(data: string): string | null {
  const m = /^ack:([0-9a-z]{1,13})$/.exec(data);
  return m ? (m[1] as string) : null;
}
