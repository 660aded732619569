import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../../functions/shared/period.js';
import { catalogue } from '../../../helpers/catalogue.js';

const resolve = (code: string, period: string) => {
  const p = parsePeriod(period);
  if (!p) throw new Error(period);
  return catalogue.units.resolve(code, p);
};

describe('unit registry', () => {
  it('resolves district 405 (Đông Sơn) for 2024-Q4 but not for 2025-Q1', () => {
    const before = resolve('405', '2024-Q4');
    const after = resolve('405', '2025-Q1');

    expect(before.status).toBe('valid');
    expect(before.status === 'valid' && before.unit.name).toBe(
      'Huyện Đông Sơn',
    );
    expect(after.status).toBe('not-valid-for-period');
  });

  it('resolves a reused commune code to the unit in force for the period', () => {
    const old = resolve('14758', '2025-Q2');
    const current = resolve('14758', '2025-Q3');

    expect(old.status === 'valid' && old.unit.name).toBe('Phường Đông Thọ');
    expect(current.status === 'valid' && current.unit.name).toBe(
      'Phường Hàm Rồng',
    );
  });

  it('knows the province and the agencies', () => {
    expect(resolve('38', '2026-Q1').status).toBe('valid');
    expect(resolve('VIETTEL', '2023-Q3').status).toBe('valid');
    expect(resolve('STTTT', '2025-Q2').status).toBe('not-valid-for-period');
  });

  it('calls an unheard-of code unknown', () => {
    expect(resolve('ABCXYZ', '2023-Q3')).toEqual({ status: 'unknown' });
  });
});
