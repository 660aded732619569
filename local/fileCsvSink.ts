import { createWriteStream, rmSync } from 'node:fs';
import {
  createCsvSink,
  type RowSink,
} from '../functions/shared/csv/csvSink.js';

/** Normalized rows written to a local CSV file (the curated output's local twin), removed if discarded. */
const createFileCsvSink = (path: string, columns: readonly string[]): RowSink =>
  createCsvSink(
    {
      stream: createWriteStream(path, { highWaterMark: 1 << 20 }),
      discarded: async () => {
        if (path !== '/dev/null') rmSync(path, { force: true });
      },
    },
    columns,
  );

export { createFileCsvSink };
