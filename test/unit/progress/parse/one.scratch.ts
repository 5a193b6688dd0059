import { parseMessage } from "../../../../src/domain/progress/parse/parse-message";
import { loadIndicators, DEV_NOW, DEV_TZ } from "./reference-indicators";
const r = parseMessage(process.argv[2]!.replace(/\\n/g, "\n"), { indicators: loadIndicators(), campaignYear: 2021, now: DEV_NOW, timeZone: DEV_TZ });
console.log(JSON.stringify(r, null, 1));
