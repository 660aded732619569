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

/**
 * A submission's bytes as text, chunk by chunk: pure (Uint8Array and
 * TextDecoder, no Node), so the ingest's stream and the submission page's
 * dropped file are decoded by the same code. Errors are `DecodeError`s,
 * which the validation core turns into an `encoding-error` finding.
 */

/** Control characters the decoder removed: how many, and the physical line of the first. */
export interface RemovedControls {
  readonly count: number;
  readonly firstLine: number;
}

/** Decodes one file: feed it the bytes in order, then end it. */
export interface TextDecoding {
  /** The text these bytes complete, if any (some are held to detect the encoding, or to finish a character). */
  write(chunk: Uint8Array): string | undefined;
  /** The rest of the text; throws if the file ends inside a character. */
  end(): string | undefined;
  /** The encoding detected, once the head has been read. */
  readonly encoding: TextEncoding | undefined;
  /** Undefined until a control character has been removed. */
  readonly removedControls: RemovedControls | undefined;
}

interface ByteDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

const HEAD_BYTES = 64 * 1024;
const MAX_HELD_CHARS = 1024;

const LEGACY_NAMES: Readonly<Record<LegacyEncoding, string>> = {
  'windows-1258': 'Windows-1258',
  tcvn3: 'TCVN3',
  vni: 'VNI',
};

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
};

const concatAll = (parts: readonly Uint8Array[]): Uint8Array =>
  parts.length === 1 ? (parts[0] as Uint8Array) : parts.reduce(concat);

const rejectNul = (bytes: Uint8Array, offset: number): void => {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DecodeError(
      `NUL byte at byte ${offset + nul}: a binary file, not CSV text`,
      offset + nul,
    );
  }
};

/** How many bytes at the end start a UTF-8 character the chunk does not finish (0–3). */
const incompleteTail = (bytes: Uint8Array): number => {
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

/**
 * UTF-8 through the platform's TextDecoder, which validates natively (it
 * also drops a byte-order mark at the start); on an error the bytes are
 * scanned only to say where. TextDecoder measured faster than Node's
 * isUtf8 plus Buffer#toString on a 1M-row file (0.09 s against 0.14 s).
 */
const createUtf8ByteDecoder = (): ByteDecoder => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Bytes of a character the last chunk began and the decoder holds.
  let held: Uint8Array = new Uint8Array(0);
  let read = 0;
  return {
    write(chunk) {
      rejectNul(chunk, read);
      const bytes = concat(held, chunk);
      const start = read - held.length;
      read += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        const { invalidAt } = scanUtf8(bytes);
        const at = start + Math.max(0, invalidAt);
        throw new DecodeError(`Invalid UTF-8 at byte ${at}`, at);
      }
      held = bytes.slice(bytes.length - incompleteTail(bytes));
      return text;
    },
    end() {
      if (held.length > 0) {
        const at = read - held.length;
        throw new DecodeError(
          `The file ends inside a UTF-8 character at byte ${at}`,
          at,
        );
      }
      return decoder.decode();
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
  const decode = (chunk: Uint8Array | undefined): string => {
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
  let carry: Uint8Array = new Uint8Array(0);
  const decode = (bytes: Uint8Array, final: boolean): string => {
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
    carry = bytes.slice(end);
    offset += end;
    return decodeLegacy(bytes.subarray(0, end), encoding);
  };
  return {
    write: (chunk) => decode(concat(carry, chunk), false),
    end: () => decode(carry, true),
  };
};

const createByteDecoder = (encoding: TextEncoding): ByteDecoder => {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      return createUtf8ByteDecoder();
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

/**
 * A decoding that buffers the head (up to 64 KiB or the end) to
 * detect the encoding, then streams; it refuses a known binary signature
 * and NUL bytes, removes and counts control characters other than tab,
 * CR and LF, and gives NFC text.
 */
const createTextDecoding = (): TextDecoding => {
  let encoding: TextEncoding | undefined;
  let decoder: ByteDecoder | undefined;
  let head: Uint8Array[] = [];
  let headLength = 0;
  let held = '';
  const controls = createControlFilter();

  const begin = (isWhole: boolean): string => {
    const bytes = concatAll(head.length > 0 ? head : [new Uint8Array(0)]);
    head = [];
    const binary = binarySignatureOf(bytes);
    if (binary) {
      throw new DecodeError(
        `The file is ${binary}, not CSV text: save it from Excel as "CSV UTF-8"`,
        0,
      );
    }
    // A source with huge chunks must not make detection scan megabytes.
    const sample = bytes.subarray(0, HEAD_BYTES);
    const detected = detectEncoding(
      sample,
      isWhole && sample.length === bytes.length,
    );
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

  return {
    write(chunk) {
      if (decoder !== undefined) return normalize(decoder.write(chunk), false);
      head.push(chunk);
      headLength += chunk.length;
      return headLength < HEAD_BYTES
        ? undefined
        : normalize(begin(false), false);
    },
    end() {
      let text = decoder === undefined ? begin(true) : '';
      text += decoder?.end() ?? '';
      return normalize(text, true);
    },
    get encoding() {
      return encoding;
    },
    get removedControls() {
      return controls.removed;
    },
  };
};

/** Bytes of a dropped file decoded per step: the ingest's stream chunks are smaller. */
const STEP_BYTES = 1024 * 1024;

/**
 * The text of whole bytes (a dropped file), decoded as the ingest decodes
 * a stream, a megabyte at a time, as the reader asks for it; `onRead` is
 * told how many bytes have been decoded, for a progress bar.
 */
async function* decodedText(
  bytes: Uint8Array,
  decoding: TextDecoding,
  onRead?: (bytesRead: number) => void,
): AsyncGenerator<string> {
  for (let at = 0; at < bytes.length; at += STEP_BYTES) {
    const end = Math.min(bytes.length, at + STEP_BYTES);
    const text = decoding.write(bytes.subarray(at, end));
    onRead?.(end);
    if (text) yield text;
  }
  const rest = decoding.end();
  if (rest) yield rest;
}

export { createTextDecoding, decodedText, type TextEncoding };
