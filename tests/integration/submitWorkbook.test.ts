import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opendata } from '../helpers/opendataCli.js';
import { agencyWorkbookOf } from '../helpers/workbooks.js';

const work = mkdtempSync(join(tmpdir(), 'opendata-submit-xlsx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('opendata submit of a workbook', () => {
  it('uploads it under .xlsx through the local upload API and prints the accepted report', async () => {
    const file = join(work, 'bao-cao.xlsx');
    writeFileSync(
      file,
      await agencyWorkbookOf(
        readFileSync(
          'fixtures/submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
          'utf8',
        ),
      ),
    );

    const { code, stdout } = await opendata(
      [
        'submit',
        file,
        '--unit',
        'VIETTEL',
        '--period',
        '2023-Q3',
        '--dataset',
        'chi-tieu-cds',
        '--data-dir',
        join(work, 'data'),
      ],
      { timeout: 120_000 },
    );

    expect(code).toBe(0);
    expect(stdout).toContain(
      'Đã tải lên / uploaded: submissions/VIETTEL/2023-Q3/chi-tieu-cds.xlsx',
    );
    expect(stdout).toContain('Kết quả / Result: ĐƯỢC CHẤP NHẬN / ACCEPTED');
    expect(stdout).toContain('Mã hóa / Encoding: xlsx');
    expect(stdout).toContain('Số dòng / Rows: 2 (hợp lệ / valid: 2)');
  });
});
