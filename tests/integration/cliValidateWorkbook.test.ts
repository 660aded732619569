import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opendata } from '../helpers/opendataCli.js';
import { agencyWorkbookOf } from '../helpers/workbooks.js';

const work = mkdtempSync(join(tmpdir(), 'opendata-validate-xlsx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FIXTURE = 'fixtures/submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv';

const validate = (...args: string[]) => opendata(['validate', ...args]);

describe('opendata validate of a workbook', () => {
  it('accepts an agency workbook and writes the normalized CSV byte for byte as for the same data in CSV', async () => {
    const workbook = join(work, 'bao-cao.xlsx');
    writeFileSync(
      workbook,
      await agencyWorkbookOf(readFileSync(FIXTURE, 'utf8')),
    );
    const fromXlsx = join(work, 'from-xlsx.csv');
    const fromCsv = join(work, 'from-csv.csv');

    const a = await validate(
      workbook,
      '--dataset',
      'chi-tieu-cds',
      '--format',
      'json',
      '--out',
      fromXlsx,
    );
    const b = await validate(
      FIXTURE,
      '--dataset',
      'chi-tieu-cds',
      '--out',
      fromCsv,
    );

    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({
      status: 'accepted',
      encoding: 'xlsx',
      headerRow: 4,
      submission: { key: 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.xlsx' },
      stats: { rows: 2, acceptedRows: 2, errors: 0, warnings: 0 },
    });
    expect(readFileSync(fromXlsx)).toEqual(readFileSync(fromCsv));
  });

  it('rejects a truncated workbook with a report and exit 1', async () => {
    const whole = await agencyWorkbookOf(readFileSync(FIXTURE, 'utf8'));
    const truncated = join(work, 'truncated.xlsx');
    writeFileSync(truncated, whole.subarray(0, 3000));

    const result = await validate(
      truncated,
      '--dataset',
      'chi-tieu-cds',
      '--format',
      'json',
    );

    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ status: 'rejected', encoding: 'xlsx' });
    expect(report.errors.map((f: { type: string }) => f.type)).toEqual([
      'workbook-corrupt',
    ]);
  });
});
