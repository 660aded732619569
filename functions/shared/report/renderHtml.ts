import { bi, esc } from '../publish/html.js';
import { layout } from '../publish/sitePages.js';
import type { PublishedFile, PublisherInfo } from '../publish/types.js';
import { APPENDIX_HEADERS } from './buildAppendix.js';
import type { AppendixModel, AppendixRow } from './types.js';

/** File names of the appendix under `bao-cao/<YYYY-Qn>/`. */
const REPORT_FILES = {
  page: 'index.html',
  docx: 'phu-luc-chi-tieu.docx',
  xlsx: 'phu-luc-chi-tieu.xlsx',
} as const;

/** The appendix's own stylesheet: a readable table on a phone, a clean A4 print. */
const REPORT_CSS = `.appendix{font-family:"Times New Roman",Times,serif}
.appendix col.c-stt{width:6%}.appendix col.c-name{width:36%}.appendix col.c-deadline{width:11%}.appendix col.c-result{width:33%}.appendix col.c-marks{width:14%}
.appendix .status{display:inline-block;font-weight:700}
.appendix .detail{display:block}
.appendix td.stt,.appendix td.deadline{text-align:center;white-space:nowrap}
.appendix tr.pillar th{background:#eef2f6;text-align:left}
.appendix .mark{color:#9a3412;font-size:.9em}
.appendix .summary{font-weight:700}
.appendix .official{border-left:4px solid #2a9d58;padding:.25rem .75rem}
.appendix .provisional{border-left:4px solid #e07a10;padding:.25rem .75rem}
.appendix .scroll:focus{outline:2px solid #0b5cad}
@media (max-width:600px){.appendix table{font-size:.8rem}.appendix th,.appendix td{padding:.25rem}}
@media print{@page{size:A4;margin:15mm}
header.top,footer,.no-print,button.lang{display:none!important}
body{background:#fff;color:#000;font:12pt/1.35 "Times New Roman",Times,serif}
main{max-width:none;padding:0}
.appendix .scroll{overflow:visible}
.appendix table{font-size:11pt;width:100%}
.appendix thead{display:table-header-group}
.appendix tr{break-inside:avoid}
.appendix th,.appendix td{border:1px solid #000}
a{color:#000;text-decoration:none}}
`;

const rowHtml = (r: AppendixRow): string =>
  `<tr id="${esc(r.code)}"><td class="stt">${esc(r.stt)}</td><td>${esc(r.name)}</td><td class="deadline">${esc(r.deadline.text)}</td><td><span class="status">${esc(r.status)}</span>${r.detail ? `<span class="detail">${esc(r.detail)}</span>` : ''}</td><td>${r.markText ? `<span class="mark">${esc(r.markText)}</span>` : ''}</td></tr>`;

/** The appendix's content: header, one table per plan (pillar rows, indicator rows), summary and status footer. */
const appendixMain = (
  model: AppendixModel,
  downloads?: { readonly docx: string; readonly xlsx: string },
): string => {
  const tables = model.plans
    .map(
      (
        plan,
      ) => `<section aria-labelledby="plan-${esc(plan.plan.replace(/[^A-Za-z0-9]+/g, '-'))}">
<h2 id="plan-${esc(plan.plan.replace(/[^A-Za-z0-9]+/g, '-'))}">${esc(plan.heading.vi)}</h2>
<p class="summary">${esc(plan.summary.text)}</p>
<div class="scroll" tabindex="0" role="region" aria-label="${esc(plan.heading.vi)}"><table>
<colgroup><col class="c-stt"><col class="c-name"><col class="c-deadline"><col class="c-result"><col class="c-marks"></colgroup>
<thead><tr>${APPENDIX_HEADERS.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${plan.pillars
  .map(
    (p) =>
      `<tr class="pillar"><th scope="row">${esc(p.numeral)}</th><th colspan="4">${esc(p.name.vi)}</th></tr>\n${p.rows.map(rowHtml).join('\n')}`,
  )
  .join('\n')}
</tbody></table></div>
</section>`,
    )
    .join('\n');
  return `<article class="appendix">
<h1>${esc(model.title.vi)}</h1>
<p lang="en">${esc(model.title.en)}</p>
${downloads ? `<p class="no-print">${bi({ vi: 'Tải về', en: 'Download' })}: <a href="${esc(downloads.docx)}">DOCX (Word)</a> · <a href="${esc(downloads.xlsx)}">XLSX (Excel)</a></p>` : ''}
${tables}
<p class="${model.status === 'chinh_thuc' ? 'official' : 'provisional'}">${esc(model.footer.vi)}<br><span lang="en">${esc(model.footer.en)}</span></p>
</article>`;
};

/** The appendix as one self-contained HTML file (what `opendata report --format html` writes). */
const renderAppendixDocument = (
  model: AppendixModel,
): string => `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(model.title.vi)}</title>
<style>
body{margin:0;background:#fff;color:#1d2733;font:16px/1.5 "Times New Roman",Times,serif}
main{max-width:1080px;margin:0 auto;padding:1rem}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #d8dee6;padding:.35rem .5rem;text-align:left;vertical-align:top}
.scroll{overflow-x:auto}
${REPORT_CSS}</style>
</head>
<body>
<main>
${appendixMain(model)}
</main>
</body>
</html>
`;

/** The appendix as JSON, the same content for machines. */
const renderAppendixJson = (model: AppendixModel): string =>
  `${JSON.stringify(model, null, 2)}\n`;

/** `bao-cao/<YYYY-Qn>/index.html` of the site: the appendix in the site's layout, linking its DOCX and XLSX. */
const appendixPage = (
  info: PublisherInfo,
  model: AppendixModel,
): PublishedFile => {
  const root = '../../';
  const main = `<p class="crumbs no-print"><a href="${root}index.html">${bi({ vi: 'Trang chủ', en: 'Home' })}</a> › ${bi({ vi: 'Báo cáo quý', en: 'Quarterly reports' })} › ${esc(model.periodText)}</p>
${appendixMain(model, { docx: REPORT_FILES.docx, xlsx: REPORT_FILES.xlsx })}
<p class="no-print"><a href="${root}datasets/tong-hop-chi-tieu-cds/index.html">${bi({ vi: 'Bộ dữ liệu tổng hợp chỉ tiêu', en: 'The consolidated indicators dataset' })}</a></p>`;
  return {
    path: `bao-cao/${model.period}/${REPORT_FILES.page}`,
    body: Buffer.from(
      layout(info, {
        title: model.title,
        description: model.plans.map((p) => p.summary.text).join('. '),
        root,
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'Report',
          name: model.title.vi,
          inLanguage: 'vi',
          temporalCoverage: model.period,
          creativeWorkStatus:
            model.status === 'chinh_thuc' ? 'Published' : 'Draft',
        },
        main,
        head: `<link rel="stylesheet" href="${root}assets/report.css">\n`,
      }),
      'utf8',
    ),
    contentType: 'text/html; charset=utf-8',
  };
};

export {
  appendixMain,
  appendixPage,
  REPORT_CSS,
  REPORT_FILES,
  renderAppendixDocument,
  renderAppendixJson,
};
