import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingestSubmission } from '../../functions/ingest-submission/ingestSubmission.js';
import { memoryIngest, uploadOf } from './memoryIngest.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The key a fixture is ingested under: its own path, or for a case file a key of its dataset. */
const keyOfFixture = (file: string): string => {
  if (file.startsWith('submissions/')) return file;
  const dataset =
    /^cases\/rules\/([a-z-]+?)--/.exec(file)?.[1] ?? 'chi-tieu-cds';
  return `submissions/VIETTEL/2023-Q3/${dataset}.csv`;
};

/** Ingests one fixture file (path under fixtures/) in memory: its report, ledger record and normalized CSV. */
export const ingestFixture = async (file: string) => {
  const raw = readFileSync(`${FIXTURES}${file}`);
  const ports = memoryIngest(raw);
  const key = keyOfFixture(file);
  await ingestSubmission(uploadOf(key, raw.length), ports.deps);
  return {
    key,
    report: ports.report(),
    record: ports.records[0],
    normalized: ports.normalizedCsv(),
  };
};
