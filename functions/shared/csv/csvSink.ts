import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { csvOptions } from '../publish/csvFormat.js';

/** Rows written as CSV to a stream, batch by batch, then ended or thrown away. */
export interface CsvSink {
  write(rows: readonly Readonly<Record<string, string>>[]): Promise<void>;
  end(): Promise<void>;
  destroy(): void;
}

/**
 * Writes row batches to a stream through csv-stringify. One synchronous
 * stringify call per batch (not a Transform step per row) keeps the writer
 * near the parser's speed; the header comes with the first batch, and the
 * stream's backpressure is honoured.
 */
const createCsvSink = (
  target: Writable,
  columns: readonly string[],
): CsvSink => {
  const options = csvOptions(columns);
  let header = true;
  return {
    async write(rows) {
      if (rows.length === 0) return;
      // Arrays in column order spare csv-stringify a property lookup per cell.
      const text = stringify(
        rows.map((row) => columns.map((c) => row[c] ?? '')),
        { ...options, header },
      );
      header = false;
      if (!target.write(text)) await once(target, 'drain');
    },
    async end() {
      // An accepted file with no rows still gets its header.
      if (header) {
        target.write(stringify([], options));
        header = false;
      }
      target.end();
    },
    destroy() {
      target.destroy();
    },
  };
};

export { createCsvSink };
