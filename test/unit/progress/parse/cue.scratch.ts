import { prepareText } from "../../../../src/domain/progress/parse/prepare-text";
import { readPeriods } from "../../../../src/domain/progress/parse/read-period";
import { readNumberMentions } from "../../../../src/domain/progress/parse/read-numbers";
const p = prepareText("Số xã NTM tăng thêm 3 xã");
const per = readPeriods(p, { campaignYear: 2021, today: { year: 2021, month: 4, day: 5 } });
console.log(JSON.stringify(per.scan), per.mentions);
console.log(readNumberMentions(p, per.scan).map(n => [n.start, n.end, n.text]));
