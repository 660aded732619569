import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../../functions/shared/normalize/values.js';
import {
  cellText,
  columnLetters,
  numberText,
} from '../../../../functions/shared/xlsx/cellText.js';

describe('numberText', () => {
  it.each([
    [2155455, '2155455', '2155455'],
    [0, '0', '0'],
    [77.13000000000001, '77,13', '77.13'],
    [0.1 + 0.2, '0,3', '0.3'],
    [1.234, '1,2340', '1.234'],
    [1234.567, '1234,567', '1234.567'],
    [96.2, '96,2', '96.2'],
    [80.5, '80,5', '80.5'],
    [1e21, '1000000000000000000000', '1000000000000000000000'],
  ])(
    'writes %d as %s, which the normalizer reads as %s',
    (n, text, canonical) => {
      expect(numberText(n)).toBe(text);
      expect(parseDecimal(text)).toMatchObject({ ok: true, value: canonical });
    },
  );
});

describe('cellText', () => {
  it.each([
    ['a number', 2155455, undefined, '2155455'],
    ['a percentage as the figure it shows', 0.7713, '0.00%', '77,13'],
    ['a whole percentage', 1, '0%', '100'],
    ['a date serial', 45199, 'd/m/yyyy', '2023-09-30'],
    ['a date', new Date(Date.UTC(2023, 3, 20)), 'dd/mm/yyyy', '2023-04-20'],
    ['Vietnamese number text as it is', '2.155.455', undefined, '2.155.455'],
    [
      'a formula by its result',
      { formula: 'A1*2', result: 42 },
      undefined,
      '42',
    ],
    [
      'a percentage formula',
      { formula: 'D2/E2', result: 0.9596 },
      '0.00%',
      '95,96',
    ],
    [
      'a formula error',
      { formula: '1/0', result: { error: '#DIV/0!' } },
      undefined,
      '#DIV/0!',
    ],
    [
      'rich text',
      { richText: [{ text: 'Đã ' }, { text: 'hoàn thành' }] },
      undefined,
      'Đã hoàn thành',
    ],
    ['a boolean', true, undefined, 'TRUE'],
    ['an empty cell', null, undefined, ''],
  ] as const)('reads %s', (_, value, numFmt, text) => {
    expect(cellText(value as never, numFmt)).toEqual({ text });
  });

  it('reads a 1904-system date serial', () => {
    expect(cellText(43737, 'yyyy-mm-dd', true)).toEqual({ text: '2023-09-30' });
  });

  it('gives a formula without a result as such', () => {
    expect(cellText({ formula: 'SUM(D2:D9)' }, undefined)).toEqual({
      formulaWithoutValue: '=SUM(D2:D9)',
    });
  });
});

describe('columnLetters', () => {
  it.each([
    [1, 'A'],
    [4, 'D'],
    [26, 'Z'],
    [27, 'AA'],
    [702, 'ZZ'],
    [703, 'AAA'],
  ])('names column %d %s', (n, letters) => {
    expect(columnLetters(n)).toBe(letters);
  });
});
