import { readCentralDirectory, type ZipEntry } from './inspectArchive.js';

const DESCRIPTOR_SIG = 0x08074b50;
const EOCD_SIG = 0x06054b50;

const view = (bytes: Uint8Array) =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The bytes of one entry's local record: header, name, extra field, data and data descriptor. */
const localRecord = (bytes: Uint8Array, entry: ZipEntry): Uint8Array => {
  const dv = view(bytes);
  const at = entry.localOffset;
  let end =
    at +
    30 +
    dv.getUint16(at + 26, true) +
    dv.getUint16(at + 28, true) +
    entry.compressedSize;
  if (entry.flags & 0x08) {
    // A data descriptor follows the data, with or without its signature.
    end +=
      end + 4 <= bytes.length && dv.getUint32(end, true) === DESCRIPTOR_SIG
        ? 16
        : 12;
  }
  return bytes.subarray(at, end);
};

/**
 * The same archive with the named parts first, in the given order, and the
 * rest after them as they were. Entries are copied as they are (nothing is
 * inflated or compressed again); only the offsets change. exceljs's
 * streaming reader needs this: it reads an archive front to back, and
 * Excel stores the sheets before the styles. A sheet of Excel's
 * `1904.xlsx` (no shared strings) was read without its number formats in
 * about three runs of four (its date as a bare number); a workbook with
 * its parts in another order gave its text cells as bare indexes into the
 * shared strings; and a sheet stored before the shared strings went to a
 * temporary file. The
 * archive has passed `inspectArchive` (directory sound, no ZIP64).
 */
const partsFirst = (
  bytes: Uint8Array,
  first: readonly string[],
): Uint8Array => {
  const entries = readCentralDirectory(bytes);
  const rank = (e: ZipEntry) => {
    const i = first.indexOf(e.name);
    return i < 0 ? first.length : i;
  };
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
  const locals = ordered.map((e) => localRecord(bytes, e));
  const localsLength = locals.reduce((n, l) => n + l.length, 0);
  const centralLength = ordered.reduce((n, e) => n + e.centralLength, 0);
  const out = new Uint8Array(localsLength + centralLength + 22);
  const dv = view(out);
  let at = 0;
  const offsets = locals.map((local) => {
    out.set(local, at);
    at += local.length;
    return at - local.length;
  });
  ordered.forEach((entry, i) => {
    out.set(
      bytes.subarray(
        entry.centralOffset,
        entry.centralOffset + entry.centralLength,
      ),
      at,
    );
    dv.setUint32(at + 42, offsets[i] ?? 0, true);
    at += entry.centralLength;
  });
  dv.setUint32(at, EOCD_SIG, true);
  dv.setUint16(at + 8, ordered.length, true);
  dv.setUint16(at + 10, ordered.length, true);
  dv.setUint32(at + 12, centralLength, true);
  dv.setUint32(at + 16, localsLength, true);
  return out;
};

export { partsFirst };
