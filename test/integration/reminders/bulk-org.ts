/**
 * A large synthetic province written with createMany (thousands of rows in seconds): N district units in clusters of
 * `clusterSize`, each with a reporting officer (and optionally a head) linked on Telegram, plus optional cluster and
 * board groups. Ids are readable: unit `u17`, officer `o17`, head `h17`, Telegram chat `700017` / `800017`.
 */
import type { Db } from "../../../src/storage/prisma-client";

export interface BulkOrgOptions {
  units: number;
  clusterSize: number;
  withHeads?: boolean;
  clusterGroups?: boolean;
  boardGroup?: boolean;
  lastInteractionAt: Date;
}

const CHUNK = 1000;

async function inChunks<T>(rows: T[], write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function seedBulkOrg(db: Db, o: BulkOrgOptions): Promise<void> {
  const n = Array.from({ length: o.units }, (_, i) => i);
  const clusters = Math.ceil(o.units / o.clusterSize);
  await db.unit.create({ data: { id: "board", code: "BAN", name: "Ban Thi đua - Khen thưởng", kind: "board" } });
  await db.officer.create({ data: { id: "b1", unitId: "board", name: "Cán bộ Ban", role: "board" } });
  await inChunks(n, (part) => db.unit.createMany({ data: part.map((i) => ({ id: `u${i}`, code: `H-${i}`, name: `Huyện số ${i}`, kind: "district" })) }));
  await db.cluster.createMany({ data: Array.from({ length: clusters }, (_, c) => ({ id: `c${c}`, code: `CUM-${c}`, name: `Cụm ${c}`, kind: "cum", leaderUnitId: `u${c * o.clusterSize}` })) });
  await inChunks(n, (part) => db.clusterMember.createMany({ data: part.map((i) => ({ clusterId: `c${Math.floor(i / o.clusterSize)}`, unitId: `u${i}` })) }));
  const officers = n.flatMap((i) => [
    { id: `o${i}`, unitId: `u${i}`, name: `Cán bộ ${i}`, role: "officer" },
    ...(o.withHeads ? [{ id: `h${i}`, unitId: `u${i}`, name: `Thủ trưởng ${i}`, role: "unit_head" }] : []),
  ]);
  await inChunks(officers, (part) => db.officer.createMany({ data: part }));
  const accounts = officers.map((x) => {
    const chatId = String((x.role === "officer" ? 700000 : 800000) + Number(x.id.slice(1)));
    return { platform: "telegram", externalId: chatId, chatId, officerId: x.id, lastInteractionAt: o.lastInteractionAt };
  });
  await inChunks(accounts, (part) => db.channelAccount.createMany({ data: part }));
  const groups = [
    ...(o.clusterGroups ? Array.from({ length: clusters }, (_, c) => ({ platform: "telegram", chatId: `-9${c}`, clusterId: `c${c}` })) : []),
    ...(o.boardGroup ? [{ platform: "telegram", chatId: "-1", isBoard: true }] : []),
  ];
  if (groups.length > 0) await db.chatGroup.createMany({ data: groups });
}
