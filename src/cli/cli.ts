/**
 * `npm run cli -- <command>`: the operator CLI of the runtime contract. Exits 0 on success, non-zero with a
 * one-line reason on failure.
 */
import { readFile } from "node:fs/promises";
import { loadConfig } from "../config/config";
import { createLogger } from "../shared/logger";
import { createDb } from "../storage/prisma-client";
import { migrate } from "../storage/migrate";
import { loadPlanPack } from "../plan-pack/parse-plan-pack";
import { importPlanPack } from "../storage/prisma-campaign-repository";
import { importOrg } from "../storage/prisma-org-import";
import { parseOrgCsvForImport } from "../app/org-csv-import";
import { createPrismaAccountRepository } from "../storage/prisma-account-repository";
import { ROLES, type Role } from "../domain/organisation/organisation";
import { FEATURES } from "../app/features";
import type { CliCommand, CliContext } from "../app/feature";
import { flag } from "../app/cli-flags";
import { buildRuntime, type Runtime } from "../app/build-runtime";
import { buildChannelSenders, ZALO_OA_TOKEN_ID } from "../app/channels";
import { buildFeatures } from "../app/features";
import { createPrismaTokenStore } from "../storage/prisma-token-store";
import { createPrismaLeaseManager } from "../storage/prisma-lease";
import { systemClock } from "../shared/clock";

export class CliError extends Error {}


const commands: Record<string, CliCommand> = {
  "plan import": async ({ db, config, print }, [file]) => {
    if (!file) throw new CliError("usage: plan import <file>");
    const res = await importPlanPack(db, await loadPlanPack(file), config.timeZone);
    print(`plan ${res.code}: ${res.outcome}`);
  },
  "plan list": async ({ db, print }) => {
    for (const c of await db.campaign.findMany({ include: { _count: { select: { indicators: true, deadlines: true } } }, orderBy: { year: "asc" } })) {
      print(`${c.code}\t${c.year}\t${c.province}\t${c._count.indicators} chỉ tiêu\t${c._count.deadlines} hạn\t${c.title}`);
    }
  },
  "org import": async ({ db, print }, [file]) => {
    if (!file) throw new CliError("usage: org import <file.csv>");
    const org = parseOrgCsvForImport(await readFile(file, "utf8"), file);
    const res = await importOrg(db, org);
    print(`imported ${res.units} units, ${res.clusters} clusters/blocks, ${res.officers} officers`);
  },
  "org list": async ({ db, print }, args) => {
    const units = await db.unit.findMany({ include: { officers: true, clusters: { include: { cluster: true } } }, orderBy: { code: "asc" } });
    if (args.includes("--json")) {
      print(JSON.stringify(units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, sample: u.isSample, clusters: u.clusters.map((c) => c.cluster.code), officers: u.officers.map((o) => ({ id: o.id, name: o.name, role: o.role })) })), null, 2));
      return;
    }
    for (const u of units) print(`${u.code}\t${u.kind}\t${u.name}\t${u.clusters.map((c) => c.cluster.code).join(",")}\t${u.officers.length} cán bộ`);
  },
  "invite create": async ({ db, print, config }, args) => {
    const unitCode = flag(args, "unit");
    const role = (flag(args, "role") ?? "officer") as Role;
    const name = flag(args, "name");
    if (!unitCode) throw new CliError('usage: invite create --unit <code> [--role officer|unit_head|cluster_leader|board] [--name "…"]');
    if (!ROLES.includes(role)) throw new CliError(`unknown role ${role} (officer, unit_head, cluster_leader, board)`);
    const unit = await db.unit.findUnique({ where: { code: unitCode } });
    if (!unit) throw new CliError(`unknown unit ${unitCode}`);
    let officer = name
      ? await db.officer.findFirst({ where: { unitId: unit.id, name } })
      : await db.officer.findFirst({ where: { unitId: unit.id, role }, orderBy: { createdAt: "asc" } });
    if (!officer) officer = await db.officer.create({ data: { unitId: unit.id, name: name ?? `${unit.name} (${role})`, role } });
    else if (officer.role !== role) officer = await db.officer.update({ where: { id: officer.id }, data: { role } });
    const code = await createPrismaAccountRepository(db).createInvite(officer.id, new Date(Date.now() + 14 * 86400_000));
    const bot = config.telegram?.username ?? "<bot>";
    print(`code: ${code}\nofficer: ${officer.name} (${officer.role}) – ${unit.name}\nexpires: 14 days, single use\ntelegram: https://t.me/${bot}?start=${code}\nzalo: send "${code}" to the OA / bot`);
  },
  /**
   * After a re-consent in the Zalo developer console (the stored refresh token expired or was revoked, /healthz shows
   * zalo degraded): replaces the stored pair with ZALO_OA_ACCESS_TOKEN / ZALO_OA_REFRESH_TOKEN from the environment
   * (never the command line: shell history). Running instances pick it up at their next refresh (within minutes).
   */
  "zalo token": async ({ db, print, config }, [sub]) => {
    if (sub !== "import") throw new CliError("usage: ZALO_OA_ACCESS_TOKEN=… ZALO_OA_REFRESH_TOKEN=… zalo token import");
    if (!config.zaloOa) throw new CliError("the Zalo OA channel is not configured (ZALO_OA_APP_ID, ZALO_OA_APP_SECRET, ZALO_OA_SECRET_KEY)");
    const { accessToken, refreshToken } = config.zaloOa;
    if (!accessToken || !refreshToken) throw new CliError("set ZALO_OA_ACCESS_TOKEN and ZALO_OA_REFRESH_TOKEN in the environment (the new pair from the re-consent)");
    // Expiry unknown: stored as due now, so the first use refreshes it and learns the real expiry.
    const pair = { accessToken, refreshToken, expiresAt: new Date() };
    await createPrismaTokenStore(db, createPrismaLeaseManager(db)).save(ZALO_OA_TOKEN_ID, pair);
    print(`zalo token pair stored (access …${accessToken.slice(-4)}); it is refreshed at first use`);
  },
  ...Object.assign({}, ...FEATURES.map((f) => f.cliCommands ?? {})),
};

async function main(argv: string[]): Promise<number> {
  const key2 = argv.slice(0, 2).join(" ");
  const cmd = commands[key2];
  if (!cmd) {
    console.error(`unknown command "${argv.join(" ")}". Commands: ${Object.keys(commands).join(" | ")}`);
    return 2;
  }
  const config = loadConfig();
  createLogger({ level: "silent" });
  await migrate(config.databaseUrl);
  const db = createDb(config.databaseUrl);
  let runtime: Runtime | undefined;
  const logger = createLogger({ level: "warn" });
  const ctx: CliContext = {
    db,
    config,
    print: (s) => console.log(s),
    runtime: async () => {
      if (!runtime) {
        const channels = buildChannelSenders(config, { tokenStore: createPrismaTokenStore(db, createPrismaLeaseManager(db)), clock: systemClock });
        runtime = await buildRuntime({ config, logger, senders: channels.senders, features: buildFeatures, skipMigrations: true });
      }
      return runtime;
    },
  };
  try {
    await cmd(ctx, argv.slice(2));
    await runtime?.close();
    return 0;
  } catch (err) {
    console.error(`error: ${(err instanceof Error ? err.message : String(err)).split("\n").join(" | ")}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(`error: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
