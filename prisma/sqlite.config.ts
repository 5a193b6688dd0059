// Prisma CLI config for the embedded SQLite variant. engine "js" + a driver adapter keeps the CLI offline
// (no schema-engine download; see shared reference prisma-offline.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "sqlite", "schema.prisma"),
  async adapter() {
    const url = process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : "file:./data/thidua.db";
    return new PrismaBetterSQLite3({ url });
  },
});
