import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { NormalizedRow } from '../schema/types.js';
import { csvLine, csvRows } from './csvWriter.js';

/**
 * Where normalized rows go while a file streams through: written batch by
 * batch, then kept (`commit`) or thrown away (`discard`, a rejected file).
 * The one sink of the pipeline: local files, S3 uploads and test memory
 * are all `createCsvSink` over their own stream.
 */
export interface RowSink {
  write(rows: readonly NormalizedRow[]): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** What keeping or dropping the written stream means where it goes. */
export interface SinkTarget {
  readonly stream: Writable;
  /** Called once the stream has ended: wait for the bytes to land. */
  committed?(): Promise<void>;
  /** Called once the stream is destroyed: remove what was written. */
  discarded?(): Promise<void>;
}

/**
 * Writes rows as CSV to a stream, the header with the first batch (or at
 * commit, for a file without rows), honouring backpressure.
 */
const createCsvSink = (
  target: SinkTarget,
  columns: readonly string[],
): RowSink => {
  const { stream } = target;
  let header = csvLine(columns);
  const send = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  return {
    async write(rows) {
      if (rows.length === 0) return;
      await send(header + csvRows(rows, columns));
      header = '';
    },
    async commit() {
      if (header) await send(header);
      header = '';
      const finished = once(stream, 'finish');
      stream.end();
      await finished;
      await target.committed?.();
    },
    async discard() {
      stream.destroy();
      await target.discarded?.();
    },
  };
};

/** A sink that keeps nothing: for checking a file without writing its rows. */
const nullSink: RowSink = {
  write: async () => {},
  commit: async () => {},
  discard: async () => {},
};

export { createCsvSink, nullSink };
