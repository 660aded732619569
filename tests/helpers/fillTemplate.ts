import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { TEMPLATE_SHEET } from '../../functions/shared/xlsx/buildTemplate.js';
import { FIXTURES_DIR } from './catalogue.js';
import { csvRowsOf } from './workbooks.js';

/**
 * Fills a chi-tieu-cds template in as an official would: for every
 * pre-filled indicator row, the figures and status of the unit's fixture
 * for the quarter, numbers typed as numbers.
 */
export const fillIndicatorTemplate = async (
  template: Buffer,
  fixture: string,
): Promise<Buffer> => {
  const [, ...rows] = csvRowsOf(
    readFileSync(join(FIXTURES_DIR, fixture), 'utf8'),
  );
  const byCode = new Map(rows.map((r) => [r[2] ?? '', r]));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(TEMPLATE_SHEET);
  if (!sheet) throw new Error('no data sheet in the template');
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const source = byCode.get(String(row.getCell(3).value ?? ''));
    if (!source) return;
    for (let c = 4; c <= 9; c++) {
      const text = source[c - 1] ?? '';
      if (text === '') continue;
      row.getCell(c).value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
