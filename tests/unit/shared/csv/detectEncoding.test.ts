import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectEncoding,
  rankLegacyEncodings,
  type TextEncoding,
} from '../../../../functions/shared/csv/detectEncoding.js';
import { isVietnameseSyllable } from '../../../../functions/shared/csv/scoreVietnamese.js';

const fixture = (name: string): Buffer =>
  readFileSync(
    new URL(`../../../../fixtures/encodings/${name}`, import.meta.url),
  );

const lines = (bytes: Buffer): Buffer[] => {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
    out.push(bytes.subarray(start, i + 1));
    start = i + 1;
  }
  return out;
};

const LEGACY: readonly [TextEncoding, string][] = [
  ['windows-1258', 'sample.windows-1258.csv'],
  ['windows-1258', 'sample.windows-1258-decomposed.csv'],
  ['tcvn3', 'sample.tcvn3.csv'],
  ['vni', 'sample.vni.csv'],
  ['vni', 'vni-sample.csv'],
];

describe('detectEncoding', () => {
  it.each<[TextEncoding, string]>([
    ['utf-8', 'sample.utf-8.csv'],
    ['utf-8-bom', 'sample.utf-8-bom.csv'],
    ['utf-16le', 'sample.utf-16le.csv'],
    ['utf-16be', 'sample.utf-16be.csv'],
    ['utf-8', 'vni-sample.utf8.csv'],
    ...LEGACY,
  ])('names %s for %s', (encoding, name) => {
    expect(detectEncoding(fixture(name), true)).toBe(encoding);
  });

  it.each(
    LEGACY.flatMap(([encoding, name]) => {
      const [header = Buffer.alloc(0), ...rows] = lines(fixture(name));
      return [
        { encoding, name, sample: 'the header', bytes: header },
        ...rows.map((row, i) => ({
          encoding,
          name,
          sample: `row ${i + 1} alone`,
          bytes: row,
        })),
        {
          encoding,
          name,
          sample: 'a 2-line file',
          bytes: Buffer.concat([header, rows[0] ?? Buffer.alloc(0)]),
        },
      ];
    }),
  )('tells $encoding apart on $sample of $name', ({ encoding, bytes }) => {
    expect(detectEncoding(bytes, true)).toBe(encoding);
  });

  it.each([
    ['plain ASCII', Buffer.from('ma_don_vi;ky_bao_cao\r\n38;2023-Q4\r\n')],
    ['an empty file', Buffer.alloc(0)],
    ['NFD UTF-8', Buffer.from('Thanh Hóa'.normalize('NFD'))],
  ])('reads %s as UTF-8', (_name, bytes) => {
    expect(detectEncoding(bytes, true)).toBe('utf-8');
  });

  it('accepts a head that stops inside a UTF-8 character when more follows', () => {
    const head = fixture('sample.utf-8.csv').subarray(0, 2);

    expect(detectEncoding(head, false)).toBe('utf-8');
    expect(detectEncoding(head, true)).not.toBe('utf-8');
  });

  it('takes Windows-1258 when the only high bytes carry no letters', () => {
    expect(detectEncoding(Buffer.from([0x41, 0x85, 0x0d, 0x0a]), true)).toBe(
      'windows-1258',
    );
  });

  it.each([
    [
      'a PNG header',
      fixture('../cases/encoding-error.csv'),
      'NUL byte at byte 8: a binary file (or UTF-16 without a byte-order mark), not CSV text',
    ],
    [
      'UTF-16 without a byte-order mark',
      Buffer.from('Mã đơn vị', 'utf16le'),
      'NUL byte at byte 1: a binary file (or UTF-16 without a byte-order mark), not CSV text',
    ],
    [
      'UTF-32',
      Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]),
      'UTF-32 is not supported: save the file as UTF-8',
    ],
    [
      'French Windows-1252 text',
      Buffer.from("Où est le café? L'élève à l'école", 'latin1'),
      'Invalid UTF-8 at byte 1, and the bytes do not read as Vietnamese in Windows-1258, TCVN3 or VNI either',
    ],
    [
      'high bytes that form no words',
      Buffer.from([0x31, 0xb8, 0xae, 0xac, 0xa7, 0x3b, 0x9e, 0x8f, 0xff]),
      'Invalid UTF-8 at byte 1, and the bytes do not read as Vietnamese in Windows-1258, TCVN3 or VNI either',
    ],
  ])('explains why %s is not accepted', (_name, bytes, error) => {
    expect(detectEncoding(bytes, true)).toEqual({ error });
  });
});

describe('rankLegacyEncodings', () => {
  it.each(LEGACY)(
    'ranks %s first for %s, with no sign of a wrong reading',
    (encoding, name) => {
      const [best, ...others] = rankLegacyEncodings(fixture(name));

      expect(best).toMatchObject({ encoding, bad: 0 });
      for (const other of others) {
        expect(other.bad).toBeGreaterThan(other.good);
      }
    },
  );
});

describe('isVietnameseSyllable', () => {
  it.each([
    'Mã',
    'đơn',
    'Thanh',
    'Hóa',
    'Hoá',
    'Ủy',
    'uỷ',
    'nghiêng',
    'khuỷu',
    'quốc',
    'giữ',
    'người',
    'được',
    'huyện',
    'CHƯA',
    'ĐẠT',
    'thích',
    'quyết',
    'ông',
    'ênh',
    'ính',
  ])('accepts %s', (word) => {
    expect(isVietnameseSyllable(word)).toBe(true);
  });

  it.each([
    ['Hoùa', 'a VNI tone mark read as ù'],
    ['Maõ', 'a VNI tone mark read as õ'],
    ['ñôn', 'a VNI đ read as ñ'],
    ['M·', 'a TCVN3 ã read as a symbol'],
    ['ThỔnh', 'a capital inside a lowercase word'],
    ['Maị', 'the tone on the glide of ai'],
    ['hòan', 'the tone off the last vowel before a final'],
    ['bát́', 'two tones'],
    ['tàt', 'huyền on a syllable ending in t'],
    ['ing', 'ng after i'],
    ['kan', 'k before a'],
    ['qúa', 'the tone on the u of qu'],
  ])('rejects %s (%s)', (word) => {
    expect(isVietnameseSyllable(word)).toBe(false);
  });
});
