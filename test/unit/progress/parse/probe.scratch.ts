import { readFileSync } from "node:fs";
import { parseMessage } from "../../../../src/domain/progress/parse/parse-message";
import { loadIndicators, DEV_NOW, DEV_TZ } from "./reference-indicators";
const indicators = loadIndicators();
const lines = readFileSync(process.argv[2]!, "utf8").split("\n").filter((l) => l.trim());
for (const t0 of lines) {
  const t = t0.replace(/\\n/g, "\n");
  const r = parseMessage(t, { indicators, campaignYear: 2021, now: DEV_NOW, timeZone: DEV_TZ });
  console.log(`${JSON.stringify(t).slice(0, 90).padEnd(90)} | ${r.intent} ${r.indicator?.code ?? "-"} ${r.period ?? "-"} ${r.basis ?? "-"} ${r.value ?? "-"} ${r.ambiguity ? r.ambiguity.reason + (r.ambiguity.choices ? "[" + r.ambiguity.choices.join(",") + "]" : "") : ""}${r.reason ? " reason=" + r.reason : ""}`);
}
