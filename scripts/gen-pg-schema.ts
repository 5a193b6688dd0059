/** Derives prisma/postgres/schema.prisma from the SQLite source of truth (one data model, two providers). */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function toPostgresSchema(sqliteSchema: string): string {
  return sqliteSchema
    .replace('output     = "../../src/storage/generated/sqlite"', 'output     = "../../src/storage/generated/postgres"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:../../data/thidua.db"', 'url      = "postgresql://postgres@127.0.0.1:5432/thidua"')
    .replace("SOURCE OF TRUTH: prisma/sqlite/schema.prisma.", "GENERATED from prisma/sqlite/schema.prisma: do not edit.");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const src = readFileSync("prisma/sqlite/schema.prisma", "utf8");
  writeFileSync("prisma/postgres/schema.prisma", toPostgresSchema(src));
  console.log("wrote prisma/postgres/schema.prisma");
}
