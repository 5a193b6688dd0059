// scratch: node test/browser/crop.scratch.mjs <png> <out> <x> <y> <w> <h> [scale]
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
const [src, out, x, y, w, h, scale = "1"] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const p = await b.newPage({ viewport: { width: Number(w), height: Number(h) }, deviceScaleFactor: Number(scale) });
const data = readFileSync(src).toString("base64");
await p.setContent(`<body style="margin:0;overflow:hidden"><img src="data:image/png;base64,${data}" style="display:block;margin-left:-${x}px;margin-top:-${y}px;transform-origin:0 0;zoom:${1/Number(scale)}"></body>`);
await p.waitForFunction(() => document.images[0].complete);
await p.screenshot({ path: out });
await b.close();
