/** @module The terminal "channel" of `npm run chat`: prints messages, buttons become numbered choices. */
import type { ChannelSender, OutboundMessage } from "../../conversation/channel-port";

export function renderPlain(msg: OutboundMessage): string {
  const lines = [msg.text.replace(/\*\*(.+?)\*\*/g, "$1")];
  const buttons = msg.buttons?.flat() ?? [];
  buttons.forEach((b, i) => lines.push(`  ${i + 1}. ${b.label}`));
  if (msg.imagePng) lines.push(`  [ảnh PNG ${msg.imagePng.byteLength} byte]`);
  if (msg.document) lines.push(`  [tệp ${msg.document.filename}]`);
  return lines.join("\n");
}

export function createLocalSender(write: (s: string) => void): ChannelSender {
  let n = 0;
  return {
    channel: "local",
    maxTextLength: 100_000,
    supportsButtons: false,
    async send(_to, msg) {
      write(renderPlain(msg));
      return { externalId: `local-${++n}` };
    },
  };
}
