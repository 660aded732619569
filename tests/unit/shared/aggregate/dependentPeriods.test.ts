import { describe, expect, it } from 'vitest';
import {
  dependentPeriods,
  rollupOrder,
} from '../../../../functions/shared/aggregate/dependentPeriods.js';

describe('dependentPeriods', () => {
  it.each([
    ['2023-Q1', ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']],
    ['2023-Q3', ['2023-Q3', '2023-Q4']],
    ['2023-Q4', ['2023-Q4']],
    ['2024-Q2', ['2024-Q2', '2024-Q3', '2024-Q4']],
  ])('makes %s and the later quarters of its year stale', (period, stale) => {
    expect(dependentPeriods(period)).toEqual(stale);
  });

  it('never reaches into the next year, whose year-to-date starts again', () => {
    expect(dependentPeriods('2023-Q4')).not.toContain('2024-Q1');
  });

  it.each(['', 'Q3/2023', '2023-Q5', '-'])(
    'asks for nothing when the period %j is not a quarter',
    (period) => {
      expect(dependentPeriods(period)).toEqual([]);
    },
  );
});

describe('rollupOrder', () => {
  it('rolls each period up once, oldest first', () => {
    const requested = [
      '2023-Q4',
      '2023-Q3',
      '2023-Q4',
      '2024-Q1',
      '2023-Q3',
      '2022-Q4',
    ];

    expect(rollupOrder(requested)).toEqual([
      '2022-Q4',
      '2023-Q3',
      '2023-Q4',
      '2024-Q1',
    ]);
  });

  it('drops requests that are not quarters', () => {
    expect(rollupOrder(['-', '2023-Q3', 'latest'])).toEqual(['2023-Q3']);
  });
});
