import type { PublishedFile } from '../types.js';
import type { BrowserCatalogue } from './browserCatalogue.js';

/** One file of the page's script bundle, published under `assets/`. */
export interface PageScript {
  /** `nop-bao-cao.js` (the entry) or a chunk it loads on demand. */
  readonly name: string;
  readonly text: string;
}

/** What the submission page is built from: its bundled scripts and the catalogue it validates with. */
export interface SubmitPageAssets {
  /** The esbuild bundle of `submitPage.ts` (the same validation core as the ingest). */
  readonly scripts: readonly PageScript[];
  readonly catalogue: BrowserCatalogue;
}

/** Path of the page's entry script; the CSP allows the site's own scripts only. */
const SCRIPT_PATH = 'assets/nop-bao-cao.js';

const CSS = `main{max-width:60rem;margin:0 auto;padding:1rem}
fieldset{border:1px solid #bbb;margin:0 0 1rem;padding:.6rem;min-width:0}
label{display:block;margin:.4rem 0}
select,input,button{font:inherit;max-width:100%}
select{width:100%}
a,p,div{overflow-wrap:anywhere}
button{padding:.4rem .9rem;margin:.2rem .3rem .2rem 0}
#drop{border:2px dashed #888;padding:1.2rem;text-align:center}
#drop.over{background:#eef6ff}
.finding{border-left:4px solid #c00;padding:.3rem .6rem;margin:.4rem 0;background:#fff6f6}
.finding.warning{border-color:#c90;background:#fffbea}
.ok{color:#070;font-weight:600}.bad{color:#b00;font-weight:600}
.scroll{overflow-x:auto}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem}
:focus-visible{outline:3px solid #1565c0;outline-offset:2px}
@media (max-width:400px){main{padding:.5rem}button{width:100%}}
`;

const HTML = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Nộp báo cáo / Submit a report</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="../assets/site.css">
<link rel="stylesheet" href="../assets/nop-bao-cao.css">
</head>
<body>
<main>
<p><a href="../index.html">Trang chủ / Home</a></p>
<h1>Nộp báo cáo <span lang="en">/ Submit a report</span></h1>
<section id="token-box" aria-labelledby="token-title">
<h2 id="token-title">Mã truy cập / Access token</h2>
<p id="token-state" role="status"></p>
<label>Mã truy cập của đơn vị / Your unit's token <input id="token" type="password" autocomplete="off"></label>
<button id="use-token" type="button">Dùng mã / Use token</button>
<button id="forget" type="button">Quên mã / Forget token</button>
</section>
<fieldset>
<legend>Báo cáo / Report</legend>
<label>Bộ dữ liệu / Dataset <select id="dataset"></select></label>
<label>Kỳ báo cáo / Quarter <select id="period"></select></label>
<p id="owed" role="status"></p>
<p><a id="template" href="#">Tải mẫu điền sẵn (.xlsx) / Download the pre-filled template</a></p>
</fieldset>
<fieldset>
<legend>Tệp / File</legend>
<div id="drop">Kéo thả tệp CSV hoặc XLSX vào đây / Drop a CSV or XLSX file here
<label>hoặc chọn tệp / or choose a file <input id="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></label></div>
</fieldset>
<section aria-live="polite">
<h2>Kết quả kiểm tra / Check result</h2>
<div id="report"><p>Chưa có tệp / No file yet.</p></div>
<button id="submit" type="button" disabled>Nộp báo cáo / Submit</button>
<div id="server-report" role="status"></div>
</section>
<section>
<h2>Các lần nộp trong quý / Submissions this quarter</h2>
<div id="submissions" class="scroll"></div>
</section>
</main>
<script type="module" src="../${SCRIPT_PATH}"></script>
</body>
</html>
`;

/** The submission page `nop-bao-cao/`, its catalogue and its script. */
const submitPageFiles = (assets: SubmitPageAssets): PublishedFile[] => [
  {
    path: 'nop-bao-cao/index.html',
    body: Buffer.from(HTML, 'utf8'),
    contentType: 'text/html; charset=utf-8',
  },
  {
    path: 'nop-bao-cao/catalogue.json',
    body: Buffer.from(JSON.stringify(assets.catalogue), 'utf8'),
    contentType: 'application/json; charset=utf-8',
  },
  {
    path: 'assets/nop-bao-cao.css',
    body: Buffer.from(CSS, 'utf8'),
    contentType: 'text/css; charset=utf-8',
  },
  ...assets.scripts.map((script) => ({
    path: `assets/${script.name}`,
    body: Buffer.from(script.text, 'utf8'),
    contentType: 'text/javascript; charset=utf-8',
  })),
];

export { SCRIPT_PATH, submitPageFiles };
