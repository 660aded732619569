import {
  appendFileSync,
  closeSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KeySpill, STRIDE } from './keyIndex.js';

const PARTITION_BITS = 6;
/** Records buffered per partition before they are appended to its file (48 KB). */
const BUFFERED = 4096;

/**
 * Spill files for the key index: per partition (by fingerprint), a buffer
 * of records and a file under `parent` they are appended to. Node only;
 * the pure index takes it as an option.
 */
const createFileSpill = (parent: string = tmpdir()): KeySpill => {
  const partitions = 2 ** PARTITION_BITS;
  // Made on a partition's first record: most files never spill.
  const buffers: (Int32Array | undefined)[] = new Array(partitions);
  const counts = new Array<number>(partitions).fill(0);
  /** Records appended to each partition's file so far. */
  const written = new Array<number>(partitions).fill(0);
  let dir: string | undefined;

  const fileOf = (p: number) => {
    dir ??= mkdtempSync(join(parent, 'opendata-keys-'));
    return join(dir, `${p}.bin`);
  };
  const flush = (p: number) => {
    const count = counts[p] ?? 0;
    const buffer = buffers[p];
    if (count === 0 || !buffer) return;
    appendFileSync(
      fileOf(p),
      new Uint8Array(buffer.buffer, 0, count * STRIDE * 4),
    );
    written[p] = (written[p] ?? 0) + count;
    counts[p] = 0;
  };

  return {
    add(h1: number, h2: number, line: number) {
      const p = h2 >>> (32 - PARTITION_BITS);
      let buffer = buffers[p];
      if (!buffer) {
        buffer = new Int32Array(BUFFERED * STRIDE);
        buffers[p] = buffer;
      }
      const at = (counts[p] ?? 0) * STRIDE;
      buffer[at] = h1;
      buffer[at + 1] = h2;
      buffer[at + 2] = line;
      counts[p] = (counts[p] ?? 0) + 1;
      if (counts[p] === BUFFERED) flush(p);
    },
    /**
     * Each partition's records, in the order they were added, one at a time
     * in one reused array (the view is only valid until the next one).
     */
    *read(): Generator<Int32Array> {
      for (let p = 0; p < partitions; p++) flush(p);
      if (!dir) return;
      const records = new Int32Array(Math.max(...written) * STRIDE);
      const bytes = new Uint8Array(records.buffer);
      for (let p = 0; p < partitions; p++) {
        const length = (written[p] ?? 0) * STRIDE * 4;
        if (length === 0) continue;
        const fd = openSync(fileOf(p), 'r');
        try {
          for (let at = 0; at < length; ) {
            const read = readSync(fd, bytes, at, length - at, at);
            if (read === 0) throw new Error(`key spill ${p} is truncated`);
            at += read;
          }
        } finally {
          closeSync(fd);
        }
        yield records.subarray(0, length / 4);
      }
    },
    remove() {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
      counts.fill(0);
      written.fill(0);
    },
  };
};

export { createFileSpill };
