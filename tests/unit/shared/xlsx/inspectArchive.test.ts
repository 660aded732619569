import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  inspectArchive,
  readCentralDirectory,
} from '../../../../functions/shared/xlsx/inspectArchive.js';
import {
  oleKindOf,
  sniffContent,
} from '../../../../functions/shared/xlsx/sniffContent.js';
import { buildWorkbook, withParts } from '../../../helpers/workbooks.js';

const typeOf = (bytes: Uint8Array) => {
  const result = inspectArchive(bytes);
  return result.ok ? 'ok' : result.finding.type;
};

describe('sniffContent', () => {
  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0], 'zip'],
    [[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0], 'zip'],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'ole'],
    [[...strToU8('ma_don_')], 'text'],
    [[0xef, 0xbb, 0xbf, 0x6d, 0x61], 'text'],
    [[], 'text'],
  ])('tells %j is %s', (bytes, kind) => {
    expect(sniffContent(new Uint8Array(bytes))).toBe(kind);
  });

  it('tells an encrypted package from a legacy workbook', () => {
    const encrypted = new Uint8Array(2048);
    encrypted.set(strToU8('\0E\0n'), 0);
    encrypted.set(
      new Uint8Array(Buffer.from('EncryptedPackage', 'utf16le')),
      700,
    );

    expect(oleKindOf(encrypted)).toBe('encrypted');
    expect(oleKindOf(new Uint8Array(2048))).toBe('legacy');
  });
});

describe('inspectArchive', () => {
  it('lets a workbook written by exceljs through', async () => {
    const bytes = await buildWorkbook([{ name: 'Sheet1', rows: [['a', 1]] }]);

    expect(typeOf(bytes)).toBe('ok');
  });

  it('refuses an archive cut short at any point as corrupt', async () => {
    const bytes = await buildWorkbook([{ name: 'Sheet1', rows: [['a', 1]] }]);

    for (const cut of [10, 200, bytes.length - 30, bytes.length - 1]) {
      expect(typeOf(bytes.subarray(0, cut))).toBe('workbook-corrupt');
    }
  });

  it('refuses an entry whose bytes were damaged (checksum)', async () => {
    const bytes = Buffer.from(
      await buildWorkbook([{ name: 'Sheet1', rows: [['a', 1]] }]),
    );
    const [sheet] = readCentralDirectory(bytes).filter(
      (e) => e.name === 'xl/worksheets/sheet1.xml',
    );
    const at =
      (sheet?.localOffset ?? 0) + 30 + 'xl/worksheets/sheet1.xml'.length;
    bytes[at + 5] = (bytes[at + 5] ?? 0) ^ 0xff;

    expect(typeOf(bytes)).toBe('workbook-corrupt');
  });

  it('refuses a zip bomb by its compression ratio', async () => {
    const bomb = withParts(
      await buildWorkbook([{ name: 'Sheet1', rows: [['a']] }]),
      { 'xl/media/image1.bin': new Uint8Array(20 * 1024 ** 2) },
    );

    const result = inspectArchive(bomb);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.finding).toMatchObject({
      type: 'workbook-too-large',
      cell: expect.stringMatching(/^xl\/media\/image1\.bin: \d+:1$/),
    });
  });

  it('refuses an archive whose total unpacked size passes the limit', async () => {
    const bytes = await buildWorkbook([{ name: 'Sheet1', rows: [['a', 1]] }]);

    const result = inspectArchive(bytes, {
      maxUncompressedBytes: 1000,
      maxRatio: 200,
      ratioFloorBytes: 1024 ** 2,
    });

    expect(!result.ok && result.finding.type).toBe('workbook-too-large');
  });

  it('stops inflating an entry that unpacks past the size its directory declares', async () => {
    const bytes = Buffer.from(
      withParts(await buildWorkbook([{ name: 'S', rows: [['a']] }]), {
        'xl/media/big.bin': new Uint8Array(100_000),
      }),
    );
    // Make the central directory claim 100 bytes for it.
    const name = Buffer.from('xl/media/big.bin');
    const central = bytes.lastIndexOf(name);
    bytes.writeUInt32LE(100, central - 46 + 24);

    expect(typeOf(bytes)).toBe('workbook-too-large');
  });

  it('refuses a macro-enabled workbook by its content type alone', async () => {
    const workbook = await buildWorkbook([{ name: 'S', rows: [['a']] }]);
    const parts = unzipSync(workbook);
    const contentTypes = strFromU8(
      parts['[Content_Types].xml'] ?? new Uint8Array(),
    ).replace(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    );

    const bytes = withParts(workbook, {
      '[Content_Types].xml': strToU8(contentTypes),
    });

    expect(typeOf(bytes)).toBe('workbook-macro-enabled');
  });

  it.each([
    [
      'an OpenDocument sheet',
      { mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet') },
      'OpenDocument (.ods)',
    ],
    [
      'a Word document',
      {
        '[Content_Types].xml': strToU8('<Types/>'),
        'word/document.xml': strToU8('<w/>'),
      },
      expect.stringContaining('not an Excel workbook'),
    ],
  ])('refuses %s as unsupported', (_, parts, value) => {
    const result = inspectArchive(zipSync(parts));

    expect(!result.ok && result.finding).toMatchObject({
      type: 'workbook-unsupported',
      cell: value,
    });
  });
});
