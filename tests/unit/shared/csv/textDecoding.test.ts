import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTextDecoder } from '../../../../functions/shared/csv/decode.js';
import { CODE_PAGE_TABLES } from '../../../../functions/shared/csv/legacyTables.js';
import {
  createTextDecoding,
  decodedText,
} from '../../../../functions/shared/csv/textDecoding.js';
import { iconvTable } from '../../../../scripts/legacyTables.js';

const fixture = (name: string): Buffer =>
  readFileSync(
    new URL(`../../../../fixtures/encodings/${name}`, import.meta.url),
  );

/** What the ingest's stream gives, in 4 KiB chunks. */
const streamed = async (bytes: Buffer) => {
  const decoder = createTextDecoder();
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 4096) {
    chunks.push(bytes.subarray(i, i + 4096));
  }
  Readable.from(chunks).pipe(decoder);
  let text = '';
  for await (const part of decoder) text += part;
  return {
    text,
    encoding: decoder.encoding,
    controls: decoder.removedControls,
  };
};

/** What the submission page gives for the same bytes, dropped whole. */
const dropped = async (bytes: Uint8Array) => {
  const decoding = createTextDecoding();
  let text = '';
  for await (const part of decodedText(bytes, decoding)) text += part;
  return {
    text,
    encoding: decoding.encoding,
    controls: decoding.removedControls,
  };
};

describe('decoding a dropped file whole, as the submission page does', () => {
  it.each([
    'sample.utf-8.csv',
    'sample.utf-8-bom.csv',
    'sample.utf-16le.csv',
    'sample.utf-16be.csv',
    'sample.windows-1258.csv',
    'sample.windows-1258-decomposed.csv',
    'sample.tcvn3.csv',
    'sample.vni.csv',
  ])(
    'gives %s the same text and encoding as the ingest stream',
    async (name) => {
      const bytes = fixture(name);

      const page = await dropped(new Uint8Array(bytes));

      expect(page).toEqual(await streamed(bytes));
      expect(page.text).toBe(fixture('sample.utf-8.csv').toString('utf8'));
    },
  );

  it('counts removed control characters and the line of the first, as the stream does', async () => {
    const bytes = Buffer.from('a,b\r\nc,d\ne\u0007,f\u001b\n', 'utf8');

    const page = await dropped(bytes);

    expect(page).toEqual(await streamed(bytes));
    expect(page.controls).toEqual({ count: 2, firstLine: 3 });
    expect(page.text).toBe('a,b\r\nc,d\ne,f\n');
  });

  it('places invalid UTF-8 on its byte when a chunk ends inside the bad sequence', () => {
    const text = `${'ấ'.repeat(30_000)},x\n`;
    const before = Buffer.byteLength(text);
    const bytes = Buffer.concat([
      Buffer.from(text),
      Buffer.from([0xe1, 0xba]),
      Buffer.from(',y\n'),
    ]);
    const decoding = createTextDecoding();

    decoding.write(bytes.subarray(0, before + 1));

    expect(decoding.encoding).toBe('utf-8');
    expect(() => decoding.write(bytes.subarray(before + 1))).toThrow(
      `Invalid UTF-8 at byte ${before}`,
    );
  });
});

describe('the code page tables', () => {
  it.each(Object.keys(CODE_PAGE_TABLES) as (keyof typeof CODE_PAGE_TABLES)[])(
    'are %s as iconv-lite decodes bytes 0x00–0xFF',
    (page) => {
      expect(CODE_PAGE_TABLES[page]).toBe(iconvTable(page));
      expect(CODE_PAGE_TABLES[page]).toHaveLength(256);
    },
  );
});
