/**
 * `npm run chat`: a terminal conversation with the bot as an officer of a sample unit, through the same core as the
 * real channels (store, dispatcher, outbox). No token, no network. The link survives restarts (same store).
 */
import { createInterface } from "node:readline/promises";
import { buildRuntime } from "../app/build-runtime";
import { buildFeatures } from "../app/features";
import { seedBundled } from "../app/seed";
import { createLocalSender } from "../channels/local/local-sender";
import { loadConfig } from "../config/config";
import { createLogger } from "../shared/logger";
import { createDb } from "../storage/prisma-client";
import { migrate } from "../storage/migrate";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: "warn" });
  await migrate(config.databaseUrl);
  const seedDb = createDb(config.databaseUrl);
  await seedBundled(seedDb, config.timeZone, logger);
  await seedDb.$disconnect();
  const out = (s: string) => process.stdout.write(`\n🤖 ${s.replace(/\n/g, "\n   ")}\n`);
  const runtime = await buildRuntime({ config, logger, senders: [createLocalSender(out)], features: buildFeatures, skipMigrations: true });
  const chatId = process.env.CHAT_USER ?? "terminal";
  const account = await runtime.accounts.findAccount("local", chatId);
  if (!account?.officerId) {
    const officer = runtime.org.listOfficers().find((o) => o.role === "officer" && runtime.org.unitById(o.unitId)?.kind === "district") ?? runtime.org.listOfficers()[0];
    if (officer) {
      const code = await runtime.accounts.createInvite(officer.id, new Date(Date.now() + 7 * 86400_000));
      const unit = runtime.org.unitById(officer.unitId);
      console.log(`Trò chuyện cục bộ với bot thi đua. Cán bộ mẫu: ${officer.name} – ${unit?.name}.\nĐể liên kết, gõ: /start ${code}\n(/trogiup: trợ giúp · /huy: hủy · Ctrl+D: thoát)`);
    }
  } else {
    console.log("Trò chuyện cục bộ với bot thi đua (tài khoản đã liên kết). /trogiup: trợ giúp · Ctrl+D: thoát");
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  let n = Date.now();
  for await (const line of rl) {
    if (!line.trim()) continue;
    await runtime.inbound.acceptAndWait({
      updateId: `local:${++n}`, address: { channel: "local", chatId }, userId: chatId, text: line, messageId: String(n), receivedAt: new Date(),
    });
    await runtime.outboxDispatcher.pump();
    if (process.stdin.isTTY) process.stdout.write("> ");
  }
  await runtime.close();
}

main().catch((err) => {
  console.error("lỗi:", err instanceof Error ? err.message : err);
  process.exit(1);
});
