/** Raised inside a decoding stream when the bytes are not text in a supported encoding. */
class DecodeError extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

export { DecodeError };
