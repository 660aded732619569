import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTable } from '../../../../functions/shared/csvTable.js';
import {
  buildAppendix,
  previousPeriod,
} from '../../../../functions/shared/report/buildAppendix.js';
import type {
  AppendixModel,
  AppendixRow,
  ConsolidatedIndicator,
} from '../../../../functions/shared/report/types.js';
import { catalogue, SCHEMAS_DIR } from '../../../helpers/catalogue.js';
import { consolidateFixtures } from '../../../helpers/fixtureConsolidation.js';

/** Phụ lục 2 of seed 002 as transcribed in the reference data. */
const seed = parseTable(
  readFileSync(
    join(SCHEMAS_DIR, 'reference', 'indicators-2023-kh100.csv'),
    'utf8',
  ),
);
const QUARTERS: Record<string, string> = {
  Q1: 'Quý I',
  Q2: 'Quý II',
  Q3: 'Quý III',
  Q4: 'Quý IV',
};

const appendix = (
  rows: readonly ConsolidatedIndicator[],
  more: Partial<Parameters<typeof buildAppendix>[0]> = {},
): AppendixModel =>
  buildAppendix({
    period: '2023-Q3',
    rows,
    indicators: catalogue.indicators,
    units: catalogue.units,
    reference: catalogue.report,
    ...more,
  });

const rowsOf = (model: AppendixModel): AppendixRow[] =>
  model.plans.flatMap((p) => p.pillars.flatMap((g) => g.rows));

const rowOf = (model: AppendixModel, code: string): AppendixRow => {
  const row = rowsOf(model).find((r) => r.code === code);
  if (!row) throw new Error(`no row ${code}`);
  return row;
};

let fixtures: ConsolidatedIndicator[];
let model: AppendixModel;

beforeAll(async () => {
  fixtures = await consolidateFixtures('2023-Q3');
  model = appendix(fixtures);
}, 60_000);

describe('the appendix of 2023-Q3 from the fixtures', () => {
  it('holds the 43 indicators of plan 100/KH-BCĐ in its six pillars, as seed 002 groups them', () => {
    expect(model.plans.map((p) => p.plan)).toEqual(['100/KH-BCĐ']);
    const [plan] = model.plans;

    expect(
      plan?.pillars.map((p) => [p.numeral, p.name.vi, p.rows.length]),
    ).toEqual([
      ['I', 'Phát triển hạ tầng số', 5],
      ['II', 'Dữ liệu số', 9],
      ['III', 'Phát triển chính quyền số', 11],
      ['IV', 'Phát triển Kinh tế số', 7],
      ['V', 'Xây dựng xã hội số', 6],
      ['VI', 'An toàn, an ninh mạng', 5],
    ]);
    expect(rowsOf(model).map((r) => r.stt)).toEqual(
      Array.from({ length: 43 }, (_, i) => String(i + 1)),
    );
    expect(plan?.heading.vi).toBe(
      'Kết quả thực hiện các chỉ tiêu chuyển đổi số theo Kế hoạch số 100/KH-BCĐ ngày 26/4/2023 của Ban chỉ đạo chuyển đổi số tỉnh Thanh Hóa',
    );
  });

  it.each(seed.map((s) => [Number(s.stt), s]))(
    'gives STT %i the name, deadline and status of Phụ lục 2',
    (stt, s) => {
      const row = rowOf(model, `CDS-2023-${String(stt).padStart(2, '0')}`);

      expect(row.name).toBe(s.name_vi);
      expect(row.deadline.text).toBe(
        QUARTERS[(s.deadline_2023 ?? '').slice(5)],
      );
      expect(row.status).toBe(s.status_9m_2023);
    },
  );

  it('cites the figures of row 1 in Vietnamese notation and the three operators', () => {
    expect(rowOf(model, 'CDS-2023-01').detail).toBe(
      'Theo báo cáo của 03 đơn vị (Viettel, VNPT và MobiFone); đến nay đạt tỷ lệ là 77% (2.155.455/2.794.448 thuê bao)',
    );
    expect(rowOf(model, 'CDS-2023-02').detail).toBe(
      'Theo báo cáo của 03 đơn vị (Viettel, VNPT và MobiFone); đến nay đạt tỷ lệ là 96% (531.581/553.945 thuê bao)',
    );
  });

  it("gives status-only indicators the responsible units' notes, with the report they cite", () => {
    expect(rowOf(model, 'CDS-2023-10').detail).toBe(
      'Theo báo cáo số 394/HCC-HCQT ngày 14/9/2023',
    );
    expect(rowOf(model, 'CDS-2023-29').detail).toBe(
      'Cơ sở giáo dục; Cơ sở y tế',
    );
  });

  it('sums it up as seed 002 does: 21 of 43 completed, 22 in progress', () => {
    expect(model.plans[0]?.summary).toMatchObject({
      total: 43,
      completed: 21,
      inProgress: 22,
      text: 'Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện',
    });
  });

  it('marks the indicators due by Quý III and not completed as overdue, and only those', () => {
    expect(
      rowsOf(model)
        .filter((r) => r.marks.overdue)
        .map((r) => [r.stt, r.markText]),
    ).toEqual([
      ['20', 'Quá hạn'],
      ['21', 'Quá hạn'],
      ['22', 'Quá hạn'],
    ]);
  });

  it('says provisional without a sign-off, with the header quarter', () => {
    expect(model.periodText).toBe('Quý III/2023');
    expect(model.status).toBe('tam_tinh');
    expect(model.footer.vi).toBe(
      'Số liệu tạm tính: quý này chưa được Ban Chỉ đạo phê duyệt.',
    );
  });

  it('says official with who signed and when once the quarter is signed off', () => {
    const signed = appendix(fixtures, {
      signOff: {
        period: '2023-Q3',
        by: 'Nguyễn Văn A, Trưởng Ban Chỉ đạo',
        at: '2023-10-20T02:30:00Z',
      },
    });

    expect(signed.status).toBe('chinh_thuc');
    expect(signed.footer.vi).toBe(
      'Số liệu chính thức: đã được phê duyệt bởi Nguyễn Văn A, Trưởng Ban Chỉ đạo lúc 20/10/2023 09:30 (giờ Việt Nam)',
    );
  });
});

describe('marks', () => {
  const ratioRow = (values: Record<string, string>, units?: string[]) => ({
    values: {
      ky_bao_cao: '2023-Q3',
      ma_chi_tieu: 'CDS-2023-01',
      tu_so: '1185502',
      mau_so: '1536946',
      gia_tri: '77.13',
      danh_gia: 'chua_dat',
      trang_thai: 'Đang thực hiện',
      so_don_vi: '1',
      ...values,
    },
    ...(units && { units }),
  });

  it('marks coverage from the responsible units when only some reported', () => {
    const row = rowOf(appendix([ratioRow({}, ['VIETTEL'])]), 'CDS-2023-01');

    expect(row.marks.coverage).toEqual({ reported: 1, expected: 3 });
    expect(row.markText).toBe('Thiếu báo cáo: 1/3 đơn vị');
    expect(row.detail).toBe(
      'Theo báo cáo của 01 đơn vị (Viettel); đến nay đạt tỷ lệ là 77% (1.185.502/1.536.946 thuê bao)',
    );
  });

  it('takes the expected units from so_don_vi_phai_bao_cao when the consolidation has it, and does not count chua_du_bao_cao as completed', () => {
    const row = rowOf(
      appendix([
        ratioRow({
          so_don_vi: '2',
          so_don_vi_phai_bao_cao: '4',
          danh_gia: 'chua_du_bao_cao',
          trang_thai: 'Đã hoàn thành',
        }),
      ]),
      'CDS-2023-01',
    );

    expect(row.marks.coverage).toEqual({ reported: 2, expected: 4 });
    expect(row.completed).toBe(false);
    expect(row.status).toBe('Đang thực hiện');
  });

  it('marks the change since the previous quarter', () => {
    const model = appendix([ratioRow({}, ['VIETTEL', 'VNPT', 'MOBIFONE'])], {
      previousRows: [
        ratioRow({ ky_bao_cao: '2023-Q2', gia_tri: '75.5' }, ['VIETTEL']),
      ],
    });

    expect(rowOf(model, 'CDS-2023-01').marks.change).toEqual({
      kind: 'value',
      text: {
        vi: 'Quý trước: 75,5 → 77,13',
        en: 'Previous quarter: 75.5 → 77.13',
      },
    });
    expect(rowOf(model, 'CDS-2023-01').markText).toBe(
      'Quý trước: 75,5 → 77,13',
    );
  });

  it('keeps the decimals when a whole percentage would misstate the target', () => {
    const row = rowOf(
      appendix([
        {
          values: {
            ma_chi_tieu: 'CDS-2023-38',
            tu_so: '89996',
            mau_so: '100000',
            gia_tri: '90',
            danh_gia: 'chua_dat',
            trang_thai: 'Đang thực hiện',
          },
          units: ['SYT'],
        },
      ]),
      'CDS-2023-38',
    );

    expect(row.detail).toBe(
      'Theo báo cáo của 01 đơn vị (Sở Y tế); đến nay đạt tỷ lệ là 89,99% (89.996/100.000)',
    );
  });

  it('lists an indicator without a consolidated row as not reported', () => {
    const model = appendix([ratioRow({}, ['VIETTEL', 'VNPT', 'MOBIFONE'])]);

    expect(rowOf(model, 'CDS-2023-02').status).toBe('Chưa có báo cáo');
    expect(model.plans[0]?.summary.text).toBe(
      'Đã hoàn thành 0/43 chỉ tiêu; 1 chỉ tiêu đang thực hiện; 42 chỉ tiêu chưa có báo cáo',
    );
  });

  it.each([
    ['2023-Q3', '2023-Q2'],
    ['2024-Q1', '2023-Q4'],
  ])('takes %s back to %s', (period, before) => {
    expect(previousPeriod(period)).toBe(before);
  });
});
