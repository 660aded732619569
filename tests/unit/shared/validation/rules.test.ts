import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../../functions/shared/period.js';
import type { DatasetSchema } from '../../../../functions/shared/schema/types.js';
import { bindHeader } from '../../../../functions/shared/validation/header.js';
import { createFileSpill } from '../../../../functions/shared/validation/keySpillFiles.js';
import { applyRules } from '../../../../functions/shared/validation/rulePack.js';
import { noPersonalData } from '../../../../functions/shared/validation/rules/personalData.js';
import type { RuleContext } from '../../../../functions/shared/validation/types.js';
import { validateRow } from '../../../../functions/shared/validation/validateRow.js';
import {
  fileStateOf,
  spilledKeyFindings,
} from '../../../../functions/shared/validation/validateSubmission.js';
import { catalogue } from '../../../helpers/catalogue.js';

const int = (name: string) => ({
  name,
  type: 'integer' as const,
  title: name,
  description: name,
});

const schema: DatasetSchema = {
  fields: [
    { ...int('ma_don_vi'), type: 'string', 'x-role': 'unit' },
    { ...int('ky_bao_cao'), type: 'string', 'x-role': 'period' },
    { ...int('ma_dia_ban'), type: 'string', 'x-role': 'locality' },
    int('bts_2g'),
    int('bts_4g'),
    int('bts_tong'),
    int('so_lop'),
    int('so_hoc_vien'),
  ],
  primaryKey: ['ma_don_vi', 'ky_bao_cao', 'ma_dia_ban'],
  'x-dataset': {
    id: 'test',
    kind: 'submission',
    title: { vi: 't', en: 't' },
    description: { vi: 'd', en: 'd' },
    rules: [
      { rule: 'sum-equals', parts: ['bts_2g', 'bts_4g'], total: 'bts_tong' },
      { rule: 'greater-or-equal', field: 'so_hoc_vien', other: 'so_lop' },
    ],
  },
};

/** What VIETTEL's file for `period` is checked against. */
const contextOf = (period: string): RuleContext => {
  const p = parsePeriod(period);
  if (!p) throw new Error(period);
  return {
    line: 0,
    schema,
    unitCode: 'VIETTEL',
    period: p,
    periodText: period,
    units: catalogue.units,
    indicators: catalogue.indicators,
  };
};

/** A file state and header binding for VIETTEL's file of `period`. */
const fileOf = (period: string, maxInMemory?: number) => {
  const { line: _, ...context } = contextOf(period);
  return {
    binding: bindHeader(
      schema,
      schema.fields.map((f) => f.name),
      1,
    ),
    file: fileStateOf({
      ...context,
      maxRows: 1000,
      ...(maxInMemory !== undefined && {
        keys: { maxInMemory, spill: createFileSpill() },
      }),
    }),
  };
};

const validate = (period: string, row: string) => {
  const { binding, file } = fileOf(period);
  return validateRow(binding, row.split(','), 2, file).findings.map((f) => [
    f.type,
    f.fieldName,
  ]);
};

describe('declared and role rules', () => {
  it('accepts a row that keeps every rule', () => {
    expect(validate('2023-Q3', 'VIETTEL,2023-Q3,380,10,5,15,2,120')).toEqual(
      [],
    );
  });

  it('reports parts that do not add up to the total on the total', () => {
    expect(validate('2023-Q3', 'VIETTEL,2023-Q3,380,10,5,16,2,120')).toEqual([
      ['sum-mismatch', 'bts_tong'],
    ]);
  });

  it('skips the sum when a part is not reported', () => {
    expect(validate('2023-Q3', 'VIETTEL,2023-Q3,380,,5,16,2,120')).toEqual([]);
  });

  it('reports fewer trainees than classes', () => {
    expect(validate('2023-Q3', 'VIETTEL,2023-Q3,380,10,5,15,3,2')).toEqual([
      ['comparison-error', 'so_hoc_vien'],
    ]);
  });

  it('checks a locality against the period and refuses agencies as localities', () => {
    expect(validate('2025-Q3', 'VIETTEL,2025-Q3,380,10,5,15,2,120')).toEqual([
      ['unit-not-valid-for-period', 'ma_dia_ban'],
    ]);
    expect(validate('2025-Q3', 'VIETTEL,2025-Q3,14758,10,5,15,2,120')).toEqual(
      [],
    );
    expect(validate('2023-Q3', 'VIETTEL,2023-Q3,VNPT,10,5,15,2,120')).toEqual([
      ['unknown-unit', 'ma_dia_ban'],
    ]);
  });
});

describe('a rule that crashes', () => {
  it('becomes a rule-error finding on its line instead of stopping the file', () => {
    const rules = [
      {
        name: 'broken-rule',
        check: () => {
          throw new Error('bug');
        },
      },
    ];

    const findings = applyRules(rules, {}, { line: 7 } as RuleContext);

    expect(findings).toEqual([
      expect.objectContaining({
        type: 'rule-error',
        rowNumber: 7,
        cell: 'broken-rule',
      }),
    ]);
  });
});

describe('key repeats past the keys held in memory', () => {
  it('are reported once every row is read, with both lines', () => {
    const context = contextOf('2023-Q3');
    const { binding, file } = fileOf('2023-Q3', 1);
    const communes = catalogue.units
      .listValid('commune', context.period)
      .slice(0, 300)
      .map((u) => u.code);
    const lines = [...communes, communes[0], communes[250]].map(
      (commune, i) =>
        validateRow(
          binding,
          `VIETTEL,2023-Q3,${commune},1,1,2,0,0`.split(','),
          i + 2,
          file,
        ).findings,
    );

    // The first key is held in memory: its repeat is known at once.
    expect(lines.flat().map((f) => [f.type, f.rowNumber, f.message])).toEqual([
      [
        'unique-error',
        302,
        `Dòng 302: trùng khóa "VIETTEL | 2023-Q3 | ${communes[0]}" với một dòng trước (dòng 2)`,
      ],
    ]);
    expect(
      spilledKeyFindings(file).map((f) => [
        f.type,
        f.rowNumber,
        f.message,
        f.messageEn,
      ]),
    ).toEqual([
      [
        'unique-error',
        303,
        'Dòng 303: trùng khóa với một dòng trước (dòng 252)',
        'Line 303: key repeats an earlier row (line 252)',
      ],
    ]);
  });
});

describe('personal data in free text', () => {
  const ctx: RuleContext = { ...contextOf('2023-Q3'), line: 7 };
  const check = noPersonalData(['ghi_chu']);
  const cellsFound = (text: string) =>
    check({ ghi_chu: text }, ctx).map((f) => f.cell);

  it.each([
    ['CCCD 038190012345 của người nhận', 'CCCD 03********45 của người nhận'],
    ['gọi 0912 345 678 để hỏi', 'gọi 09********78 để hỏi'],
    ['gọi 0912.345.678', 'gọi 09********78'],
    ['gọi 0912-345-678', 'gọi 09********78'],
    ['gọi +84 912 345 678', 'gọi +8***********78'],
    ['thư cho an.nguyen@thanhhoa.gov.vn', 'thư cho an*********************vn'],
  ])('finds %j and shows it masked', (text, masked) => {
    expect(cellsFound(text)).toEqual([masked]);
  });

  it.each([
    'Theo báo cáo số 394/HCC-HCQT ngày 14/9/2023 (dòng 1234)',
    '2.155.455 thuê bao trên 2.794.448 dân',
    'mã 12345678901 có 11 chữ số',
  ])('lets %j through', (text) => {
    expect(cellsFound(text)).toEqual([]);
  });
});
