import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CsvRecord } from '../../../../functions/shared/csv/readCsvRecords.js';
import type { Finding } from '../../../../functions/shared/validation/codes.js';
import {
  HEADER_SCORE,
  headerScore,
} from '../../../../functions/shared/validation/header.js';
import { loadedWorkbook } from '../../../../functions/shared/xlsx/loadedWorkbook.js';
import { streamedWorkbook } from '../../../../functions/shared/xlsx/streamedWorkbook.js';
import { templateFor } from '../../../../functions/shared/xlsx/templateFor.js';
import {
  type WorkbookSheets,
  workbookRecords,
} from '../../../../functions/shared/xlsx/workbookRecords.js';
import { catalogue, FIXTURES_DIR } from '../../../helpers/catalogue.js';
import { fillIndicatorTemplate } from '../../../helpers/fillTemplate.js';
import {
  agencyWorkbookOf,
  buildWorkbook,
  csvRowsOf,
  numericCells,
  withDescriptors,
} from '../../../helpers/workbooks.js';

/**
 * The server reads a workbook with exceljs's streaming reader, the
 * submission page with its loaded workbook; both go through the one
 * `workbookRecords`. These cases prove the two sources give the core the
 * same records and findings, cell for cell.
 */
const schema = catalogue.schemas.get('chi-tieu-cds');
if (!schema) throw new Error('chi-tieu-cds schema missing');
const csv = readFileSync(
  join(FIXTURES_DIR, 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv'),
  'utf8',
);
const [header = [], ...dataRows] = csvRowsOf(csv);

const isDatasetHeader = (cells: readonly string[]) =>
  headerScore(schema, cells) >= HEADER_SCORE;

const read = async (
  sheets: WorkbookSheets,
  isHeader: (cells: readonly string[]) => boolean = isDatasetHeader,
) => {
  const records: CsvRecord[] = [];
  const findings: Finding[] = [];
  for await (const batch of workbookRecords(sheets, {
    isHeader,
    onFinding: (f) => findings.push(f),
  })) {
    records.push(...batch.records);
  }
  return { records, findings };
};

const bothWays = async (
  bytes: Buffer,
  isHeader?: (cells: readonly string[]) => boolean,
) => ({
  streamed: await read(streamedWorkbook(bytes), isHeader),
  loaded: await read(
    loadedWorkbook(async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      return workbook;
    }),
    isHeader,
  ),
});

const saved = (name: string) =>
  readFileSync(join(FIXTURES_DIR, 'workbooks/saved', name));

describe('a workbook read from the stream (server) and loaded (browser)', () => {
  it('gives the same records for an agency workbook: instructions, hidden sheet, merged title, formula, percentage', async () => {
    const { streamed, loaded } = await bothWays(await agencyWorkbookOf(csv));

    expect(loaded).toEqual(streamed);
    expect(streamed.findings).toEqual([]);
    expect(streamed.records.map((r) => [r.sheet, r.line, r.cells])).toEqual([
      ['Báo cáo', 4, header],
      [
        'Báo cáo',
        5,
        [
          'VIETTEL',
          '2023-Q3',
          'CDS-2023-01',
          '1185502',
          '1536946',
          '77,13',
          'thuê bao',
          'Đang thực hiện',
          'Thuê bao di động sử dụng điện thoại thông minh, mạng Viettel',
        ],
      ],
      [
        'Báo cáo',
        6,
        [
          'VIETTEL',
          '2023-Q3',
          'CDS-2023-02',
          '292370',
          '304670',
          '95,96',
          'hộ gia đình',
          'Đã hoàn thành',
          'Hộ gia đình có kết nối Internet cáp quang',
        ],
      ],
    ]);
  });

  it('gives the same records for an agency workbook written with data descriptors', async () => {
    const { streamed, loaded } = await bothWays(
      withDescriptors(await agencyWorkbookOf(csv)),
    );

    expect(loaded).toEqual(streamed);
    expect(streamed.records.map((r) => r.cells[5])).toEqual([
      'gia_tri',
      '77,13',
      '95,96',
    ]);
  });

  it('passes a merged range on once, from its first cell, as the stream does', async () => {
    const rows = numericCells(dataRows);
    const bytes = await buildWorkbook([
      {
        name: 'Báo cáo',
        rows: [header, ...rows],
        // The same unit and period typed once for both rows.
        merges: ['A2:A3', 'B2:B3'],
      },
    ]);

    const { streamed, loaded } = await bothWays(bytes);

    expect(loaded).toEqual(streamed);
    expect(streamed.records[2]?.cells.slice(0, 3)).toEqual([
      '',
      '',
      'CDS-2023-02',
    ]);
    expect(streamed.records[2]?.cellRefs?.slice(0, 3)).toEqual([
      'A3',
      'B3',
      'C3',
    ]);
  });

  it('gives the same finding for a formula without a computed value', async () => {
    const [first = []] = numericCells(dataRows);
    first[5] = { value: { formula: 'ROUND(D2/E2*100,2)', date1904: false } };
    const bytes = await buildWorkbook([
      { name: 'Sheet1', rows: [header, first] },
    ]);

    const { streamed, loaded } = await bothWays(bytes);

    expect(loaded).toEqual(streamed);
    expect(streamed.findings.map((f) => [f.type, f.cellRef, f.cell])).toEqual([
      ['formula-without-value', 'F2', '=ROUND(D2/E2*100,2)'],
    ]);
  });

  it('reads dates, as Date values and as serial numbers in a date format, the same', async () => {
    const bytes = await buildWorkbook([
      {
        name: 'Sheet1',
        rows: [
          header,
          [
            'VIETTEL',
            '2023-Q3',
            'CDS-2023-01',
            { value: new Date(Date.UTC(2023, 8, 30)), numFmt: 'dd/mm/yyyy' },
            { value: 45199, numFmt: 'd/m/yyyy' },
            { value: 0.5, numFmt: '0%' },
          ],
        ],
      },
    ]);

    const { streamed, loaded } = await bothWays(bytes);

    expect(loaded).toEqual(streamed);
    expect(streamed.records[1]?.cells.slice(3, 6)).toEqual([
      '2023-09-30',
      '2023-09-30',
      '50',
    ]);
  });

  it('gives the same records for the filled-in template of STTTT for 2023-Q3 (context columns dropped)', async () => {
    const outcome = await templateFor(catalogue, {
      dataset: 'chi-tieu-cds',
      unit: 'STTTT',
      period: '2023-Q3',
      format: 'xlsx',
    });
    if (!outcome.ok) throw new Error(outcome.messageEn);
    const bytes = await fillIndicatorTemplate(
      outcome.body,
      'submissions/STTTT/2023-Q3/chi-tieu-cds.csv',
    );

    const { streamed, loaded } = await bothWays(bytes);

    expect(loaded).toEqual(streamed);
    expect(streamed.records).toHaveLength(26);
    expect(streamed.records[0]?.cells).toEqual([
      'Mã đơn vị',
      'Kỳ báo cáo',
      'Mã chỉ tiêu',
      'Tử số',
      'Mẫu số',
      'Giá trị',
      'Đơn vị tính',
      'Trạng thái',
      'Ghi chú',
    ]);
  });

  it('passes on the first rows of a workbook with no header the same way', async () => {
    const bytes = await buildWorkbook([
      { name: 'Ghi chú', rows: [['chỉ có ghi chú'], ['không có dữ liệu']] },
    ]);

    const { streamed, loaded } = await bothWays(bytes);

    expect(loaded).toEqual(streamed);
    expect(streamed.records.map((r) => r.cells)).toEqual([
      ['chỉ có ghi chú'],
      ['không có dữ liệu'],
    ]);
  });

  // Workbooks saved by Excel, LibreOffice and Google Sheets: the first
  // non-blank row is taken for the header, so every row is passed on.
  it.each([
    [
      'gold.xlsx',
      [
        'Text|I am Text',
        'Number|3,14',
        'Integer|5',
        'Date|2016-05-17',
        'Formula|I am Text',
        'Hyperlink|exceljs',
      ],
    ],
    ['1904.xlsx', ['|1904-01-01']],
    ['shared_string_with_escape.xlsx', ['_x000D_']],
    [
      'formulas.xlsx',
      [
        'someone@example.com|(formula with hyperlink)',
        'someone@example.com|(formula without link)',
      ],
    ],
    [
      'fibonacci.xlsx',
      Array.from({ length: 19 }, (_, i) => {
        const fib = [1, 1];
        while (fib.length <= i) fib.push((fib.at(-1) ?? 0) + (fib.at(-2) ?? 0));
        return `${i + 1}|${fib[i]}`;
      }),
    ],
    ['dateIssue.xlsx', ['Date', '2020-11-20']],
    [
      'libre-calc-as-excel-2007-365.xlsx',
      ['BEGIN|HIDDEN|VISIBLE', 'HIDDEN||', 'VISIBLE||'],
    ],
    ['google-sheets.xlsx', ['BEGIN|HIDDEN|VISIBLE', 'HIDDEN||', 'VISIBLE||']],
  ] as const)(
    'reads %s, as its program saved it, the same both ways',
    async (name, rows) => {
      const { streamed, loaded } = await bothWays(saved(name), () => true);

      expect(loaded).toEqual(streamed);
      expect(streamed.findings).toEqual([]);
      expect(streamed.records.map((r) => r.cells.join('|'))).toEqual(rows);
    },
  );
});
