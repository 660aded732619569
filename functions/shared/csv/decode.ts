import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import { CONTROL_CHARACTER, CONTROL_CHARACTERS } from '../controlCharacters.js';
import { binarySignatureOf } from './binarySignature.js';
import { countOf } from './countOf.js';
import { DecodeError } from './decodeError.js';
import {
  decodeLegacy,
  findUndefinedByte,
  type LegacyEncoding,
  legacyHoldBack,
} from './decodeLegacy.js';
import {
  detectEncoding,
  scanUtf8,
  type TextEncoding,
} from './detectEncoding.js';

/** Control characters the decoder removed: how many, and the physical line of the first. */
interface RemovedControls {
  readonly count: number;
  readonly firstLine: number;
}

/** A text decoding Transform that names the encoding it detected and the control characters it removed. */
type TextDecoderStream = Transform & {
  readonly encoding: TextEncoding | undefined;
  /** Undefined until a control character has been removed. */
  readonly removedControls: RemovedControls | undefined;
};

interface ByteDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

type Detect = (
  head: Buffer,
  isWhole: boolean,
) => ReturnType<typeof detectEncoding>;

const HEAD_BYTES = 64 * 1024;
const MAX_HELD_CHARS = 1024;

const LEGACY_NAMES: Readonly<Record<LegacyEncoding, string>> = {
  'windows-1258': 'Windows-1258',
  tcvn3: 'TCVN3',
  vni: 'VNI',
};

const rejectNul = (bytes: Buffer, offset: number): void => {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DecodeError(
      `NUL byte at byte ${offset + nul}: a binary file, not CSV text`,
      offset + nul,
    );
  }
};

/** How many bytes at the end start a UTF-8 character the chunk does not finish (0–3). */
const incompleteTail = (bytes: Buffer): number => {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back] ?? 0;
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needed > back ? back : 0;
    }
  }
  return 0;
};

const createUtf8ByteDecoder = (bomBytes: number): ByteDecoder => {
  let offset = 0;
  let carry = Buffer.alloc(0);
  let skip = bomBytes;
  return {
    write(chunk) {
      let bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      if (skip > 0) {
        const skipped = Math.min(skip, bytes.length);
        bytes = bytes.subarray(skipped);
        skip -= skipped;
        offset += skipped;
      }
      rejectNul(bytes, offset);
      // Native validation first; the byte-by-byte scan only locates an error
      // or a character cut at the chunk's end.
      const tail = incompleteTail(bytes);
      if (isUtf8(bytes.subarray(0, bytes.length - tail))) {
        const completeEnd = bytes.length - tail;
        carry = Buffer.from(bytes.subarray(completeEnd));
        offset += completeEnd;
        return bytes.toString('utf8', 0, completeEnd);
      }
      const { invalidAt, completeEnd } = scanUtf8(bytes);
      if (invalidAt >= 0) {
        throw new DecodeError(
          `Invalid UTF-8 at byte ${offset + invalidAt}`,
          offset + invalidAt,
        );
      }
      carry = Buffer.from(bytes.subarray(completeEnd));
      offset += completeEnd;
      return bytes.toString('utf8', 0, completeEnd);
    },
    end() {
      if (carry.length > 0) {
        throw new DecodeError(
          `The file ends inside a UTF-8 character at byte ${offset}`,
          offset,
        );
      }
      return '';
    },
  };
};

const createUtf16ByteDecoder = (
  label: 'utf-16le' | 'utf-16be',
): ByteDecoder => {
  // TextDecoder drops the byte-order mark and keeps surrogate pairs that a
  // chunk boundary splits.
  const decoder = new TextDecoder(label, { fatal: true });
  let offset = 0;
  const decode = (chunk: Buffer | undefined): string => {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: chunk !== undefined });
    } catch {
      throw new DecodeError(
        `Invalid UTF-16 (an unpaired surrogate or an odd number of bytes) after byte ${offset}`,
        offset,
      );
    }
    const nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new DecodeError(
        `NUL character after byte ${offset}: a binary file, not CSV text`,
        offset,
      );
    }
    offset += chunk?.length ?? 0;
    return text;
  };
  return { write: decode, end: () => decode(undefined) };
};

const createLegacyByteDecoder = (encoding: LegacyEncoding): ByteDecoder => {
  let offset = 0;
  let carry = Buffer.alloc(0);
  const decode = (bytes: Buffer, final: boolean): string => {
    rejectNul(bytes, offset);
    const undefinedAt = findUndefinedByte(bytes, encoding);
    if (undefinedAt >= 0) {
      const hex = bytes[undefinedAt]?.toString(16).toUpperCase();
      throw new DecodeError(
        `Byte 0x${hex} at byte ${offset + undefinedAt} has no meaning in ${LEGACY_NAMES[encoding]}`,
        offset + undefinedAt,
      );
    }
    const end = bytes.length - (final ? 0 : legacyHoldBack(bytes, encoding));
    carry = Buffer.from(bytes.subarray(end));
    offset += end;
    return decodeLegacy(bytes.subarray(0, end), encoding);
  };
  return {
    write: (chunk) =>
      decode(carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk, false),
    end: () => decode(carry, true),
  };
};

const createByteDecoder = (encoding: TextEncoding): ByteDecoder => {
  switch (encoding) {
    case 'utf-8':
      return createUtf8ByteDecoder(0);
    case 'utf-8-bom':
      return createUtf8ByteDecoder(3);
    case 'utf-16le':
    case 'utf-16be':
      return createUtf16ByteDecoder(encoding);
    default:
      return createLegacyByteDecoder(encoding);
  }
};

// Combining marks, and the Hangul vowel and final jamo, compose with the
// character before them, so NFC must see them together with it.
const NON_STARTER = /[\p{M}\u1160-\u11ff]/u;

/** Where text can be cut so that NFC of the parts equals NFC of the whole: before its last starter. */
const safeCut = (text: string): number => {
  let end = text.length;
  while (end > 0) {
    const start =
      end >= 2 && /[\udc00-\udfff]/.test(text.charAt(end - 1))
        ? end - 2
        : end - 1;
    if (!NON_STARTER.test(text.slice(start, end))) {
      // A pathological run of marks is let through rather than held forever.
      return text.length - start > MAX_HELD_CHARS ? text.length : start;
    }
    end = start;
  }
  return text.length > MAX_HELD_CHARS ? text.length : 0;
};

/** Removes control characters from decoded text, counting them and the line of the first. */
const createControlFilter = () => {
  let count = 0;
  let firstLine: number | undefined;
  // Lines are counted only until the first control is found.
  let lines = 1;
  let endsWithCr = false;
  const countBreaks = (text: string, end: number) => {
    const part = end === text.length ? text : text.slice(0, end);
    // CRLF, CR and LF each end one line, also when a chunk splits CRLF.
    // Native searches, not a loop per character: this runs on every chunk
    // of a file without control characters (0.46 s of a 1M-row file before).
    lines +=
      countOf(part, '\r') +
      countOf(part, '\n') -
      countOf(part, '\r\n') -
      (endsWithCr && part.charCodeAt(0) === 10 ? 1 : 0);
    endsWithCr = end > 0 && part.charCodeAt(end - 1) === 13;
  };
  return {
    filter(text: string): string {
      const first = text.search(CONTROL_CHARACTER);
      if (first < 0) {
        if (firstLine === undefined) countBreaks(text, text.length);
        return text;
      }
      if (firstLine === undefined) {
        countBreaks(text, first);
        firstLine = lines;
      }
      return text.replace(CONTROL_CHARACTERS, () => {
        count++;
        return '';
      });
    },
    get removed(): RemovedControls | undefined {
      return firstLine === undefined ? undefined : { count, firstLine };
    },
  };
};

const createDecoderStream = (
  detect: Detect,
  headBytes: number,
): TextDecoderStream => {
  let encoding: TextEncoding | undefined;
  let decoder: ByteDecoder | undefined;
  let head: Buffer[] = [];
  let headLength = 0;
  let held = '';
  const controls = createControlFilter();

  const begin = (isWhole: boolean): string => {
    const bytes = Buffer.concat(head);
    head = [];
    const binary = binarySignatureOf(bytes);
    if (binary) {
      throw new DecodeError(
        `The file is ${binary}, not CSV text: save it from Excel as "CSV UTF-8"`,
        0,
      );
    }
    // A source with huge chunks must not make detection scan megabytes.
    const sample = bytes.subarray(0, headBytes);
    const detected = detect(sample, isWhole && sample.length === bytes.length);
    if (typeof detected !== 'string') throw new DecodeError(detected.error, 0);
    encoding = detected;
    decoder = createByteDecoder(detected);
    return decoder.write(bytes);
  };

  const normalize = (text: string, final: boolean): string | undefined => {
    const all = held + controls.filter(text);
    const cut = final ? all.length : safeCut(all);
    held = all.slice(cut);
    return cut > 0 ? all.slice(0, cut).normalize('NFC') : undefined;
  };

  const stream = new Transform({
    decodeStrings: true,
    // Strings go out as they are: a byte-mode readable side would encode
    // each one back to UTF-8 and decode it again for the reader.
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        if (decoder !== undefined) {
          callback(null, normalize(decoder.write(chunk), false));
          return;
        }
        head.push(chunk);
        headLength += chunk.length;
        callback(
          null,
          headLength < headBytes ? undefined : normalize(begin(false), false),
        );
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        let text = decoder === undefined ? begin(true) : '';
        text += decoder?.end() ?? '';
        callback(null, normalize(text, true));
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  Object.defineProperty(stream, 'encoding', {
    enumerable: true,
    get: () => encoding,
  });
  Object.defineProperty(stream, 'removedControls', {
    enumerable: true,
    get: () => controls.removed,
  });
  return stream as TextDecoderStream;
};

/**
 * A Transform from raw bytes to NFC strings; it buffers the head (up to
 * 64 KiB or the end) to detect the encoding, then streams, and names the
 * encoding in `encoding` before it pushes the first string. Control
 * characters other than tab, CR and LF are removed and counted in
 * `removedControls`.
 */
const createTextDecoder = (): TextDecoderStream =>
  createDecoderStream(detectEncoding, HEAD_BYTES);

export {
  createTextDecoder,
  type RemovedControls,
  type TextDecoderStream,
  type TextEncoding,
};
