import { Readable } from 'node:stream';
import type {
  IngestDeps,
  IngestInput,
  SubmissionRecord,
} from '../../functions/ingest-submission/ingestSubmission.js';
import type { ValidationReport } from '../../functions/shared/validation/report.js';
import type { NormalizedRow } from '../../functions/shared/validation/types.js';
import { catalogue } from './catalogue.js';

/** In-memory ports for the ingest core: what it wrote is inspectable after the call. */
export const memoryIngest = (raw: Buffer) => {
  const committed = new Map<string, NormalizedRow[]>();
  const discarded: string[] = [];
  const reports = new Map<string, string>();
  const records: SubmissionRecord[] = [];
  const deps: IngestDeps = {
    catalogue,
    openRaw: async () => Readable.from([raw]),
    openNormalized: (key) => {
      const rows: NormalizedRow[] = [];
      return {
        write: async (batch) => {
          rows.push(...batch);
        },
        commit: async () => {
          committed.set(key, rows);
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
  return { deps, committed, discarded, reports, records, report };
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
