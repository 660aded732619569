import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import type { NormalizedSink } from '../functions/ingest-submission/ingestSubmission.js';
import { createCsvSink } from '../functions/shared/csv/csvSink.js';

/** Normalized rows written to a local CSV file (the curated output's local twin), removed if discarded. */
const createFileCsvSink = (
  path: string,
  columns: readonly string[],
): NormalizedSink => {
  const file = createWriteStream(path, { highWaterMark: 1 << 20 });
  const csv = createCsvSink(file, columns);
  return {
    write: csv.write,
    async commit() {
      await csv.end();
      await once(file, 'finish');
    },
    async discard() {
      csv.destroy();
      if (path !== '/dev/null') rmSync(path, { force: true });
    },
  };
};

export { createFileCsvSink };
