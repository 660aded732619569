import { describe, expect, it } from 'vitest';
import { consolidateIndicators } from '../../../../functions/shared/aggregate/consolidateIndicators.js';
import { percentOf } from '../../../../functions/shared/normalize/values.js';
import { catalogue } from '../../../helpers/catalogue.js';

const { indicators } = catalogue;

describe('consolidateIndicators', () => {
  it('sums numerators and denominators and divides once', () => {
    const rows = consolidateIndicators(
      '2023-Q3',
      [
        {
          unitCode: 'VIETTEL',
          measures: { 'CDS-2023-01': { tu_so: '1185502', mau_so: '1536946' } },
        },
        {
          unitCode: 'VNPT',
          measures: { 'CDS-2023-01': { tu_so: '647000', mau_so: '838334' } },
        },
        {
          unitCode: 'MOBIFONE',
          measures: { 'CDS-2023-01': { tu_so: '322953', mau_so: '419168' } },
        },
      ],
      indicators,
    );

    expect(rows).toEqual([
      {
        ky_bao_cao: '2023-Q3',
        ma_chi_tieu: 'CDS-2023-01',
        loai_chi_tieu: 'ratio',
        tu_so: '2155455',
        mau_so: '2794448',
        gia_tri: '77.13',
        tang_trong_quy: '',
        muc_tieu: '> 80',
        danh_gia: 'chua_dat',
        trang_thai: 'Đang thực hiện',
        so_don_vi: '3',
        so_don_vi_phai_bao_cao: '0',
      },
    ]);
  });

  it('assesses chua_du_bao_cao while a responsible unit has not reported', () => {
    const responsible = (code: string) =>
      indicators.get(code)?.responsible ?? [];

    const [row] = consolidateIndicators(
      '2023-Q3',
      [
        {
          unitCode: 'VIETTEL',
          measures: { 'CDS-2023-01': { tu_so: '1185502', mau_so: '1536946' } },
        },
        {
          unitCode: 'VNPT',
          measures: { 'CDS-2023-01': { tu_so: '647000', mau_so: '838334' } },
        },
      ],
      indicators,
      new Map(),
      responsible,
    );

    expect(row).toMatchObject({
      tu_so: '1832502',
      mau_so: '2375280',
      so_don_vi: '2',
      so_don_vi_phai_bao_cao: '3',
      danh_gia: 'chua_du_bao_cao',
      trang_thai: 'Đang thực hiện',
    });
  });

  it('never counts a partial indicator as completed, even above its target', () => {
    const [row] = consolidateIndicators(
      '2023-Q3',
      [
        {
          unitCode: 'VIETTEL',
          measures: {
            'CDS-2023-02': {
              tu_so: '292370',
              mau_so: '304670',
              trang_thai: 'Đã hoàn thành',
            },
          },
        },
      ],
      indicators,
      new Map(),
      () => ['MOBIFONE', 'VIETTEL', 'VNPT'],
    );

    expect(row).toMatchObject({
      gia_tri: '95.96',
      so_don_vi: '1',
      so_don_vi_phai_bao_cao: '3',
      danh_gia: 'chua_du_bao_cao',
      trang_thai: 'Đang thực hiện',
    });
  });

  it('never averages percentages', () => {
    const rows = consolidateIndicators('2023-Q3', [
      { unitCode: 'A', measures: { X: { tu_so: '1', mau_so: '1' } } },
      { unitCode: 'B', measures: { X: { tu_so: '0', mau_so: '3' } } },
    ]);

    expect(rows[0]?.gia_tri).toBe('25');
  });

  it('keeps status-only indicators with empty figures and counts units', () => {
    const rows = consolidateIndicators(
      '2023-Q3',
      [
        {
          unitCode: 'STTTT',
          measures: { 'CDS-2023-07': { trang_thai: 'Đã hoàn thành' } },
        },
      ],
      indicators,
    );

    expect(rows).toEqual([
      {
        ky_bao_cao: '2023-Q3',
        ma_chi_tieu: 'CDS-2023-07',
        loai_chi_tieu: 'status',
        tu_so: '',
        mau_so: '',
        gia_tri: '',
        tang_trong_quy: '',
        muc_tieu: '',
        danh_gia: 'khong_danh_gia',
        trang_thai: 'Đã hoàn thành',
        so_don_vi: '1',
        so_don_vi_phai_bao_cao: '0',
      },
    ]);
  });

  it('sorts rows by indicator code whatever the submission order', () => {
    const a = {
      unitCode: 'A',
      measures: {
        B: { tu_so: '1', mau_so: '2' },
        A: { tu_so: '1', mau_so: '2' },
      },
    };
    const b = { unitCode: 'B', measures: { A: { tu_so: '3', mau_so: '4' } } };

    expect(consolidateIndicators('2023-Q3', [a, b])).toEqual(
      consolidateIndicators('2023-Q3', [b, a]),
    );
    expect(
      consolidateIndicators('2023-Q3', [a, b]).map((r) => r.ma_chi_tieu),
    ).toEqual(['A', 'B']);
  });
});

describe('target assessment', () => {
  const row = (
    code: string,
    m: Record<string, string>,
    ...more: Record<string, string>[]
  ) =>
    consolidateIndicators(
      '2023-Q3',
      [m, ...more].map((measures, i) => ({
        unitCode: `U${i}`,
        measures: { [code]: measures },
      })),
      indicators,
    )[0];

  it('meets a "> 85" target with 95.96 %', () => {
    expect(
      row('CDS-2023-02', { tu_so: '531581', mau_so: '553945' }),
    ).toMatchObject({
      gia_tri: '95.96',
      danh_gia: 'dat',
      trang_thai: 'Đã hoàn thành',
    });
  });

  it('meets "≥ 100" only at exactly 100 %, compared unrounded', () => {
    expect(row('CDS-2023-39', { tu_so: '856', mau_so: '856' })?.danh_gia).toBe(
      'dat',
    );
    expect(
      row('CDS-2023-39', { tu_so: '99999', mau_so: '100000' }),
    ).toMatchObject({
      gia_tri: '100',
      danh_gia: 'chua_dat',
      trang_thai: 'Đang thực hiện',
    });
  });

  it('assesses a value reported without numerator and denominator', () => {
    expect(
      row('CDS-2023-38', { gia_tri: '95', trang_thai: 'Đang thực hiện' }),
    ).toMatchObject({
      danh_gia: 'dat',
      trang_thai: 'Đã hoàn thành',
    });
  });

  it('follows the units when the target cannot be measured: completed only if all say so', () => {
    const done = { trang_thai: 'Đã hoàn thành' };
    const doing = { trang_thai: 'Đang thực hiện' };

    expect(row('CDS-2023-05', done, done)?.trang_thai).toBe('Đã hoàn thành');
    expect(row('CDS-2023-05', done, doing)).toMatchObject({
      danh_gia: 'khong_danh_gia',
      trang_thai: 'Đang thực hiện',
    });
  });
});

describe('percentOf', () => {
  it.each([
    [531581n, 553945n, '95.96'],
    [8n, 8n, '100'],
    [1n, 3n, '33.33'],
    [2n, 3n, '66.67'],
    [1n, 8n, '12.5'],
    [0n, 5n, '0'],
  ])('%s / %s = %s', (n, d, expected) => {
    expect(percentOf(n, d)).toBe(expected);
  });
});
