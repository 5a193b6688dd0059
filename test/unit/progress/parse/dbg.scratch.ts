import { matchIndicators } from "../../../../src/domain/progress/parse/match-indicator";
import { indexIndicators } from "../../../../src/domain/progress/parse/indicator-index";
import { prepareText, splitWords } from "../../../../src/domain/progress/parse/prepare-text";
import { loadIndicators } from "./reference-indicators";
const inds = loadIndicators();
const idx = indexIndicators(inds);
for (const t of process.argv.slice(2)) {
  const words = splitWords(prepareText(t)).filter((w) => !/\d/.test(w.text));
  const m = matchIndicators(words, idx, prepareText(t).folded.replace(/\\n/g,"\n"));
  console.log(t, words.map(w=>w.text).join(" "));
  for (const c of m.ranked.slice(0, 6)) console.log("  ", inds[c.indicator]!.code, c.score.toFixed(2), c.coverage.toFixed(2), c.strong, [...c.positions].map(([j,w]) => `${words[j]!.text}:${w.toFixed(2)}`).join(","));
  console.log("  mentions", m.mentions.map(c => inds[c.indicator]!.code), "ties", [...m.ties.entries()].map(([k,v]) => inds[k.indicator]!.code + "->" + v.map(c=>inds[c.indicator]!.code)));
}
