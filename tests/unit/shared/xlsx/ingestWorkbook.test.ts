import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ingestSubmission } from '../../../../functions/ingest-submission/ingestSubmission.js';
import { FIXTURES_DIR } from '../../../helpers/catalogue.js';
import { memoryIngest, uploadOf } from '../../../helpers/memoryIngest.js';
import {
  agencyWorkbookOf,
  buildWorkbook,
  numericCells,
  withParts,
} from '../../../helpers/workbooks.js';

const CSV_KEY = 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv';
const XLSX_KEY = 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.xlsx';
const csvBytes = readFileSync(
  join(FIXTURES_DIR, 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv'),
);
const csvRows = Papa.parse<string[]>(csvBytes.toString('utf8').trim()).data;
const [header = [], ...dataRows] = csvRows;

const ingest = async (bytes: Buffer, key = XLSX_KEY) => {
  const ports = memoryIngest(bytes);
  const summary = await ingestSubmission(
    uploadOf(key, bytes.length),
    ports.deps,
  );
  return { ...ports, summary };
};

const instructions = {
  name: 'Hướng dẫn',
  rows: [['HƯỚNG DẪN NHẬP SỐ LIỆU'], ['Mã đơn vị: mã cơ quan']],
};

/** The fixture's rows in a workbook as agencies send it. */
const agencyWorkbook = () => agencyWorkbookOf(csvBytes.toString('utf8'));

describe('ingesting a workbook', () => {
  it('reads the data sheet after instructions and title rows to the same normalized rows as the CSV', async () => {
    const fromCsv = await ingest(csvBytes, CSV_KEY);

    const fromXlsx = await ingest(await agencyWorkbook());

    expect(fromXlsx.summary).toMatchObject({
      status: 'accepted',
      rows: 2,
      errors: 0,
      warnings: 0,
    });
    expect(fromXlsx.report()).toMatchObject({ encoding: 'xlsx', headerRow: 4 });
    expect([...fromXlsx.committed.values()]).toEqual([
      ...fromCsv.committed.values(),
    ]);
    expect(fromXlsx.records[0]?.measures).toEqual(fromCsv.records[0]?.measures);
    expect(fromXlsx.records[0]?.lineage).toEqual({
      'CDS-2023-01': [5],
      'CDS-2023-02': [6],
    });
  });

  it('places a text in tu_so at sheet row 6 on its cell D6', async () => {
    const rows = numericCells([dataRows[0] ?? [], dataRows[1] ?? []]);
    const third = [...(rows[1] ?? [])];
    third[2] = 'CDS-2023-05';
    third[3] = 'nhiều';
    const bytes = await buildWorkbook([
      {
        name: 'Báo cáo',
        rows: [['BÁO CÁO'], [], header, ...rows, third],
      },
    ]);

    const { summary, report } = await ingest(bytes);

    expect(summary.status).toBe('rejected');
    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'type-error',
        rowNumber: 6,
        fieldName: 'tu_so',
        cell: 'nhiều',
        sheet: 'Báo cáo',
        cellRef: 'D6',
      }),
    ]);
  });

  it('reports a formula without a computed value on its cell', async () => {
    const [first = []] = numericCells(dataRows);
    first[5] = { value: { formula: 'ROUND(D2/E2*100,2)', date1904: false } };
    const bytes = await buildWorkbook([
      { name: 'Sheet1', rows: [header, first] },
    ]);

    const { summary, report } = await ingest(bytes);

    expect(summary.status).toBe('rejected');
    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'formula-without-value',
        rowNumber: 2,
        sheet: 'Sheet1',
        cellRef: 'F2',
        cell: '=ROUND(D2/E2*100,2)',
      }),
    ]);
  });

  it('rejects a truncated archive with a report, not a crash', async () => {
    const bytes = await agencyWorkbook();

    const { summary, report, committed } = await ingest(
      bytes.subarray(0, Math.floor(bytes.length / 2)),
    );

    expect(summary).toMatchObject({ status: 'rejected', errors: 1, rows: 0 });
    expect(report().errors.map((f) => f.type)).toEqual(['workbook-corrupt']);
    expect(committed.size).toBe(0);
  });

  it('refuses a macro-enabled workbook', async () => {
    const bytes = withParts(await agencyWorkbook(), {
      'xl/vbaProject.bin': strToU8('VBA'),
    });

    const { report } = await ingest(bytes);

    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'workbook-macro-enabled',
        cell: 'xl/vbaProject.bin',
      }),
    ]);
  });

  it('refuses a password-protected workbook (an OLE container with an EncryptedPackage)', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);

    const { report } = await ingest(ole);

    expect(report().errors.map((f) => f.type)).toEqual(['workbook-encrypted']);
  });

  it('refuses a legacy .xls workbook', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);

    const { report } = await ingest(ole);

    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'workbook-unsupported',
        cell: 'Excel 97–2003 (.xls)',
      }),
    ]);
  });

  it('reads a CSV that carries an .xlsx name as CSV, with a warning', async () => {
    const fromCsv = await ingest(csvBytes, CSV_KEY);

    const { summary, report, committed } = await ingest(csvBytes);

    expect(summary).toMatchObject({
      status: 'accepted-with-warnings',
      rows: 2,
    });
    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'csv-named-workbook',
        cell: 'chi-tieu-cds.xlsx',
      }),
    ]);
    expect([...committed.values()]).toEqual([...fromCsv.committed.values()]);
  });

  it('reads a workbook uploaded under a .csv name as a workbook', async () => {
    const { summary, report } = await ingest(await agencyWorkbook(), CSV_KEY);

    expect(summary).toMatchObject({ status: 'accepted', rows: 2 });
    expect(report().encoding).toBe('xlsx');
  });

  it('skips a hidden sheet even when its header matches', async () => {
    const bytes = await agencyWorkbook();

    const { report } = await ingest(bytes);

    expect(report().errors).toEqual([]);
  });

  it('reports the missing columns of a workbook whose sheets have no header', async () => {
    const bytes = await buildWorkbook([instructions]);

    const { report } = await ingest(bytes);

    expect(report().errors.map((f) => f.type)).toContain('missing-label');
  });
});
