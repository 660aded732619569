import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ingestSubmission } from '../../../functions/ingest-submission/ingestSubmission.js';
import { finding } from '../../../functions/shared/validation/codes.js';
import { FIXTURES_DIR } from '../../helpers/catalogue.js';
import { memoryIngest, uploadOf } from '../../helpers/memoryIngest.js';

const KEY = 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv';
const HEADER =
  'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu';
const rowWithNote = (note: string) =>
  `VIETTEL,2023-Q3,CDS-2023-01,1,2,,,Đang thực hiện,${note}`;

const ingest = async (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  const ports = memoryIngest(bytes);
  const summary = await ingestSubmission(
    uploadOf(KEY, bytes.length),
    ports.deps,
  );
  return { ...ports, summary };
};

describe('a finding quotes at most 200 characters of a value', () => {
  it('cuts a 4 MB cell in cell, message and messageEn', () => {
    const huge = 'x'.repeat(4 * 1024 * 1024);

    const f = finding('type-error', {
      line: 3,
      field: 'tu_so',
      value: huge,
      expected: 'một số nguyên / an integer',
    });

    expect(f.cell).toBe(`${'x'.repeat(200)}…`);
    expect(f.message).toBe(
      `Dòng 3, cột "tu_so": cần một số nguyên, nhận được "${'x'.repeat(200)}…"`,
    );
    expect(f.messageEn).toBe(
      `Line 3, column "tu_so": expected an integer, found "${'x'.repeat(200)}…"`,
    );
  });

  it('never cuts a surrogate pair in half', () => {
    const value = `${'x'.repeat(199)}😀tail`;

    expect(finding('extra-label', { value }).cell).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('free text has a declared maximum length', () => {
  it('refuses a 200,000-character a…@ note with a length finding, before the personal-data screen reads it', async () => {
    const note = `${'a'.repeat(200_000)}@`;

    const { report, summary, committed } = await ingest(
      `${HEADER}\n${rowWithNote(note)}\n`,
    );

    expect(summary.status).toBe('rejected');
    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'constraint-error',
        rowNumber: 2,
        fieldName: 'ghi_chu',
        cell: `${'a'.repeat(200)}…`,
        messageEn: `Line 2, column "ghi_chu": value "${'a'.repeat(200)}…" is not allowed, expected at most 2000 characters (found 200001)`,
      }),
    ]);
    expect(committed.size).toBe(0);
  });

  it('accepts a note of exactly 2000 characters', async () => {
    const { summary } = await ingest(
      `${HEADER}\n${rowWithNote('b'.repeat(2000))}\n`,
    );

    expect(summary).toMatchObject({ status: 'accepted', errors: 0 });
  });

  it('limits a unit code to 32 characters', async () => {
    const { report } = await ingest(
      `${HEADER}\n${rowWithNote('').replace('VIETTEL', 'V'.repeat(33))}\n`,
    );

    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'constraint-error',
        rowNumber: 2,
        fieldName: 'ma_don_vi',
      }),
    ]);
  });
});

describe('control characters', () => {
  it('removes an ESC before anything is normalized, with a warning on its line', async () => {
    const { report, summary, committed } = await ingest(
      `${HEADER}\n${rowWithNote('đỏ \u001b[31mnguy hiểm\u001b[0m')}\n`,
    );

    expect(summary.status).toBe('accepted-with-warnings');
    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'control-characters-removed',
        severity: 'warning',
        rowNumber: 2,
        messageEn:
          '2 non-printing control characters (such as ESC) were removed, the first on line 2',
      }),
    ]);
    const [rows] = [...committed.values()];
    expect(rows?.[0]?.ghi_chu).toBe('đỏ [31mnguy hiểm[0m');
    expect(JSON.stringify([...committed.values()])).not.toContain('\u001b');
  });
});

describe('a line longer than the record limit', () => {
  it('is reported as record-too-long on its line, and reading stops', async () => {
    const bytes = Buffer.from(
      `${HEADER}\n${rowWithNote('x'.repeat(2_000_000))}\n${rowWithNote('sau')}\n`,
    );
    const ports = memoryIngest(bytes);
    // S3 streams a body in chunks of about 64 KiB.
    const chunks = Array.from(
      { length: Math.ceil(bytes.length / 65_536) },
      (_, i) => bytes.subarray(i * 65_536, (i + 1) * 65_536),
    );

    await ingestSubmission(uploadOf(KEY, bytes.length), {
      ...ports.deps,
      openRaw: async () => Readable.from(chunks),
    });

    expect(ports.report().errors.map((f) => [f.type, f.rowNumber])).toEqual([
      ['record-too-long', 2],
    ]);
  });
});

describe('what a report prints', () => {
  it('shows a control character in an object key as U+FFFD, in the finding and in report.txt', async () => {
    const key = 'submissions/VIET\u001b[2JTEL/2023-Q3/chi-tieu-cds.csv';
    const ports = memoryIngest(Buffer.from(`${HEADER}\n`));

    await ingestSubmission(uploadOf(key), ports.deps);

    const text = [...ports.reports.entries()].find(([k]) =>
      k.endsWith('.txt'),
    )?.[1];
    expect(ports.report().errors[0]).toMatchObject({
      type: 'invalid-submission-key',
      cell: 'submissions/VIET\ufffd[2JTEL/2023-Q3/chi-tieu-cds.csv',
    });
    expect(text).toContain(
      'Validation report: submissions/VIET\ufffd[2JTEL/2023-Q3/chi-tieu-cds.csv',
    );
    expect(text).not.toContain('\u001b');
  });
});

describe('the fixture cases of the new finding types', () => {
  it.each([
    ['possible-personal-data', 3, 'accepted-with-warnings'],
    ['control-characters-removed', 3, 'accepted-with-warnings'],
  ])(
    'reports %s on line %i of fixtures/cases/%s.csv',
    async (type, line, status) => {
      const bytes = readFileSync(join(FIXTURES_DIR, 'cases', `${type}.csv`));
      const ports = memoryIngest(bytes);

      const summary = await ingestSubmission(uploadOf(KEY), ports.deps);

      expect(summary.status).toBe(status);
      expect(ports.report().errors.map((f) => [f.type, f.rowNumber])).toEqual([
        [type, line],
      ]);
    },
  );
});
