import { CODE_PAGE_TABLES, type CodePage } from './legacyTables.js';
import { VNI_DECODE_ALIASES, VNI_LETTERS } from './vniTable.js';

/** The single-byte Vietnamese encodings that carry no byte-order mark. */
type LegacyEncoding = 'windows-1258' | 'tcvn3' | 'vni';

// iconv-lite's `tcvn` is TCVN 5712 (VN1): TCVN3 (ABC) plus the capitals ABC
// fonts lacked, so it reads every TCVN3 file and the ones VN1 tools wrote.
// VNI files are saved in the Windows-1252 code page and their letters are
// rebuilt from that text.
const CODE_PAGES: Readonly<Record<LegacyEncoding, CodePage>> = {
  'windows-1258': 'windows1258',
  tcvn3: 'tcvn',
  vni: 'windows1252',
};

/** Each byte's UTF-16 code unit in each code page (every character is in the BMP). */
const CODE_UNITS = Object.fromEntries(
  Object.entries(CODE_PAGE_TABLES).map(([page, table]) => [
    page,
    Uint16Array.from(table, (char) => char.charCodeAt(0)),
  ]),
) as Record<CodePage, Uint16Array>;

const undefinedBytesOf = (encoding: LegacyEncoding): ReadonlySet<number> =>
  new Set(
    [...CODE_PAGE_TABLES[CODE_PAGES[encoding]]].flatMap((char, byte) =>
      char === '\uFFFD' ? [byte] : [],
    ),
  );

const UTF16 = new TextDecoder('utf-16le');

/**
 * Bytes through a code page's table into UTF-16 code units, which the
 * platform's decoder turns into a string: as fast as iconv-lite on 64 KiB
 * chunks, where building the string with String.fromCharCode took twice
 * as long.
 */
const decodeCodePage = (bytes: Uint8Array, page: CodePage): string => {
  const units = CODE_UNITS[page];
  const out = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    out[i] = units[bytes[i] as number] as number;
  }
  return UTF16.decode(out);
};

const UNDEFINED_BYTES: Readonly<Record<LegacyEncoding, ReadonlySet<number>>> = {
  'windows-1258': undefinedBytesOf('windows-1258'),
  tcvn3: undefinedBytesOf('tcvn3'),
  vni: undefinedBytesOf('vni'),
};

const VNI_PAIRS = new Map<string, string>();
const VNI_SINGLES = new Map<string, string>();
for (const [letter, cp1252] of [...VNI_LETTERS, ...VNI_DECODE_ALIASES]) {
  (cp1252.length === 2 ? VNI_PAIRS : VNI_SINGLES).set(cp1252, letter);
}
const VNI_MARKS = new Set([...VNI_PAIRS.keys()].map((pair) => pair.charAt(1)));
const VNI_PAIR_STARTS = new Set(
  [...VNI_PAIRS.keys()].map((pair) => pair.charCodeAt(0)),
);

// Excel's PROPER() on VNI text gives `Aùnh`: take the letter's case from the
// base.
const mixedCasePair = (base: string, mark: string): string | undefined => {
  const lower = VNI_PAIRS.get((base + mark).toLowerCase());
  return base === base.toLowerCase() ? lower : lower?.toUpperCase();
};

/**
 * Rebuilds VNI letters in Windows-1252 text, longest match first, and counts
 * the mark characters that follow no base letter.
 */
const decodeVniText = (text: string): { text: string; orphans: number } => {
  let out = '';
  let orphans = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const next = text.charAt(i + 1);
    const letter = VNI_MARKS.has(next)
      ? (VNI_PAIRS.get(char + next) ?? mixedCasePair(char, next))
      : undefined;
    if (letter !== undefined) {
      out += letter;
      i++;
      continue;
    }
    if (VNI_MARKS.has(char)) orphans++;
    out += VNI_SINGLES.get(char) ?? char;
  }
  return { text: out, orphans };
};

/** Decodes a legacy encoding and counts VNI marks that follow no base letter; undefined bytes become U+FFFD. */
const decodeLegacyCounted = (
  bytes: Uint8Array,
  encoding: LegacyEncoding,
): { text: string; orphans: number } => {
  const text = decodeCodePage(bytes, CODE_PAGES[encoding]);
  return encoding === 'vni' ? decodeVniText(text) : { text, orphans: 0 };
};

/** Decodes a legacy encoding; bytes it leaves undefined become U+FFFD. */
const decodeLegacy = (bytes: Uint8Array, encoding: LegacyEncoding): string =>
  decodeLegacyCounted(bytes, encoding).text;

/** Index of the first byte that the encoding leaves undefined, or -1. */
const findUndefinedByte = (
  bytes: Uint8Array,
  encoding: LegacyEncoding,
): number => {
  const undefinedBytes = UNDEFINED_BYTES[encoding];
  return bytes.findIndex((byte) => undefinedBytes.has(byte));
};

/** How many trailing bytes must wait for the next chunk because they may start a two-byte VNI letter. */
const legacyHoldBack = (
  bytes: Uint8Array,
  encoding: LegacyEncoding,
): number => {
  const last = bytes.at(-1);
  return encoding === 'vni' && last !== undefined && VNI_PAIR_STARTS.has(last)
    ? 1
    : 0;
};

export {
  decodeLegacy,
  decodeLegacyCounted,
  findUndefinedByte,
  type LegacyEncoding,
  legacyHoldBack,
};
