import { describe, expect, it } from 'vitest';
import {
  createMeasureAccumulator,
  LINEAGE_LINES,
} from '../../../../functions/shared/aggregate/measures.js';
import { catalogue } from '../../../helpers/catalogue.js';

const schema = catalogue.schemas.get('chi-tieu-cds');
if (!schema) throw new Error('chi-tieu-cds schema missing');

const row = (indicator: string, tu: string, mau: string) => ({
  ma_don_vi: '38',
  ky_bao_cao: '2023-Q3',
  ma_chi_tieu: indicator,
  tu_so: tu,
  mau_so: mau,
  gia_tri: '',
  don_vi_tinh: '',
  trang_thai: 'Đang thực hiện',
  ghi_chu: '',
});

describe('measure accumulator', () => {
  it('sums every row of a group but keeps only the first lines as lineage', () => {
    const measures = createMeasureAccumulator(schema);
    for (let i = 0; i < 250; i++) {
      measures.add(row('CDS-2023-05', String(i), '1000'), i + 2);
    }

    const { measures: sums, lineage } = measures.result();

    expect(sums['CDS-2023-05']).toEqual({
      ma_chi_tieu: 'CDS-2023-05',
      tu_so: '31125',
      mau_so: '250000',
      trang_thai: 'Đang thực hiện',
    });
    expect(lineage['CDS-2023-05']).toHaveLength(LINEAGE_LINES);
    expect(lineage['CDS-2023-05']?.at(-1)).toBe(LINEAGE_LINES + 1);
  });

  it('leaves a sum out while every cell of it was empty, and goes exact past 2^53', () => {
    const measures = createMeasureAccumulator(schema);
    measures.add(row('CDS-2023-07', '', '9007199254740991'), 2);
    measures.add(row('CDS-2023-07', '', '10'), 3);

    expect(measures.result().measures['CDS-2023-07']).toEqual({
      ma_chi_tieu: 'CDS-2023-07',
      mau_so: '9007199254741001',
      trang_thai: 'Đang thực hiện',
    });
  });

  it('joins the distinct notes of a group, the first ten only, however many rows have one', () => {
    const measures = createMeasureAccumulator(schema);
    for (let i = 0; i < 5000; i++) {
      measures.add(
        { ...row('CDS-2023-05', '1', '2'), ghi_chu: `Ghi chú ${i % 12}` },
        i + 2,
      );
    }

    const joined = measures.result().measures['CDS-2023-05']?.ghi_chu;

    expect(joined).toBe(
      Array.from({ length: 10 }, (_, i) => `Ghi chú ${i}`).join('; '),
    );
  });
});
