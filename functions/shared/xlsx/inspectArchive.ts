import { Inflate, strFromU8 } from 'fflate';
import { type Finding, finding } from '../validation/codes.js';

/** How much a workbook may unpack to before it is refused. */
export interface ArchiveLimits {
  /** Sum of the entries' uncompressed sizes. */
  readonly maxUncompressedBytes: number;
  /** Uncompressed / compressed size of one entry larger than `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

/**
 * Far above a province's workbooks (a 100,000-row sheet unpacks to about
 * 30 MB, at ratios of 10–30), far below what a zip bomb unpacks to.
 */
const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxUncompressedBytes: 256 * 1024 ** 2,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 2,
};

/** One file of a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** Where the entry's central directory record starts, and its length. */
  readonly centralOffset: number;
  readonly centralLength: number;
}

/** An archive that passed inspection, or the finding that refuses it. */
export type ArchiveInspection =
  | { readonly ok: true; readonly entries: readonly ZipEntry[] }
  | { readonly ok: false; readonly finding: Finding };

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

class CorruptArchive extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptArchive';
  }
}

const view = (bytes: Uint8Array) =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Reads the central directory; throws `CorruptArchive` when it is missing or cut short. */
const readCentralDirectory = (bytes: Uint8Array): ZipEntry[] => {
  const dv = view(bytes);
  // The end record is 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) {
    throw new CorruptArchive(
      'không thấy mục lục cuối tệp (tệp bị cắt?) / no end of central directory (truncated?)',
    );
  }
  const count = dv.getUint16(eocd + 10, true);
  const size = dv.getUint32(eocd + 12, true);
  const start = dv.getUint32(eocd + 16, true);
  if (start + size > eocd) {
    throw new CorruptArchive(
      'mục lục nằm ngoài tệp / central directory outside the file',
    );
  }
  const entries: ZipEntry[] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || dv.getUint32(at, true) !== CENTRAL_SIG) {
      throw new CorruptArchive(
        `mục lục hỏng ở mục ${n + 1} / central directory broken at entry ${n + 1}`,
      );
    }
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    entries.push({
      flags: dv.getUint16(at + 8, true),
      method: dv.getUint16(at + 10, true),
      crc: dv.getUint32(at + 16, true),
      compressedSize: dv.getUint32(at + 20, true),
      size: dv.getUint32(at + 24, true),
      localOffset: dv.getUint32(at + 42, true),
      name: strFromU8(bytes.subarray(at + 46, at + 46 + nameLength)),
      centralOffset: at,
      centralLength: 46 + nameLength + extraLength + commentLength,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

// CRC-32 (the ZIP polynomial), table-driven: fflate keeps its own internal,
// and node:zlib's crc32 needs Node 22 and Node; this runs in the page too.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

const updateCrc = (crc: number, chunk: Uint8Array): number => {
  let c = crc ^ 0xffffffff;
  for (let i = 0; i < chunk.length; i++) {
    c = (CRC_TABLE[(c ^ (chunk[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
};

/** Input slice per inflate step: DEFLATE expands at most 1032×, so one step yields at most about 4 MB. */
const INFLATE_SLICE = 4 * 1024;

/**
 * Inflates one entry in small steps, counting and checksumming what comes
 * out and keeping none of it (unless `keep`): it stops as soon as the output
 * passes the size the directory declared, so a lying directory cannot make
 * it unpack a bomb. Returns the kept bytes, or why the entry is refused.
 */
const inflateEntry = (
  bytes: Uint8Array,
  entry: ZipEntry,
  keep = false,
):
  | { ok: true; data: Uint8Array }
  | { ok: false; reason: 'corrupt' | 'size' } => {
  const dv = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL_SIG) {
    return { ok: false, reason: 'corrupt' };
  }
  const dataStart =
    at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) return { ok: false, reason: 'corrupt' };
  const data = bytes.subarray(dataStart, dataEnd);
  let produced = 0;
  let crc = 0;
  const kept: Uint8Array[] = [];
  const take = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.size) return;
    crc = updateCrc(crc, chunk);
    if (keep) kept.push(chunk.slice());
  };
  if (entry.method === 0) take(data);
  else {
    let done = false;
    const inflater = new Inflate((chunk, final) => {
      take(chunk);
      done ||= final;
    });
    try {
      for (let i = 0; i < data.length && produced <= entry.size; ) {
        const next = Math.min(data.length, i + INFLATE_SLICE);
        inflater.push(data.subarray(i, next), next === data.length);
        i = next;
      }
    } catch {
      return { ok: false, reason: 'corrupt' };
    }
    if (produced <= entry.size && !done)
      return { ok: false, reason: 'corrupt' };
  }
  if (produced > entry.size) return { ok: false, reason: 'size' };
  if (produced !== entry.size || crc !== entry.crc) {
    return { ok: false, reason: 'corrupt' };
  }
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of kept) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, data: out };
};

const refuse = (f: Finding): ArchiveInspection => ({ ok: false, finding: f });

const corrupt = (value: string) =>
  refuse(finding('workbook-corrupt', { value }));

/** The macro parts of a workbook: a VBA project, or a macro-enabled content type. */
const macroPartOf = (
  entries: readonly ZipEntry[],
  contentTypes: string,
): string | undefined => {
  const vba = entries.find((e) => /(^|\/)vbaProject\.bin$/i.test(e.name));
  if (vba) return vba.name;
  const macro = /ContentType="([^"]*macroEnabled[^"]*)"/i.exec(contentTypes);
  return macro?.[1];
};

/**
 * Inspects a ZIP archive before any workbook reader sees it: a directory
 * that is missing or cut short, entries that do not inflate to the size and
 * checksum the directory states (corrupt), an archive that would unpack to
 * too much or at a bomb's ratio, encryption, ZIP64, compression methods a
 * workbook never uses, an archive that is no Excel workbook (an
 * OpenDocument sheet, a Word file), and macros. Every entry is inflated, in
 * bounded steps, so a lying directory is caught too.
 */
const inspectArchive = (
  bytes: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): ArchiveInspection => {
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes);
  } catch (error) {
    if (error instanceof CorruptArchive) return corrupt(error.message);
    throw error;
  }
  if (entries.some((e) => e.flags & 1)) {
    return refuse(finding('workbook-encrypted'));
  }
  if (
    entries.some(
      (e) =>
        e.size === ZIP64_MARK ||
        e.compressedSize === ZIP64_MARK ||
        e.localOffset === ZIP64_MARK,
    )
  ) {
    return refuse(finding('workbook-unsupported', { value: 'ZIP64 (> 4 GB)' }));
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxUncompressedBytes) {
    return refuse(
      finding('workbook-too-large', {
        count: total,
        value: `${entries.length} phần / parts`,
        expected: String(limits.maxUncompressedBytes),
      }),
    );
  }
  for (const e of entries) {
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (e.size > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      return refuse(
        finding('workbook-too-large', {
          count: e.size,
          value: `${e.name}: ${Math.round(ratio)}:1`,
          expected: `${limits.maxRatio}:1`,
        }),
      );
    }
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('mimetype') && !names.has('[Content_Types].xml')) {
    return refuse(
      finding('workbook-unsupported', { value: 'OpenDocument (.ods)' }),
    );
  }
  const typesEntry = entries.find((e) => e.name === '[Content_Types].xml');
  if (!typesEntry || !names.has('xl/workbook.xml')) {
    return refuse(
      finding('workbook-unsupported', {
        value:
          'tệp nén không phải bảng tính Excel / a ZIP archive that is not an Excel workbook',
      }),
    );
  }
  const badMethod = entries.find((e) => e.method !== 0 && e.method !== 8);
  if (badMethod) {
    return corrupt(`${badMethod.name}: method ${badMethod.method}`);
  }
  let contentTypes = '';
  for (const entry of entries) {
    const result = inflateEntry(bytes, entry, entry === typesEntry);
    if (!result.ok && result.reason === 'size') {
      return refuse(
        finding('workbook-too-large', {
          count: entry.size,
          value: `${entry.name}: lớn hơn khai báo / larger than declared`,
          expected: String(entry.size),
        }),
      );
    }
    if (!result.ok) return corrupt(entry.name);
    if (entry === typesEntry) contentTypes = strFromU8(result.data);
  }
  const macro = macroPartOf(entries, contentTypes);
  if (macro) return refuse(finding('workbook-macro-enabled', { value: macro }));
  return { ok: true, entries };
};

export { DEFAULT_ARCHIVE_LIMITS, inspectArchive, readCentralDirectory };
