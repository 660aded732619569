import type { DatasetSchema } from '../schema/types.js';
import { buildTemplateCsv, buildTemplateXlsx } from '../xlsx/buildTemplate.js';
import { SUBMISSION_CONTENT_TYPES } from '../xlsx/submissionFormats.js';
import { bi, esc } from './html.js';
import type { PublishedFile } from './types.js';

/** The folder of the blank templates on the site. */
const TEMPLATE_DIR = 'mau-bao-cao/';

/** Blank templates carry the program's first day, so every run gives the same bytes. */
const TEMPLATE_DATE = new Date(Date.UTC(2023, 0, 1));

/**
 * The blank templates of every submission dataset, for the site:
 * `mau-bao-cao/<dataset>.xlsx` and `.csv`.
 */
const buildTemplateFiles = async (
  schemas: readonly DatasetSchema[],
): Promise<PublishedFile[]> => {
  const files: PublishedFile[] = [];
  for (const schema of schemas) {
    if (schema['x-dataset'].kind !== 'submission') continue;
    const id = schema['x-dataset'].id;
    const input = { schema, indicators: new Map(), modified: TEMPLATE_DATE };
    files.push(
      {
        path: `${TEMPLATE_DIR}${id}.xlsx`,
        body: await buildTemplateXlsx(input),
        contentType: SUBMISSION_CONTENT_TYPES.xlsx,
      },
      {
        path: `${TEMPLATE_DIR}${id}.csv`,
        body: Buffer.from(buildTemplateCsv(input), 'utf8'),
        contentType: `${SUBMISSION_CONTENT_TYPES.csv}; charset=utf-8`,
      },
    );
  }
  return files;
};

/** The dataset page's links to its blank templates (relative to `datasets/<name>/`), or nothing. */
const templateLinks = (schema: DatasetSchema): string => {
  if (schema['x-dataset'].kind !== 'submission') return '';
  const id = esc(schema['x-dataset'].id);
  return `<p class="templates">${bi({ vi: 'Mẫu báo cáo để điền', en: 'Template to fill in' })}: <a href="../../${TEMPLATE_DIR}${id}.xlsx">${id}.xlsx</a> · <a href="../../${TEMPLATE_DIR}${id}.csv">${id}.csv</a></p>`;
};

export { buildTemplateFiles, TEMPLATE_DIR, templateLinks };
