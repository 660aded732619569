import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opendata } from '../helpers/opendataCli.js';

const work = mkdtempSync(join(tmpdir(), 'opendata-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const validate = (...args: string[]) => opendata(['validate', ...args]);

describe('opendata validate', () => {
  it('gives an Excel Windows-1258 file the same normalized rows as the clean UTF-8 fixture', async () => {
    const excel = join(work, 'excel.csv');
    const clean = join(work, 'clean.csv');

    const a = await validate(
      'fixtures/cases/excel-windows-1258.csv',
      '--dataset',
      'chi-tieu-cds',
      '--out',
      excel,
      '--format',
      'json',
    );
    const b = await validate(
      'fixtures/submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
      '--dataset',
      'chi-tieu-cds',
      '--out',
      clean,
    );

    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({
      status: 'accepted',
      encoding: 'windows-1258',
      delimiter: ';',
      headerRow: 4,
    });
    expect(readFileSync(excel, 'utf8')).toBe(readFileSync(clean, 'utf8'));
  });

  it('exits 1 with the report for a rejected file and 2 for a usage error', async () => {
    const rejected = await validate(
      'fixtures/cases/numerator-exceeds-denominator.csv',
      '--dataset',
      'chi-tieu-cds',
      '--format',
      'json',
    );
    const usage = await validate(
      'fixtures/cases/type-error.csv',
      '--dataset',
      'khong-co',
    );

    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout).errors[0]).toMatchObject({
      type: 'numerator-exceeds-denominator',
      rowNumber: 3,
      fieldName: 'tu_so',
    });
    expect(usage.code).toBe(2);
  });

  it.each([
    ['an empty file', '', 'blank-file'],
    [
      'a header-only file',
      'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu\n',
      'blank-file',
    ],
    ['a binary file', '\u0000\u0001PK\u0003\u0004binary', 'encoding-error'],
  ])(
    'rejects %s without --unit and --period: the report, exit 1',
    async (_name, content, type) => {
      const file = join(work, `${type}-${content.length}.csv`);
      writeFileSync(file, content);

      const result = await validate(
        file,
        '--dataset',
        'chi-tieu-cds',
        '--format',
        'json',
      );

      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.status).toBe('rejected');
      expect(report.errors.map((f: { type: string }) => f.type)).toContain(
        type,
      );
    },
  );
});
