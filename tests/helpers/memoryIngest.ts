import { Readable, Writable } from 'node:stream';
import type {
  IngestDeps,
  IngestInput,
} from '../../functions/ingest-submission/ingestSubmission.js';
import { createCsvSink } from '../../functions/shared/csv/csvSink.js';
import type { SubmissionRecord } from '../../functions/shared/ledger/submissionLedger.js';
import type { NormalizedRow } from '../../functions/shared/schema/types.js';
import type { ValidationReport } from '../../functions/shared/validation/report.js';
import { catalogue } from './catalogue.js';

/** In-memory ports for the ingest core: what it wrote is inspectable after the call. */
export const memoryIngest = (raw: Buffer) => {
  const committed = new Map<string, NormalizedRow[]>();
  /** The normalized CSV bytes of the committed output, as the curated file would hold them. */
  const committedCsv = new Map<string, string>();
  const discarded: string[] = [];
  const reports = new Map<string, string>();
  const records: SubmissionRecord[] = [];
  const deps: IngestDeps = {
    catalogue,
    openRaw: async () => Readable.from([raw]),
    openNormalized: (key, columns) => {
      const rows: NormalizedRow[] = [];
      let text = '';
      const csv = createCsvSink(
        {
          stream: new Writable({
            write(chunk, _encoding, done) {
              text += String(chunk);
              done();
            },
          }),
        },
        columns,
      );
      return {
        write: async (batch) => {
          rows.push(...batch);
          await csv.write(batch);
        },
        commit: async () => {
          await csv.commit();
          committed.set(key, rows);
          committedCsv.set(key, text);
        },
        discard: async () => {
          discarded.push(key);
        },
      };
    },
    putReport: async (key, body) => {
      reports.set(key, body);
    },
    recordSubmission: async (record) => {
      records.push(record);
    },
  };
  const report = (): ValidationReport => {
    const json = [...reports.entries()].find(([k]) => k.endsWith('.json'));
    return JSON.parse(json?.[1] ?? 'null');
  };
  const normalizedCsv = () => [...committedCsv.values()][0];
  return {
    deps,
    committed,
    discarded,
    reports,
    records,
    report,
    normalizedCsv,
  };
};

/** An upload event for a key. */
export const uploadOf = (key: string, size = 0): IngestInput => ({
  bucket: 'ingest',
  key,
  size,
  eTag: 'abcdef0123456789',
  eventTime: '2026-01-15T03:04:05.678Z',
  sequencer: '0A1B2C',
});
