import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTextDecoder,
  type TextEncoding,
} from '../../../../functions/shared/csv/decode.js';
import { DecodeError } from '../../../../functions/shared/csv/decodeError.js';

const fixture = (name: string): Buffer =>
  readFileSync(
    new URL(`../../../../fixtures/encodings/${name}`, import.meta.url),
  );

const ENCODINGS: readonly [TextEncoding, number][] = [
  ['utf-8', 0],
  ['utf-8-bom', 3],
  ['utf-16le', 2],
  ['utf-16be', 2],
  ['windows-1258', 0],
  ['tcvn3', 0],
  ['vni', 0],
];
const UTF8 = fixture('sample.utf-8.csv');
const HEAD_BYTES = 64 * 1024;

const split = (bytes: Buffer, size: number): Buffer[] => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    chunks.push(bytes.subarray(i, i + size));
  }
  return chunks;
};

const decodeChunks = async (chunks: Buffer[]) => {
  const decoder = createTextDecoder();
  let encodingAtFirstString: TextEncoding | undefined;
  Readable.from(chunks).pipe(decoder);
  let text = '';
  for await (const part of decoder) {
    encodingAtFirstString ??= decoder.encoding;
    expect(typeof part).toBe('string');
    text += part;
  }
  return { text, encoding: decoder.encoding, encodingAtFirstString };
};

const decode = (bytes: Buffer, chunkSize = Math.max(bytes.length, 1)) =>
  decodeChunks(split(bytes, chunkSize));

const decodeError = async (bytes: Buffer): Promise<unknown> =>
  decode(bytes, 4096).then(
    () => undefined,
    (error: unknown) => error,
  );

/** The fixture repeated past the 64 KiB head, so that chunking happens after detection. */
const large = (bytes: Buffer, bomBytes: number, times = 150) =>
  Buffer.concat([
    bytes,
    ...Array.from({ length: times }, () => bytes.subarray(bomBytes)),
  ]);

// A fixed-seed generator keeps the "random" inputs the same on every run.
const pseudoRandomBytes = (length: number, seed: number): Buffer => {
  let state = seed;
  return Buffer.from(
    Array.from({ length }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 24;
    }),
  );
};

describe('createTextDecoder', () => {
  it.each(
    ENCODINGS.flatMap(([encoding]) =>
      [undefined, 1, 7].map((chunkSize) => ({ encoding, chunkSize })),
    ),
  )(
    'decodes the $encoding sample to the UTF-8 bytes (chunks of $chunkSize)',
    async ({ encoding, chunkSize }) => {
      const bytes = fixture(`sample.${encoding}.csv`);

      const result = await decode(bytes, chunkSize);

      expect(Buffer.from(result.text, 'utf8').equals(UTF8)).toBe(true);
      expect(result.encoding).toBe(encoding);
      expect(result.encodingAtFirstString).toBe(encoding);
    },
  );

  it.each(
    ENCODINGS.flatMap(([encoding, bomBytes]) =>
      [1, 7, 4096].map((chunkSize) => ({ encoding, bomBytes, chunkSize })),
    ),
  )(
    'streams a $encoding file longer than the head in chunks of $chunkSize',
    async ({ encoding, bomBytes, chunkSize }) => {
      const bytes = large(fixture(`sample.${encoding}.csv`), bomBytes);
      const expected = large(UTF8, 0);

      const result = await decode(bytes, chunkSize);

      expect(bytes.length).toBeGreaterThan(HEAD_BYTES);
      expect(Buffer.from(result.text, 'utf8').equals(expected)).toBe(true);
      expect(result.encoding).toBe(encoding);
    },
  );

  it.each([undefined, 1, 7])(
    'decodes the Windows-1258 sample written with combining tones only (chunks of %s)',
    async (chunkSize) => {
      const bytes = fixture('sample.windows-1258-decomposed.csv');

      const result = await decode(bytes, chunkSize);

      expect(Buffer.from(result.text, 'utf8').equals(UTF8)).toBe(true);
      expect(result.encoding).toBe('windows-1258');
    },
  );

  it.each([undefined, 1, 2, 3])(
    'decodes the reference VNI sample byte for byte (chunks of %s)',
    async (chunkSize) => {
      const expected = fixture('vni-sample.utf8.csv');

      const result = await decode(fixture('vni-sample.csv'), chunkSize);

      expect(Buffer.from(result.text, 'utf8').equals(expected)).toBe(true);
      expect(result.encoding).toBe('vni');
    },
  );

  it.each([
    ['utf-8', (text: string) => Buffer.from(text, 'utf8')],
    ['utf-16le', (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le')],
  ] as const)(
    'composes NFD %s text to NFC, also across chunk boundaries',
    async (_name, encode) => {
      const nfc = large(UTF8, 0).toString('utf8');

      const whole = await decode(encode(nfc.normalize('NFD')));
      const bytewise = await decode(encode(nfc.normalize('NFD')), 1);

      expect(whole.text).toBe(nfc);
      expect(bytewise.text).toBe(nfc);
    },
  );

  it('keeps characters outside the BMP whole across UTF-16 chunk boundaries', async () => {
    const text = `${'a;b\r\n'.repeat(15_000)}Đạt 😀 ✓\r\n`;
    const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');

    const result = await decode(bytes, 1);

    expect(result.text).toBe(text);
  });

  it('holds back a base letter until its combining mark arrives', async () => {
    const decoder = createTextDecoder();
    const parts: string[] = [];
    decoder.on('data', (part: string) => parts.push(part));
    const done = new Promise((resolve) => decoder.on('end', resolve));

    decoder.write(Buffer.from('x'.repeat(HEAD_BYTES)));
    decoder.write(Buffer.from('Hoa'));
    decoder.write(Buffer.from('\u0300 ok'));
    decoder.end();
    await done;

    expect(parts.join('')).toBe(`${'x'.repeat(HEAD_BYTES)}Hoà ok`);
    expect(parts.some((part) => part.endsWith('Hoa'))).toBe(false);
  });

  it('reads an empty file as empty UTF-8 text', async () => {
    const result = await decode(Buffer.alloc(0));

    expect(result).toEqual({
      text: '',
      encoding: 'utf-8',
      encodingAtFirstString: undefined,
    });
  });

  it.each([
    [
      'a PNG header',
      fixture('../cases/encoding-error.csv'),
      /^The file is a PNG image, not CSV text/,
    ],
    ['random bytes', pseudoRandomBytes(4096, 1), /NUL byte/],
    [
      'random bytes without NUL',
      pseudoRandomBytes(4096, 2).map((byte) => byte || 1),
      /Invalid UTF-8 at byte \d+, and the bytes do not read as Vietnamese/,
    ],
    [
      'French Windows-1252 text',
      Buffer.from("Où est le café? L'élève à l'école, naïve", 'latin1'),
      /do not read as Vietnamese/,
    ],
    ['UTF-32', Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), /UTF-32/],
    [
      'UTF-8 that turns invalid after the head',
      Buffer.concat([
        Buffer.from('a'.repeat(HEAD_BYTES + 10)),
        Buffer.from([0xc3, 0x28]),
      ]),
      new RegExp(`Invalid UTF-8 at byte ${HEAD_BYTES + 10}$`),
    ],
    [
      'UTF-8 that ends inside a character',
      Buffer.concat([
        Buffer.from('a'.repeat(HEAD_BYTES + 10)),
        Buffer.from([0xe1, 0xbb]),
      ]),
      /ends inside a UTF-8 character at byte/,
    ],
    [
      'a NUL byte after the head',
      Buffer.concat([UTF8, Buffer.alloc(HEAD_BYTES, 0x20), Buffer.from([0])]),
      new RegExp(`NUL byte at byte ${UTF8.length + HEAD_BYTES}:`),
    ],
    [
      'a Windows-1258 byte with no meaning after the head',
      Buffer.concat([
        large(fixture('sample.windows-1258.csv'), 0),
        Buffer.from([0x81]),
      ]),
      /Byte 0x81 at byte \d+ has no meaning in Windows-1258/,
    ],
    [
      'UTF-16 with an odd number of bytes',
      Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]),
      /Invalid UTF-16/,
    ],
    [
      'UTF-16 with an unpaired surrogate',
      Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]),
      /Invalid UTF-16/,
    ],
    ['UTF-16 with a NUL character', Buffer.from([0xfe, 0xff, 0, 0]), /NUL/],
  ])('rejects %s with a DecodeError', async (_name, bytes, message) => {
    const error = await decodeError(Buffer.from(bytes));

    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).message).toMatch(message);
  });

  it('reports an error through the stream, never by throwing from write', async () => {
    const decoder = createTextDecoder();
    const failed = new Promise((resolve) => decoder.on('error', resolve));

    expect(() =>
      decoder.end(fixture('../cases/encoding-error.csv')),
    ).not.toThrow();

    expect(await failed).toBeInstanceOf(DecodeError);
  });

  it('emits a string or fails with a DecodeError for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, chunkSize) => {
          const outcome = await decode(Buffer.from(bytes), chunkSize).then(
            (result) => result.text,
            (error: unknown) => error,
          );

          expect(
            typeof outcome === 'string' || outcome instanceof DecodeError,
          ).toBe(true);
        },
      ),
      { timeout: 2000 },
    );
  });

  it('gives the same text however a long file is cut into chunks', async () => {
    const inputs = ENCODINGS.map(([encoding, bomBytes]) =>
      large(fixture(`sample.${encoding}.csv`), bomBytes),
    );
    const expected = large(UTF8, 0).toString('utf8');

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...inputs),
        fc.array(fc.integer({ min: 1, max: 70_000 }), { maxLength: 20 }),
        async (bytes, cuts) => {
          const points = [...new Set([0, ...cuts, bytes.length])]
            .filter((point) => point <= bytes.length)
            .sort((a, b) => a - b);
          const chunks = points
            .slice(1)
            .map((end, i) => bytes.subarray(points[i], end));

          const result = await decodeChunks(chunks);

          expect(result.text).toBe(expected);
        },
      ),
      { numRuns: 30 },
    );
  });
});
