import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opendata } from '../helpers/opendataCli.js';

const work = mkdtempSync(join(tmpdir(), 'opendata-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HEADER =
  'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu';

const validate = async (text: string, ...args: string[]) => {
  const file = join(work, 'input.csv');
  writeFileSync(file, text);
  return opendata(['validate', file, ...args]);
};

describe('opendata validate on hostile input', () => {
  it('refuses a 200,000-character a…@ note for its length', async () => {
    const note = `${'a'.repeat(200_000)}@`;

    const { code, stdout } = await validate(
      `${HEADER}\nVIETTEL,2023-Q3,CDS-2023-01,1,2,,,Đang thực hiện,${note}\n`,
      '--dataset',
      'chi-tieu-cds',
      '--format',
      'json',
    );

    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.errors).toEqual([
      expect.objectContaining({
        type: 'constraint-error',
        rowNumber: 2,
        fieldName: 'ghi_chu',
        messageEn: expect.stringContaining(
          'expected at most 2000 characters (found 200001)',
        ),
      }),
    ]);
    expect(stdout.length).toBeLessThan(4_000);
  });

  it('prints no ESC to the terminal, even from a header or a cell that held one', async () => {
    const { code, stdout } = await validate(
      `${HEADER},\u001b[2Jcot_la\nVIETTEL,2023-Q3,CDS-2023-01,1,2,,,Đang thực hiện,\u001b]0;pwned\u0007ghi chú,x\n`,
      '--dataset',
      'chi-tieu-cds',
    );

    expect(code).toBe(0);
    expect(stdout).toContain('[2Jcot_la');
    expect(stdout).not.toContain('\u001b');
    expect(stdout).not.toContain('\u0007');
  });
});
