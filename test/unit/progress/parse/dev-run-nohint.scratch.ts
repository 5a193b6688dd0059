import { parseMessage } from "../../../../src/domain/progress/parse/parse-message";
import { loadIndicatorsWithoutHints, loadUtterances, evalFile, DEV_NOW, DEV_TZ } from "./reference-indicators";
const file = process.argv[2] ?? evalFile("report-utterances-dev.jsonl");
const indicators = loadIndicatorsWithoutHints();
let bad = 0;
for (const u of loadUtterances(file)) {
  const r = parseMessage(u.text, { indicators, campaignYear: 2021, now: DEV_NOW, timeZone: DEV_TZ });
  const e = u.expect;
  const errs: string[] = [];
  if (r.intent !== e.intent) errs.push(`intent ${r.intent}≠${e.intent}`);
  if ((r.indicator?.code ?? null) !== e.indicator) errs.push(`ind ${r.indicator?.code ?? null}≠${e.indicator}`);
  if (r.period !== e.period) errs.push(`period ${r.period}≠${e.period}`);
  const vOk = e.value === null ? r.value === null : r.value !== null && Math.abs(r.value - e.value) <= 1e-6 * Math.max(1, Math.abs(e.value));
  if (!vOk) errs.push(`value ${r.value}≠${e.value}`);
  if ((r.ambiguity !== null) !== e.ambiguous) errs.push(`amb ${r.ambiguity?.reason ?? null}≠${e.ambiguous}`);
  if (r.basis !== e.basis) errs.push(`basis ${r.basis}≠${e.basis}`);
  if (errs.length) { bad++; console.log(u.id, JSON.stringify(u.text), errs.join("; "), "\n   ", r.explain.join(" | "), JSON.stringify(r.candidates.slice(0,3)), JSON.stringify(r.ambiguity)); }
}
console.log("bad", bad);
