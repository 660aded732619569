import { describe, expect, it } from 'vitest';
import {
  foldText,
  parseDate,
  parseDecimal,
  parseFraction,
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
    expect(parseDecimal(text)).toMatchObject({ ok: true, value: expected });
  });

  it.each([
    ['1.234', 'vi', '1234'],
    ['1.234', 'en', '1.234'],
    ['1,234', 'vi', '1.234'],
    ['1,234', 'en', '1234'],
  ] as const)(
    'reads the ambiguous %j in a %s file as %s',
    (text, style, expected) => {
      expect(parseDecimal(text, style)).toEqual({ ok: true, value: expected });
    },
  );

  it.each([
    ['61,7', 'vi'],
    ['2.155.455', 'vi'],
    ['77.13', 'en'],
    ['2,155,455', 'en'],
    ['100', undefined],
  ])('learns the file style from %j: %s', (text, style) => {
    expect(parseDecimal(text).evidence).toBe(style);
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

describe('parseDate', () => {
  it.each([
    ['20/4/2023', '2023-04-20'],
    ['20-04-2023', '2023-04-20'],
    ['20.04.2023', '2023-04-20'],
    ['2023-04-20', '2023-04-20'],
    ['29/2/2024', '2024-02-29'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseDate(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['31/4/2023', '29/2/2023', '4/20/2023/1', '20/4/23', '2023-4-20'])(
    'refuses %j',
    (text) => {
      expect(parseDate(text).ok).toBe(false);
    },
  );
});

describe('parseFraction', () => {
  it.each([
    ['08/08', { numerator: '8', denominator: '8' }],
    ['856/856', { numerator: '856', denominator: '856' }],
    ['27/27 đơn vị', { numerator: '27', denominator: '27' }],
    ['2.155.455/2.794.448', { numerator: '2155455', denominator: '2794448' }],
  ])('reads %j', (text, expected) => {
    expect(parseFraction(text)).toEqual(expected);
  });

  it.each(['20/4/2023', 'abc', '8/', '1,5/2'])('refuses %j', (text) => {
    expect(parseFraction(text)).toBeUndefined();
  });
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
