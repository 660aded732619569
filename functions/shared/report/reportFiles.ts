import { bi, esc } from '../publish/html.js';
import type { PublishedFile, PublisherInfo } from '../publish/types.js';
import { renderAppendixDocx } from './renderDocx.js';
import { appendixPage, REPORT_CSS, REPORT_FILES } from './renderHtml.js';
import { renderAppendixXlsx } from './renderXlsx.js';
import type { AppendixModel } from './types.js';

const DOCX_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The appendix of every quarter on the site, under `bao-cao/<YYYY-Qn>/`: its
 * page, `phu-luc-chi-tieu.docx` and `phu-luc-chi-tieu.xlsx`, and the report
 * stylesheet. The same models give the same bytes.
 */
const buildReportFiles = async (
  info: PublisherInfo,
  models: readonly AppendixModel[],
): Promise<PublishedFile[]> => {
  if (models.length === 0) return [];
  const files: PublishedFile[] = [
    {
      path: 'assets/report.css',
      body: Buffer.from(REPORT_CSS, 'utf8'),
      contentType: 'text/css; charset=utf-8',
    },
  ];
  for (const model of models) {
    const dir = `bao-cao/${model.period}/`;
    files.push(
      appendixPage(info, model),
      {
        path: `${dir}${REPORT_FILES.docx}`,
        body: await renderAppendixDocx(model),
        contentType: DOCX_TYPE,
      },
      {
        path: `${dir}${REPORT_FILES.xlsx}`,
        body: await renderAppendixXlsx(model),
        contentType: XLSX_TYPE,
      },
    );
  }
  return files;
};

/** A section listing the quarterly reports, newest first, for a page `root` levels below the site. */
const reportsSection = (
  models: readonly AppendixModel[],
  root: string,
): string => {
  if (models.length === 0) return '';
  const items = [...models]
    .sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0))
    .map((m) => {
      const dir = `${root}bao-cao/${esc(m.period)}/`;
      const summary = m.plans.map((p) => p.summary.text).join('; ');
      return `<li><a href="${dir}${REPORT_FILES.page}">${esc(m.periodText)}</a> · ${esc(summary)} · ${esc(m.status === 'chinh_thuc' ? 'chính thức' : 'tạm tính')} · <a href="${dir}${REPORT_FILES.docx}">DOCX</a> <a href="${dir}${REPORT_FILES.xlsx}">XLSX</a></li>`;
    })
    .join('\n');
  return `<h2>${bi({ vi: 'Báo cáo kết quả chỉ tiêu hằng quý', en: 'Quarterly indicator reports' })}</h2>
<ul>
${items}
</ul>
`;
};

export { buildReportFiles, reportsSection };
