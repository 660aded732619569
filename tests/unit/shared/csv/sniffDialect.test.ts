import { describe, expect, it } from 'vitest';
import { sniffDialect } from '../../../../functions/shared/csv/sniffDialect.js';

describe('sniffDialect', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ',', '\n'],
    ['a;b;c\r\n1;2,5;3\r\n4;5;6\r\n', ';', '\r\n'],
    ['a\tb\n1\t2\n', '\t', '\n'],
    ['a|b|c\r1|2|3\r', '|', '\r'],
  ])('detects the dialect of %j', (sample, delimiter, linebreak) => {
    expect(sniffDialect(sample)).toEqual({ delimiter, linebreak });
  });

  it('is not swayed by letterhead lines and commas inside notes', () => {
    const sample = [
      'ỦY BAN NHÂN DÂN TỈNH THANH HÓA, SỞ TT&TT',
      '',
      'ma;ky;ghi_chu',
      'A;1;"x, y, z"',
      'B;2;"p, q"',
      'C;3;r',
    ].join('\n');

    expect(sniffDialect(sample).delimiter).toBe(';');
  });
});
