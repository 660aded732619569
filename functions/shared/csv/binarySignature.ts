/** Whether bytes begin with a signature. */
const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** A ZIP archive's first local record: an .xlsx workbook is one. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An empty archive starts with its end-of-central-directory record. */
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
/** An OLE compound file: a legacy .xls or .doc, or an encrypted workbook. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * File signatures ("magic numbers") of what agencies upload instead of a
 * CSV: a workbook renamed `.csv`, an archive, a scan. None of them can start
 * a CSV file: each begins with bytes no header row has.
 */
const SIGNATURES: readonly {
  readonly magic: readonly number[];
  readonly what: string;
}[] = [
  { magic: ZIP_MAGIC, what: 'a ZIP archive (an Excel .xlsx workbook is one)' },
  { magic: EMPTY_ZIP_MAGIC, what: 'an empty ZIP archive' },
  { magic: OLE_MAGIC, what: 'an old Excel .xls or Word .doc file' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive' },
  {
    magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
    what: 'a 7-Zip archive',
  },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  {
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a],
    what: 'a PNG image',
  },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

/** What a file is when its first bytes are a known binary signature, else undefined. */
const binarySignatureOf = (head: Uint8Array): string | undefined =>
  SIGNATURES.find(({ magic }) => startsWith(head, magic))?.what;

export { binarySignatureOf, EMPTY_ZIP_MAGIC, OLE_MAGIC, startsWith, ZIP_MAGIC };
