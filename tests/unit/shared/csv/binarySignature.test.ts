import { Readable } from 'node:stream';
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createTextDecoder } from '../../../../functions/shared/csv/decode.js';
import { DecodeError } from '../../../../functions/shared/csv/decodeError.js';

const decodeError = async (bytes: Buffer) => {
  const decoder = createTextDecoder();
  Readable.from([bytes]).pipe(decoder);
  try {
    for await (const _ of decoder);
  } catch (error) {
    return error;
  }
  return undefined;
};

const CSV = Buffer.from('ma_don_vi,ghi_chu\nVIETTEL,x\n');

describe('files that are not text at all', () => {
  it.each([
    [
      'an .xlsx renamed .csv',
      Buffer.from(zipSync({ 'a.csv': CSV })),
      'a ZIP archive (an Excel .xlsx workbook is one)',
    ],
    ['a gzip archive', Buffer.from(gzipSync(CSV)), 'a gzip archive'],
    [
      'an old .xls',
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), CSV]),
      'an old Excel .xls or Word .doc file',
    ],
    [
      'a PDF',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), CSV]),
      'a PDF document',
    ],
    [
      'a PNG',
      Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), CSV]),
      'a PNG image',
    ],
  ])('names %s in the decoding error', async (_, bytes, what) => {
    const error = await decodeError(bytes);

    expect(error).toBeInstanceOf(DecodeError);
    expect((error as Error).message).toBe(
      `The file is ${what}, not CSV text: save it from Excel as "CSV UTF-8"`,
    );
  });

  it('lets a CSV whose header starts with PK through', async () => {
    expect(
      await decodeError(Buffer.from('PK,ma_don_vi\n1,2\n')),
    ).toBeUndefined();
  });
});
