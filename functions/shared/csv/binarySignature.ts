/**
 * File signatures ("magic numbers") of what agencies upload instead of a
 * CSV: a workbook renamed `.csv`, an archive, a scan. None of them can start
 * a CSV file: each begins with bytes no header row has.
 */
const SIGNATURES: readonly { readonly magic: Buffer; readonly what: string }[] =
  [
    {
      magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      what: 'a ZIP archive (an Excel .xlsx workbook is one)',
    },
    {
      magic: Buffer.from([0x50, 0x4b, 0x05, 0x06]),
      what: 'an empty ZIP archive',
    },
    {
      magic: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      what: 'an old Excel .xls or Word .doc file',
    },
    { magic: Buffer.from([0x1f, 0x8b]), what: 'a gzip archive' },
    {
      magic: Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]),
      what: 'a 7-Zip archive',
    },
    { magic: Buffer.from('Rar!\u001a\u0007', 'latin1'), what: 'a RAR archive' },
    { magic: Buffer.from('%PDF-', 'latin1'), what: 'a PDF document' },
    {
      magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]),
      what: 'a PNG image',
    },
    { magic: Buffer.from([0xff, 0xd8, 0xff]), what: 'a JPEG image' },
  ];

/** What a file is when its first bytes are a known binary signature, else undefined. */
const binarySignatureOf = (head: Buffer): string | undefined =>
  SIGNATURES.find(
    ({ magic }) =>
      head.length >= magic.length &&
      head.subarray(0, magic.length).equals(magic),
  )?.what;

export { binarySignatureOf };
