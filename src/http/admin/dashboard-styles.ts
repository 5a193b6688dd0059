/**
 * @module The dashboard's one stylesheet, served from /admin/assets (same origin, cached; no external fonts or
 * scripts). System fonts render Vietnamese everywhere; layouts reflow from a laptop to a 360 px phone.
 */
export const DASHBOARD_CSS = `
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--bg:#f6f8fa;--brand:#1f3a5f;--done:#1a7f37;--on:#3d9a40;--risk:#b7791f;--behind:#c53030;--none:#8a96a3}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:#1d4f91}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f0a202;outline-offset:2px}
header.top{background:var(--brand);color:#fff;padding:10px 16px}
header.top .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;max-width:1240px;margin:0 auto}
header.top .brand{font-weight:700;font-size:17px;color:#fff;text-decoration:none;margin-right:auto}
header.top .wrap{flex-wrap:nowrap}
header.top form{margin:0}
header.top button{background:transparent;color:#fff;border:1px solid #ffffff80;border-radius:6px;padding:4px 10px;font:inherit;cursor:pointer;white-space:nowrap}
nav.tabs{background:#fff;border-bottom:1px solid var(--line);overflow-x:auto;white-space:nowrap}
nav.tabs .wrap{max-width:1240px;margin:0 auto;padding:0 8px}
nav.tabs a{display:inline-block;padding:11px 12px;text-decoration:none;color:var(--ink);border-bottom:3px solid transparent}
nav.tabs a[aria-current=page]{border-bottom-color:var(--brand);font-weight:600}
main{max-width:1240px;margin:0 auto;padding:16px}
h1{font-size:22px;margin:4px 0 2px}
h2{font-size:18px;margin:26px 0 10px}
h3{font-size:16px;margin:18px 0 8px}
.sub{color:var(--muted);margin:0 0 12px}
.toolbar{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;margin:10px 0 16px}
.toolbar label{display:flex;flex-direction:column;font-size:13px;color:var(--muted);gap:2px}
select,input,textarea{font:inherit;padding:7px 9px;border:1px solid #b8c0ca;border-radius:6px;background:#fff;color:var(--ink);max-width:100%}
button.primary,.button{background:var(--brand);color:#fff;border:0;border-radius:6px;padding:8px 14px;font:inherit;cursor:pointer;text-decoration:none;display:inline-block}
.cards{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:10px;margin:8px 0 6px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.card .k{font-size:13px;color:var(--muted)}
.card .v{font-size:24px;font-weight:700;margin-top:2px;font-variant-numeric:tabular-nums}
.card .v small{font-size:14px;font-weight:400;color:var(--muted)}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:7px 9px;border-bottom:1px solid #e8ecf1;text-align:left;vertical-align:top}
th{background:#eef2f7;font-size:13px;font-weight:600;color:#39424e;position:sticky;top:0}
tr.section td{background:#f3f5f8;font-weight:700;color:#39424e}
td.num,th.num{text-align:right;white-space:nowrap}
td.num .hint{white-space:normal}
td.name{min-width:10em}
table.ranking td.name{min-width:13em}
th.crit{min-width:6.5em;white-space:normal}
.phone-only{display:none}
td.nowrap{white-space:nowrap}
td .hint{display:block;font-size:12.5px;color:var(--muted)}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:12.5px;font-weight:600;white-space:nowrap}
.s-done{background:var(--done);color:#fff}.s-on_track{background:#d9f2dc;color:#17612a}.s-at_risk{background:#fdefc8;color:#7a4d00}.s-behind{background:#fbdada;color:#9b1c1c}.s-no_data{background:#eceff3;color:#4a5563}
.bar{position:relative;display:block;height:8px;min-width:90px;background:#e8edf3;border-radius:4px;margin-top:5px;overflow:hidden}
.bar .fill{display:block;height:100%;border-radius:4px}
.bar .fill.s-done{background:var(--done)}.bar .fill.s-on_track{background:var(--on)}.bar .fill.s-at_risk{background:#f0a202}.bar .fill.s-behind{background:var(--behind)}.bar .fill.s-no_data{background:var(--none)}
.bar .mark{position:absolute;left:66.667%;top:0;bottom:0;width:2px;background:var(--ink)}
.ok{color:var(--done);font-weight:600}.missing{color:var(--behind);font-weight:600}.muted{color:var(--muted)}
.chart{display:block;width:100%;max-width:960px;height:auto;background:#fff;border:1px solid var(--line);border-radius:10px}
.exports{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:8px 0}
.exports li{background:#fff;border:1px solid var(--line);border-radius:8px;padding:6px 10px;display:flex;gap:8px;align-items:center}
.exports a{font-weight:600;text-decoration:none;border:1px solid #b8c7db;border-radius:5px;padding:2px 8px}
.flash{padding:10px 14px;border-radius:8px;margin:8px 0}.flash.ok{background:#e3f5e6;color:#17612a}.flash.err{background:#fde8e8;color:#9b1c1c}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
form.stack{display:grid;gap:10px;max-width:560px;background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px}
form.stack label{display:grid;gap:4px;font-weight:600;min-width:0}
form.stack select,form.stack input,form.stack textarea{width:100%}
.grid2>*{min-width:0}
.login{max-width:380px;margin:10vh auto;background:#fff;border:1px solid var(--line);border-radius:12px;padding:22px}
.login h1{margin-bottom:12px}
.login input{width:100%}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;word-break:break-all}
footer{max-width:1240px;margin:20px auto;padding:0 16px 24px;color:var(--muted);font-size:13px}
@media (max-width:760px){
  body{font-size:15px}
  main{padding:12px 10px}
  .opt{display:none}
  .phone-only{display:block;margin-top:4px}
  table#units .yn-word{display:none}
  header.top .brand .opt{display:none}
  .toolbar{display:grid;grid-template-columns:1fr}
  .toolbar label,.toolbar select{width:100%}
  .exports li{width:100%}
  .grid2{grid-template-columns:1fr}
  th,td{padding:6px 6px}
  h1{font-size:19px}
  .card .v{font-size:21px}
  .cards{grid-template-columns:repeat(2,minmax(0,1fr))}
}
@media print{header.top,nav.tabs,.toolbar,.exports,form{display:none}body{background:#fff}.table-wrap{border:0}}
`;
