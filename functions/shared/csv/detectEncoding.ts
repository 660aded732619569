import { startsWith } from './binarySignature.js';
import { decodeLegacyCounted, type LegacyEncoding } from './decodeLegacy.js';
import { scoreVietnamese } from './scoreVietnamese.js';

/** The names the report uses for the encodings a submission may arrive in. */
type TextEncoding =
  | 'utf-8'
  | 'utf-8-bom'
  | 'utf-16le'
  | 'utf-16be'
  | 'windows-1258'
  | 'tcvn3'
  | 'vni';

/** A legacy candidate with its score; `good` counts Vietnamese words, `bad` signs of a wrong reading. */
interface CandidateScore {
  readonly encoding: LegacyEncoding;
  readonly good: number;
  readonly bad: number;
}

// In order of preference when two readings score the same.
const LEGACY: readonly LegacyEncoding[] = ['windows-1258', 'tcvn3', 'vni'];

// Second-byte ranges of each UTF-8 lead byte (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
const utf8Lead = (byte: number): [number, number, number] | undefined => {
  if (byte >= 0xc2 && byte <= 0xdf) return [1, 0x80, 0xbf];
  if (byte === 0xe0) return [2, 0xa0, 0xbf];
  if (byte === 0xed) return [2, 0x80, 0x9f];
  if (byte >= 0xe1 && byte <= 0xef) return [2, 0x80, 0xbf];
  if (byte === 0xf0) return [3, 0x90, 0xbf];
  if (byte >= 0xf1 && byte <= 0xf3) return [3, 0x80, 0xbf];
  if (byte === 0xf4) return [3, 0x80, 0x8f];
  return undefined;
};

/**
 * Scans UTF-8 bytes: `invalidAt` is the first byte of the first invalid
 * sequence (or -1), `completeEnd` where a sequence cut off by the end starts.
 */
const scanUtf8 = (
  bytes: Uint8Array,
): { invalidAt: number; completeEnd: number } => {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const lead = utf8Lead(byte);
    if (lead === undefined) return { invalidAt: i, completeEnd: i };
    const [trail, low, high] = lead;
    for (let k = 1; k <= trail; k++) {
      const next = bytes[i + k];
      if (next === undefined) return { invalidAt: -1, completeEnd: i };
      const ok = k === 1 ? next >= low && next <= high : next >> 6 === 2;
      if (!ok) return { invalidAt: i, completeEnd: i };
    }
    i += trail + 1;
  }
  return { invalidAt: -1, completeEnd: bytes.length };
};

/** Scores every legacy reading of the bytes, best first. */
const rankLegacyEncodings = (head: Uint8Array): CandidateScore[] =>
  LEGACY.map((encoding) => {
    const { text, orphans } = decodeLegacyCounted(head, encoding);
    const { good, bad } = scoreVietnamese(text);
    return { encoding, good, bad: bad + 2 * orphans };
  }).sort((a, b) => b.good - b.bad - (a.good - a.bad));

/**
 * Names the encoding of a file from its first bytes (`isWhole` when they are
 * the whole file), or explains why it is not text.
 */
const detectEncoding = (
  head: Uint8Array,
  isWhole: boolean,
): TextEncoding | { error: string } => {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  if (startsWith(head, [0xff, 0xfe, 0, 0])) {
    return { error: 'UTF-32 is not supported: save the file as UTF-8' };
  }
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  const nul = head.indexOf(0);
  if (nul >= 0) {
    return {
      error: `NUL byte at byte ${nul}: a binary file (or UTF-16 without a byte-order mark), not CSV text`,
    };
  }
  const { invalidAt, completeEnd } = scanUtf8(head);
  if (invalidAt < 0 && (!isWhole || completeEnd === head.length)) {
    return 'utf-8';
  }
  const best = rankLegacyEncodings(head)[0];
  // No Vietnamese words and no garbage either (say, only `…`): the reading
  // hardly matters, so take the most common one.
  const plausible =
    best !== undefined &&
    ((best.good > 0 && best.bad * 2 <= best.good) || best.bad === 0);
  if (plausible) return best.encoding;
  const at = invalidAt < 0 ? completeEnd : invalidAt;
  return {
    error: `Invalid UTF-8 at byte ${at}, and the bytes do not read as Vietnamese in Windows-1258, TCVN3 or VNI either`,
  };
};

export {
  type CandidateScore,
  detectEncoding,
  rankLegacyEncodings,
  scanUtf8,
  type TextEncoding,
};
