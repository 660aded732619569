import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestSubmission } from '../../../functions/ingest-submission/ingestSubmission.js';
import { FIXTURES_DIR } from '../../helpers/catalogue.js';
import { memoryIngest, uploadOf } from '../../helpers/memoryIngest.js';
import { seed } from '../../helpers/seedFigures.js';

const VIETTEL_KEY = 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv';
const fixture = (path: string) => readFileSync(join(FIXTURES_DIR, path));

const ingestCase = async (name: string, key = VIETTEL_KEY) => {
  const ports = memoryIngest(fixture(`cases/${name}.csv`));
  const summary = await ingestSubmission(uploadOf(key), ports.deps);
  return { ...ports, summary };
};

describe('ingestSubmission', () => {
  it('accepts a clean file, writes normalized rows and records its measures', async () => {
    const ports = memoryIngest(
      fixture('submissions/VNPT/2023-Q3/chi-tieu-cds.csv'),
    );

    const summary = await ingestSubmission(
      uploadOf('submissions/VNPT/2023-Q3/chi-tieu-cds.csv'),
      ports.deps,
    );

    expect(summary).toMatchObject({ status: 'accepted', rows: 2, errors: 0 });
    const [rows] = [...ports.committed.values()];
    expect(rows?.[0]).toEqual({
      ma_don_vi: 'VNPT',
      ky_bao_cao: '2023-Q3',
      ma_chi_tieu: 'CDS-2023-01',
      tu_so: '647000',
      mau_so: '838334',
      gia_tri: '77.18',
      don_vi_tinh: 'thuê bao',
      trang_thai: 'Đang thực hiện',
      ghi_chu: 'Số liệu đến 30/9/2023',
    });
    expect(rows?.[1]?.trang_thai).toBe('Đã hoàn thành');
    expect(ports.records[0]?.measures).toEqual({
      'CDS-2023-01': {
        ma_chi_tieu: 'CDS-2023-01',
        tu_so: '647000',
        mau_so: '838334',
        gia_tri: '77.18',
        trang_thai: 'Đang thực hiện',
      },
      'CDS-2023-02': {
        ma_chi_tieu: 'CDS-2023-02',
        tu_so: '180736',
        mau_so: '188341',
        gia_tri: '95.96',
        trang_thai: 'Đã hoàn thành',
      },
    });
    expect(ports.records[0]?.lineage).toEqual({
      'CDS-2023-01': [2],
      'CDS-2023-02': [3],
    });
    expect(ports.report()).toMatchObject({
      valid: true,
      status: 'accepted',
      encoding: 'utf-8-bom',
      delimiter: ';',
      stats: { rows: 2, acceptedRows: 2, errors: 0, warnings: 0 },
    });
  });

  it.each([
    ['missing-label', 1, 'trang_thai'],
    ['duplicate-label', 1, 'tu_so'],
    ['extra-cell', 3, undefined],
    ['missing-cell', 3, undefined],
    ['type-error', 3, 'tu_so'],
    ['constraint-error', 2, 'trang_thai'],
    ['unique-error', 4, undefined],
    ['unknown-unit', 2, 'ma_don_vi'],
    ['unit-mismatch', 3, 'ma_don_vi'],
    ['period-mismatch', 2, 'ky_bao_cao'],
    ['unknown-indicator', 2, 'ma_chi_tieu'],
    ['numerator-exceeds-denominator', 3, 'tu_so'],
    ['source-error', 2, undefined],
  ])(
    'rejects the %s fixture at line %i, column %s',
    async (type, line, field) => {
      const { summary, report, committed, records } = await ingestCase(type);

      expect(summary.status).toBe('rejected');
      const error = report().errors.find((e) => e.type === type);
      expect(error).toMatchObject({ type, severity: 'error', rowNumber: line });
      expect(error?.fieldName).toBe(field);
      expect(error?.message).not.toBe(error?.messageEn);
      expect(committed.size).toBe(0);
      expect(records[0]).toMatchObject({ status: 'rejected' });
      expect(records[0]?.normalizedKey).toBeUndefined();
    },
  );

  it('rejects a district code for a period after the district was abolished', async () => {
    const { summary, report } = await ingestCase(
      'unit-not-valid-for-period',
      'submissions/405/2025-Q1/chi-tieu-cds.csv',
    );

    expect(summary.status).toBe('rejected');
    expect(report().errors[0]).toMatchObject({
      type: 'unit-not-valid-for-period',
      rowNumber: 2,
      fieldName: 'ma_don_vi',
      cell: '405',
    });
  });

  it('accepts the same district code for 2024-Q4', async () => {
    const { summary, report } = await ingestCase(
      'district-2024-Q4',
      'submissions/405/2024-Q4/chi-tieu-cds.csv',
    );

    // Accepted: only a warning that SYT, not the district, is responsible
    // for CDS-2023-38 (issue #14).
    expect(summary.status).toBe('accepted-with-warnings');
    expect(report().errors.map((e) => [e.type, e.rowNumber])).toEqual([
      ['not-responsible', 2],
    ]);
  });

  it('accepts an unknown column with a warning', async () => {
    const { summary, report, committed } = await ingestCase('extra-label');

    expect(summary.status).toBe('accepted-with-warnings');
    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'extra-label',
        severity: 'warning',
        rowNumber: 1,
        cell: 'Người lập',
      }),
    ]);
    expect(committed.size).toBe(1);
  });

  it('rejects personal data and shows the cell masked', async () => {
    const { report } = await ingestCase('personal-data');

    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'personal-data',
        rowNumber: 2,
        fieldName: 'ghi_chu',
        cell: 'Liên hệ an***am 09********78 hoặc na**************vn',
      }),
    ]);
  });

  it('warns about a formula-like cell and still accepts the file', async () => {
    const { report, committed } = await ingestCase('formula-injection');

    expect(report().status).toBe('accepted-with-warnings');
    expect(report().errors[0]).toMatchObject({
      type: 'formula-injection',
      rowNumber: 2,
      fieldName: 'ghi_chu',
      cell: '=1+2',
    });
    expect(committed.size).toBe(1);
  });

  it('skips letterhead lines above the header and Excel leftovers', async () => {
    const { report, committed } = await ingestCase('title-lines');

    expect(report()).toMatchObject({
      status: 'accepted',
      headerRow: 6,
      delimiter: ';',
      stats: { rows: 1 },
    });
    expect([...committed.values()][0]?.[0]).toMatchObject({
      tu_so: '1185502',
      gia_tri: '77.13',
      ky_bao_cao: '2023-Q3',
    });
  });

  it('stops reading past the row limit with a clear error', async () => {
    const ports = memoryIngest(fixture('cases/too-many-rows.csv'));

    await ingestSubmission(uploadOf(VIETTEL_KEY), {
      ...ports.deps,
      limits: { maxBytes: 1000, maxRows: 2 },
    });

    expect(ports.report().errors).toEqual([
      expect.objectContaining({ type: 'too-many-rows', rowNumber: 4 }),
    ]);
    expect(ports.committed.size).toBe(0);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const ports = memoryIngest(Buffer.from(''));

    await ingestSubmission(uploadOf(VIETTEL_KEY, 5000), {
      ...ports.deps,
      limits: { maxBytes: 1000, maxRows: 2 },
    });

    expect(ports.report().errors.map((e) => e.type)).toEqual([
      'file-too-large',
    ]);
  });

  it('splits fractions into numerator and denominator', async () => {
    const { report, committed } = await ingestCase(
      'fractions',
      'submissions/STTTT/2023-Q3/chi-tieu-cds.csv',
    );

    expect(report().status).toBe('accepted');
    expect(
      [...committed.values()][0]?.map((r) => [
        r.ma_chi_tieu,
        r.tu_so,
        r.mau_so,
        r.gia_tri,
      ]),
    ).toEqual([
      ['CDS-2023-24', '8', '8', '100'],
      ['CDS-2023-39', '856', '856', ''],
      ['CDS-2023-23', '27', '27', '100'],
    ]);
  });

  it('reads an ambiguous 1.234 in the style the file has shown, and says so', async () => {
    const { report, committed } = await ingestCase('number-style-vi');

    expect(report()).toMatchObject({ status: 'accepted', numberStyle: 'vi' });
    expect([...committed.values()][0]?.[1]?.gia_tri).toBe('1234');
  });

  it('refuses an ambiguous 1.234 before the file has shown its style', async () => {
    const { report } = await ingestCase('number-style-unknown');

    expect(report().errors[0]).toMatchObject({
      type: 'type-error',
      rowNumber: 2,
      fieldName: 'gia_tri',
      cell: '1.234',
    });
  });

  it('reads the same ambiguous number anew once the style is known', async () => {
    const ports = memoryIngest(
      Buffer.from(
        [
          'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,trang_thai',
          'VIETTEL,2023-Q3,CDS-2023-01,1,2,"1.234",Đang thực hiện',
          'VIETTEL,2023-Q3,CDS-2023-02,1,2,"61,7",Đang thực hiện',
          'VIETTEL,2023-Q3,CDS-2023-03,1,2,"1.234",Đang thực hiện',
        ].join('\n'),
      ),
    );

    await ingestSubmission(uploadOf(VIETTEL_KEY), ports.deps);

    expect(
      ports.report().errors.map((f) => [f.type, f.rowNumber, f.cell]),
    ).toEqual([
      ['type-error', 2, '1.234'],
      // VIETTEL is not responsible for CDS-2023-03 (issue #14).
      ['not-responsible', 4, 'CDS-2023-03'],
    ]);
    expect(ports.report().numberStyle).toBe('vi');
  });

  it('refuses a quarter that had not begun when the file arrived', async () => {
    const ports = memoryIngest(fixture('cases/type-error.csv'));

    await ingestSubmission(
      {
        ...uploadOf('submissions/VIETTEL/2026-Q2/chi-tieu-cds.csv'),
        eventTime: '2026-03-31T23:00:00.000Z',
      },
      ports.deps,
    );

    expect(ports.report().errors.map((e) => [e.type, e.cell])).toEqual([
      ['future-period', '2026-Q2'],
    ]);
  });

  it('refuses a quarter before the program', async () => {
    const { report } = await ingestCase(
      'type-error',
      'submissions/VIETTEL/2022-Q4/chi-tieu-cds.csv',
    );

    expect(report().errors.map((e) => [e.type, e.cell])).toEqual([
      ['period-before-program', '2022-Q4'],
    ]);
  });

  it('skips the totals row the schema declares, with a warning', async () => {
    const { report, committed } = await ingestCase(
      'total-row',
      'submissions/VIETTEL/2023-Q3/ha-tang-vien-thong.csv',
    );

    expect(report()).toMatchObject({
      status: 'accepted-with-warnings',
      stats: { rows: 2 },
    });
    expect(report().errors).toEqual([
      expect.objectContaining({
        type: 'total-row-skipped',
        rowNumber: 4,
        cell: 'Tổng cộng',
      }),
    ]);
    expect([...committed.values()][0]).toHaveLength(2);
  });

  it('rejects binary content as an encoding error', async () => {
    const { report } = await ingestCase('encoding-error');

    expect(report().status).toBe('rejected');
    expect(report().errors[0]?.type).toBe('encoding-error');
  });

  it('rejects an empty file', async () => {
    const { report } = await ingestCase('blank-file');

    expect(report().errors.map((e) => e.type)).toEqual(['blank-file']);
  });

  it('rejects a key outside the convention without reading it', async () => {
    const { report, records } = await ingestCase(
      'type-error',
      'submissions/VIETTEL/chi-tieu-cds.csv',
    );

    expect(report().errors.map((e) => e.type)).toEqual([
      'invalid-submission-key',
    ]);
    expect(records[0]).toMatchObject({ period: '-', status: 'rejected' });
  });

  it('rejects a dataset that has no schema, and a derived one', async () => {
    const unknown = await ingestCase(
      'type-error',
      'submissions/VIETTEL/2023-Q3/khong-co.csv',
    );
    const derived = await ingestCase(
      'type-error',
      'submissions/VIETTEL/2023-Q3/tong-hop-chi-tieu-cds.csv',
    );

    expect(unknown.report().errors[0]?.type).toBe('unknown-dataset');
    expect(derived.report().errors[0]?.type).toBe('unknown-dataset');
  });

  it('writes a Vietnamese-first text report beside the JSON one', async () => {
    const { reports } = await ingestCase('numerator-exceeds-denominator');

    const text = [...reports.entries()].find(([k]) => k.endsWith('.txt'))?.[1];
    expect(text).toContain('BỊ TỪ CHỐI / REJECTED');
    expect(text).toContain('Dòng 3: tử số 3 lớn hơn mẫu số 2');
    expect(text).toContain('Line 3: numerator 3 exceeds denominator 2');
  });
});

describe('bad fixtures of the business rules', () => {
  it.each(seed.badFixtures.map((f) => [f.file.replace('fixtures/', ''), f]))(
    '%s gives its declared error',
    async (_, expected) => {
      const ports = memoryIngest(
        readFileSync(join(FIXTURES_DIR, '..', expected.file)),
      );

      await ingestSubmission(uploadOf(expected.key), ports.deps);

      expect(ports.report().status).toBe('rejected');
      expect(ports.report().errors).toContainEqual(
        expect.objectContaining({
          type: expected.type,
          rowNumber: expected.rowNumber,
          fieldName: expected.fieldName,
        }),
      );
    },
  );
});
