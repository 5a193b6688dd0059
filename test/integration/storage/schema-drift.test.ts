import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listMigrations } from "../../../src/storage/migrate";
import { toPostgresSchema } from "../../../scripts/gen-pg-schema";

/** Table → column names, from the CREATE TABLE / ALTER TABLE statements of a migration history. */
function shape(sql: string): Record<string, string[]> {
  const tables: Record<string, Set<string>> = {};
  for (const m of sql.matchAll(/CREATE TABLE "(\w+)" \(([\s\S]*?)\n\);/g)) {
    tables[m[1]!] = new Set([...m[2]!.matchAll(/^\s+"(\w+)"/gm)].map((c) => c[1]!));
  }
  for (const m of sql.matchAll(/ALTER TABLE "(\w+)" ADD COLUMN\s+"(\w+)"/g)) (tables[m[1]!] ??= new Set()).add(m[2]!);
  return Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, [...v].sort()]));
}

describe("one data model, two providers", () => {
  it("the PostgreSQL schema is generated from the SQLite schema", () => {
    const sqlite = readFileSync("prisma/sqlite/schema.prisma", "utf8");
    expect(readFileSync("prisma/postgres/schema.prisma", "utf8")).toBe(toPostgresSchema(sqlite));
  });
  it("both migration histories have the same migrations and build the same tables and columns", () => {
    const s = listMigrations("sqlite");
    const p = listMigrations("postgres");
    expect(p.map((m) => m.name)).toEqual(s.map((m) => m.name));
    expect(shape(p.map((m) => m.sql).join("\n"))).toEqual(shape(s.map((m) => m.sql).join("\n")));
  });
  it("the migrations cover every model of the schema", () => {
    const models = [...readFileSync("prisma/sqlite/schema.prisma", "utf8").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]).sort();
    expect(Object.keys(shape(listMigrations("sqlite").map((m) => m.sql).join("\n"))).sort()).toEqual(models);
  });
});
