import { Transform } from 'node:stream';

/** Raised inside a decoding stream when the bytes are not text in the expected encoding. */
class DecodeError extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/**
 * A Transform from UTF-8 bytes to strings that drops a leading BOM and fails
 * with a DecodeError on invalid UTF-8 or on NUL bytes (binary files).
 */
const createUtf8Decoder = (): Transform => {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  const decode = (chunk: Buffer | undefined, stream: boolean): string => {
    if (chunk?.includes(0)) {
      throw new DecodeError(
        'NUL byte found: not a text file',
        offset + chunk.indexOf(0),
      );
    }
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new DecodeError(`Invalid UTF-8 near byte ${offset}`, offset);
    } finally {
      offset += chunk?.length ?? 0;
    }
  };
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        callback(null, decode(chunk, true));
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        callback(null, decode(undefined, false));
      } catch (error) {
        callback(error as Error);
      }
    },
  });
};

export { createUtf8Decoder, DecodeError };
