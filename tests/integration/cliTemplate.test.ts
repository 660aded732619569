import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillIndicatorTemplate } from '../helpers/fillTemplate.js';
import { saveWithLibreOffice } from '../helpers/libreOffice.js';
import { opendata as runOpendata } from '../helpers/opendataCli.js';

const work = mkdtempSync(join(tmpdir(), 'opendata-template-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const opendata = (...args: string[]) => runOpendata(args);

describe('opendata template', () => {
  it('writes STTTT’s 2023-Q3 template which, filled in and saved by LibreOffice, validates with no finding', async () => {
    const template = join(work, 't.xlsx');
    const filled = join(work, 'filled.xlsx');

    const written = await opendata(
      'template',
      '--dataset',
      'chi-tieu-cds',
      '--unit',
      'STTTT',
      '--period',
      '2023-Q3',
      '--out',
      template,
    );
    writeFileSync(
      filled,
      await saveWithLibreOffice(
        await fillIndicatorTemplate(
          readFileSync(template),
          'submissions/STTTT/2023-Q3/chi-tieu-cds.csv',
        ),
      ),
    );
    const checked = await opendata(
      'validate',
      filled,
      '--dataset',
      'chi-tieu-cds',
      '--format',
      'json',
    );

    expect(written.code).toBe(0);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({
      status: 'accepted',
      encoding: 'xlsx',
      headerRow: 1,
      submission: { unitCode: 'STTTT', period: '2023-Q3' },
      stats: { rows: 25, acceptedRows: 25, errors: 0, warnings: 0 },
      errors: [],
    });
  });

  it('refuses a unit without a period as a usage error', async () => {
    const result = await opendata(
      'template',
      '--dataset',
      'chi-tieu-cds',
      '--unit',
      'STTTT',
      '--out',
      join(work, 'x.xlsx'),
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'A pre-filled template needs both the unit and the period',
    );
  });
});
