import { describe, expect, it } from 'vitest';
import {
  consolidateIndicators,
  percentOf,
} from '../../../../functions/shared/aggregate/consolidateIndicators.js';

describe('consolidateIndicators', () => {
  it('sums numerators and denominators and divides once', () => {
    const rows = consolidateIndicators('2023-Q3', [
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
    ]);

    expect(rows).toEqual([
      {
        ky_bao_cao: '2023-Q3',
        ma_chi_tieu: 'CDS-2023-01',
        tu_so: '2155455',
        mau_so: '2794448',
        gia_tri: '77.13',
        so_don_vi: '3',
      },
    ]);
  });

  it('never averages percentages', () => {
    const rows = consolidateIndicators('2023-Q3', [
      { unitCode: 'A', measures: { X: { tu_so: '1', mau_so: '1' } } },
      { unitCode: 'B', measures: { X: { tu_so: '0', mau_so: '3' } } },
    ]);

    expect(rows[0]?.gia_tri).toBe('25');
  });

  it('keeps status-only indicators with empty figures and counts units', () => {
    const rows = consolidateIndicators('2023-Q3', [
      {
        unitCode: 'STTTT',
        measures: { 'CDS-2023-07': { trang_thai: 'Đã hoàn thành' } },
      },
    ]);

    expect(rows).toEqual([
      {
        ky_bao_cao: '2023-Q3',
        ma_chi_tieu: 'CDS-2023-07',
        tu_so: '',
        mau_so: '',
        gia_tri: '',
        so_don_vi: '1',
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

describe('percentOf', () => {
  it.each([
    [531581n, 553945n, '95.96'],
    [8n, 8n, '100'],
    [1n, 3n, '33.33'],
    [2n, 3n, '66.67'],
    [1n, 8n, '12.5'],
    [0n, 5n, '0'],
  ])('%i / %i = %s %%', (n, d, expected) => {
    expect(percentOf(n, d)).toBe(expected);
  });
});
