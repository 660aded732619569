import { Transform } from 'node:stream';
import {
  createTextDecoding,
  type RemovedControls,
  type TextEncoding,
} from './textDecoding.js';

/** A text decoding Transform that names the encoding it detected and the control characters it removed. */
type TextDecoderStream = Transform & {
  readonly encoding: TextEncoding | undefined;
  /** Undefined until a control character has been removed. */
  readonly removedControls: RemovedControls | undefined;
};

/**
 * A Transform from raw bytes to NFC strings; it buffers the head (up to
 * 64 KiB or the end) to detect the encoding, then streams, and names the
 * encoding in `encoding` before it pushes the first string. Control
 * characters other than tab, CR and LF are removed and counted in
 * `removedControls`. A thin stream over the pure `TextDecoding`, with which
 * the submission page decodes a dropped file.
 */
const createTextDecoder = (): TextDecoderStream => {
  const decoding = createTextDecoding();
  const stream = new Transform({
    decodeStrings: true,
    // Strings go out as they are: a byte-mode readable side would encode
    // each one back to UTF-8 and decode it again for the reader.
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        callback(null, decoding.write(chunk));
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        callback(null, decoding.end());
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  Object.defineProperty(stream, 'encoding', {
    enumerable: true,
    get: () => decoding.encoding,
  });
  Object.defineProperty(stream, 'removedControls', {
    enumerable: true,
    get: () => decoding.removedControls,
  });
  return stream as TextDecoderStream;
};

export {
  createTextDecoder,
  type RemovedControls,
  type TextDecoderStream,
  type TextEncoding,
};
