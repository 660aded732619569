import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import Papa from 'papaparse';
import { ingestSubmission } from '../functions/ingest-submission/ingestSubmission.js';
import { csvLine } from '../functions/shared/csv/csvWriter.js';
import { csvOptions } from '../functions/shared/publish/csvFormat.js';
import { submissionKeyOf } from '../functions/shared/submissionKey.js';
import { createFileCsvSink } from '../local/fileCsvSink.js';
import { BENCH_DATASET, benchCatalogue } from './benchSchema.js';

// Runs one measurement in its own process so its peak RSS is its own:
//   measure.ts raw|write|own-write|ingest <file> [<output>]
// and prints { rows, bytes, seconds, peakRssMb } as JSON.

const [mode, file = '', output = '/dev/null'] = process.argv.slice(2);

/** papaparse's own streaming parse of the file: the reference speed. */
const rawParse = () =>
  new Promise<number>((resolve, reject) => {
    let rows = 0;
    Papa.parse(createReadStream(file, 'utf8') as unknown as File, {
      chunk: (results) => {
        rows += results.data.length;
      },
      complete: () => resolve(rows),
      error: reject,
    });
  });

/**
 * papaparse's parse with each chunk's records written by csv-stringify as
 * the ingest writes them (synchronous calls on arrays, batch by batch), and
 * nothing else: no decoding checks, no validation, no row objects. No
 * single-threaded ingest can be faster, so its ratio to the raw parse
 * bounds the ingest's.
 */
const parseAndWrite = () =>
  new Promise<number>((resolve, reject) => {
    let rows = 0;
    const out = createWriteStream(output, { highWaterMark: 1 << 20 });
    // Every record as it is, the header line too (no column list to cut it to).
    const options = { ...csvOptions([]), header: false, columns: undefined };
    Papa.parse(createReadStream(file, 'utf8') as unknown as File, {
      chunk: (results: Papa.ParseResult<string[]>) => {
        rows += results.data.length;
        // /dev/null never pushes back; a real file would need `drain`.
        out.write(stringify(results.data, options));
      },
      complete: () => out.end(() => resolve(rows)),
      error: reject,
    });
  });

/**
 * papaparse's parse with each chunk's records written by the ingest's own
 * CSV writer (functions/shared/csv/csvWriter.ts) and nothing else: what one
 * thread reaches before any decoding check, validation or row object.
 */
const parseAndOwnWrite = () =>
  new Promise<number>((resolve, reject) => {
    let rows = 0;
    const out = createWriteStream(output, { highWaterMark: 1 << 20 });
    Papa.parse(createReadStream(file, 'utf8') as unknown as File, {
      chunk: (results: Papa.ParseResult<string[]>) => {
        rows += results.data.length;
        let text = '';
        for (const record of results.data) text += csvLine(record);
        out.write(text);
      },
      complete: () => out.end(() => resolve(rows)),
      error: reject,
    });
  });

/** The ingest Lambda's validate + normalize + write path, on a local file. */
const ingest = async () => {
  const summary = await ingestSubmission(
    {
      bucket: 'bench',
      key: submissionKeyOf('STTTT', '2023-Q3', BENCH_DATASET),
      size: statSync(file).size,
      eventTime: '2023-10-01T00:00:00.000Z',
      eTag: 'bench',
    },
    {
      catalogue,
      openRaw: async () => createReadStream(file),
      openNormalized: (_key, columns) => createFileCsvSink(output, columns),
      putReport: async () => {},
      recordSubmission: async () => {},
    },
  );
  if (summary.status === 'rejected') {
    throw new Error(`bench file rejected: ${summary.errors} errors`);
  }
  return summary.rows;
};

// Loaded before the clock starts, as a Lambda loads it once at cold start.
const catalogue = benchCatalogue();
const started = process.hrtime.bigint();
const rows =
  mode === 'raw'
    ? await rawParse()
    : mode === 'write'
      ? await parseAndWrite()
      : mode === 'own-write'
        ? await parseAndOwnWrite()
        : await ingest();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  `${JSON.stringify({
    rows,
    bytes: statSync(file).size,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
