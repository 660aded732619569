import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_SHEET } from '../../../../functions/shared/xlsx/buildTemplate.js';
import { catalogue } from '../../../helpers/catalogue.js';
import { buildSample, fileAt, textAt } from './sampleSite.js';

const submissionIds = [...catalogue.schemas.values()]
  .filter((s) => s['x-dataset'].kind === 'submission')
  .map((s) => s['x-dataset'].id)
  .sort();

describe('published templates', () => {
  it('publishes a blank .xlsx and .csv template of every submission dataset under mau-bao-cao/, and nothing else there', async () => {
    const { files } = await buildSample();

    expect(
      files
        .filter((f) => f.path.startsWith('mau-bao-cao/'))
        .map((f) => f.path)
        .sort(),
    ).toEqual(
      submissionIds.flatMap((id) => [
        `mau-bao-cao/${id}.csv`,
        `mau-bao-cao/${id}.xlsx`,
      ]),
    );
    expect(submissionIds).toHaveLength(7);
  });

  it.each(submissionIds)(
    'gives %s a workbook headed by its field titles',
    async (id) => {
      const { files } = await buildSample();
      const schema = catalogue.schemas.get(id);
      const workbook = new ExcelJS.Workbook();

      await workbook.xlsx.load(
        fileAt(files, `mau-bao-cao/${id}.xlsx`).body as unknown as ArrayBuffer,
      );

      const header = workbook.getWorksheet(TEMPLATE_SHEET)?.getRow(1).values;
      expect(
        (header as unknown[]).slice(1, 1 + (schema?.fields.length ?? 0)),
      ).toEqual(schema?.fields.map((f) => f.title));
    },
  );

  it('links each submission dataset page to its templates, and no derived one', async () => {
    const { files } = await buildSample();

    expect(textAt(files, 'datasets/chi-tieu-cds/index.html')).toContain(
      '<a href="../../mau-bao-cao/chi-tieu-cds.xlsx">chi-tieu-cds.xlsx</a> · <a href="../../mau-bao-cao/chi-tieu-cds.csv">chi-tieu-cds.csv</a>',
    );
    expect(
      textAt(files, 'datasets/tong-hop-chi-tieu-cds/index.html'),
    ).not.toContain('mau-bao-cao/');
  });

  it('builds the same template bytes on every run', async () => {
    const a = await buildSample();
    const b = await buildSample();

    expect(fileAt(a.files, 'mau-bao-cao/chi-tieu-cds.xlsx').body).toEqual(
      fileAt(b.files, 'mau-bao-cao/chi-tieu-cds.xlsx').body,
    );
  });
});
