// Prisma CLI config for the PostgreSQL variant (generate / migrate diff only; migrations are applied by the app,
// see src/storage/migrate.ts, because `migrate deploy` over the pg adapter fails here).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "postgres", "schema.prisma"),
  async adapter() {
    return new PrismaPg({ connectionString: process.env.PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" });
  },
});
