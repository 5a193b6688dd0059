#!/usr/bin/env node
// Adds or replaces one message in both catalogs: node scripts/locale-set.mjs <dotted.key> "<vi>" "<en>"
// Used by developers (and parallel helpers) so that locales/vi.json and locales/en.json always gain keys together.
import { readFileSync, writeFileSync, renameSync } from "node:fs";

const [key, vi, en] = process.argv.slice(2);
if (!key || vi === undefined || en === undefined) {
  console.error('usage: node scripts/locale-set.mjs <dotted.key> "<vi text>" "<en text>"');
  process.exit(2);
}
for (const [file, text] of [["locales/vi.json", vi], ["locales/en.json", en]]) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const parts = key.split(".");
  let node = doc;
  for (const p of parts.slice(0, -1)) {
    if (typeof node[p] !== "object" || node[p] === null) node[p] = {};
    node = node[p];
  }
  node[parts.at(-1)] = text;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(doc, null, 2) + "\n");
  renameSync(tmp, file);
}
console.log(`set ${key}`);
