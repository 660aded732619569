import { describe, expect, it } from 'vitest';
import { isWithinArea } from '../../../../functions/shared/aggregate/unitHierarchy.js';
import { parsePeriod } from '../../../../functions/shared/period.js';
import { grantsFromRows } from '../../../../functions/shared/reference/grants.js';
import {
  datasetRefusal,
  expectedSubmitters,
  mayReportIndicator,
  responsibleMeasures,
  responsibleUnits,
} from '../../../../functions/shared/reference/responsibility.js';
import { catalogue } from '../../../helpers/catalogue.js';

const period = (text: string) => {
  const p = parsePeriod(text);
  if (!p) throw new Error(text);
  return p;
};

const grants = grantsFromRows([
  {
    unit: '380',
    dataset: 'ha-tang-vien-thong',
    indicator: '',
    valid_from: '2023-07-01',
    valid_to: '2023-12-31',
    reason: 'thử nghiệm / pilot',
  },
  {
    unit: '380',
    dataset: 'chi-tieu-cds',
    indicator: 'CDS-2023-38',
    valid_from: '2023-01-01',
    valid_to: '',
    reason: 'UBND thành phố báo cáo hồ sơ sức khỏe điện tử',
  },
]);
const withGrants = { ...catalogue, grants };

describe('who may submit a dataset', () => {
  it.each([
    ['VIETTEL', 'ha-tang-vien-thong', '2023-Q3', undefined],
    ['380', 'ha-tang-vien-thong', '2023-Q3', ['MOBIFONE', 'VIETTEL', 'VNPT']],
    ['STTTT', 'an-toan-thong-tin', '2024-Q4', undefined],
    ['STTTT', 'an-toan-thong-tin', '2025-Q3', ['SKHCN']],
    ['384', 'to-cong-nghe-so', '2024-Q2', undefined],
    ['VIETTEL', 'to-cong-nghe-so', '2024-Q2', expect.any(Array)],
    // Indicator results are open to every unit: rows are checked one by one.
    ['380', 'chi-tieu-cds', '2023-Q3', undefined],
  ])('%s submitting %s for %s: refusal %j', (unit, dataset, p, expected) => {
    const refusal = datasetRefusal(catalogue, unit, dataset, period(p));

    expect(refusal?.expected).toEqual(expected);
  });

  it('lets a steward grant open a dataset, only within its dates', () => {
    expect(
      datasetRefusal(
        withGrants,
        '380',
        'ha-tang-vien-thong',
        period('2023-Q3'),
      ),
    ).toBeUndefined();
    expect(
      datasetRefusal(
        withGrants,
        '380',
        'ha-tang-vien-thong',
        period('2024-Q1'),
      ),
    ).toEqual({ expected: ['MOBIFONE', 'VIETTEL', 'VNPT'] });
  });
});

describe('who may report an indicator', () => {
  it('follows the responsible column and the grants', () => {
    const q3 = period('2023-Q3');

    expect(
      mayReportIndicator(catalogue, 'VNPT', 'chi-tieu-cds', 'CDS-2023-01', q3),
    ).toBe(true);
    expect(
      mayReportIndicator(catalogue, '380', 'chi-tieu-cds', 'CDS-2023-01', q3),
    ).toBe(false);
    expect(
      mayReportIndicator(withGrants, '380', 'chi-tieu-cds', 'CDS-2023-38', q3),
    ).toBe(true);
    expect(
      mayReportIndicator(withGrants, '380', 'chi-tieu-cds', 'CDS-2023-01', q3),
    ).toBe(false);
  });

  it('drops the measures of indicators a unit is not responsible for', () => {
    const measures = {
      'CDS-2023-01': { ma_chi_tieu: 'CDS-2023-01', tu_so: '9000000' },
      'CDS-2023-38': { ma_chi_tieu: 'CDS-2023-38', tu_so: '210000' },
    };

    expect(
      Object.keys(
        responsibleMeasures(
          withGrants,
          'chi-tieu-cds',
          period('2023-Q3'),
          '380',
          measures,
        ),
      ),
    ).toEqual(['CDS-2023-38']);
    expect(
      responsibleMeasures(
        catalogue,
        'ha-tang-vien-thong',
        period('2023-Q3'),
        'VIETTEL',
        measures,
      ),
    ).toBe(measures);
  });

  it('expects the responsible units in force, and the declared submitters', () => {
    expect(
      responsibleUnits(catalogue, 'CDS-2023-01', period('2023-Q3')),
    ).toEqual(['MOBIFONE', 'VIETTEL', 'VNPT']);
    expect(
      expectedSubmitters(catalogue, 'ha-tang-vien-thong', period('2023-Q3')),
    ).toEqual(['MOBIFONE', 'VIETTEL', 'VNPT']);
    expect(
      expectedSubmitters(catalogue, 'chi-tieu-cds', period('2023-Q3')),
    ).toHaveLength(9);
  });
});

describe('a reporting unit’s area', () => {
  it.each([
    ['16378', '405', '2024-Q4', true],
    ['405', '405', '2024-Q4', true],
    ['384', '405', '2024-Q4', false],
    ['16378', '380', '2024-Q4', false],
    ['16378', '380', '2025-Q1', true],
    ['384', 'VIETTEL', '2024-Q4', true],
    ['384', 'HCC', '2024-Q4', true],
  ])(
    'locality %s in the area of %s for %s: %s',
    (locality, unit, p, within) => {
      expect(isWithinArea(catalogue.units, locality, unit, period(p))).toBe(
        within,
      );
    },
  );
});
