import { describe, expect, it } from 'vitest';
import {
  foldText,
  parseDecimal,
  parseInteger,
  parsePeriodText,
} from '../../../../functions/shared/normalize/values.js';

describe('parseInteger', () => {
  it.each([
    ['2155455', '2155455'],
    ['2.155.455', '2155455'],
    ['2 155 455', '2155455'],
    ['2,155,455', '2155455'],
    ['08', '8'],
    [' 856 ', '856'],
    ['0', '0'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseInteger(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['2.15.455', '1,5', '61,7', '-3', 'abc', '2.155,455', '12.34'])(
    'refuses %j',
    (text) => {
      expect(parseInteger(text).ok).toBe(false);
    },
  );
});

describe('parseDecimal', () => {
  it.each([
    ['61,7', '61.7'],
    ['61,7 %', '61.7'],
    ['1.234,5', '1234.5'],
    ['77.13', '77.13'],
    ['80,50', '80.5'],
    ['100', '100'],
    ['2.155.455', '2155455'],
    ['1,234.5', '1234.5'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseDecimal(text)).toEqual({ ok: true, value: expected });
  });

  it('refuses 1.234 as ambiguous between thousands and decimals', () => {
    const result = parseDecimal('1.234');

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.expected).toContain('ambiguous');
  });
});

describe('parsePeriodText', () => {
  it.each([
    ['2023-Q3', '2023-Q3'],
    ['Q3/2023', '2023-Q3'],
    ['Quý IV/2023', '2023-Q4'],
    ['quý 3 năm 2023', '2023-Q3'],
    ['QUÝ II - 2024', '2024-Q2'],
  ])('reads %j as %s', (text, expected) => {
    expect(parsePeriodText(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['2023-Q5', 'Quý V/2023', '9 tháng đầu năm 2023', ''])(
    'refuses %j',
    (text) => {
      expect(parsePeriodText(text).ok).toBe(false);
    },
  );
});

describe('foldText', () => {
  it('folds case, diacritics, đ and spacing', () => {
    expect(foldText('  MÃ  ĐƠN_VỊ ')).toBe('ma don vi');
    expect(foldText('Ma don vi')).toBe('ma don vi');
  });

  it('folds NFD and NFC spellings alike', () => {
    expect(foldText('Kỳ báo cáo'.normalize('NFD'))).toBe(
      foldText('Kỳ báo cáo'.normalize('NFC')),
    );
  });
});
