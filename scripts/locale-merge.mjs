#!/usr/bin/env node
// Deep-merges a {"vi": {...}, "en": {...}} JSON file into locales/vi.json and locales/en.json.
import { readFileSync, writeFileSync, renameSync } from "node:fs";
const src = JSON.parse(readFileSync(process.argv[2], "utf8"));
const merge = (a, b) => { for (const [k, v] of Object.entries(b)) a[k] = typeof v === "object" && v ? merge(typeof a[k] === "object" && a[k] ? a[k] : {}, v) : v; return a; };
for (const loc of ["vi", "en"]) {
  const file = `locales/${loc}.json`;
  const doc = merge(JSON.parse(readFileSync(file, "utf8")), src[loc]);
  writeFileSync(`${file}.tmp`, JSON.stringify(doc, null, 2) + "\n");
  renameSync(`${file}.tmp`, file);
}
console.log("merged");
