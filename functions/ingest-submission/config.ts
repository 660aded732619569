import { createRuntime } from '../shared/aws/runtime.js';
import { ConfigError } from '../shared/errors.js';
import { ENV } from '../shared/resources.js';
import { DEFAULT_LIMITS } from './ingestSubmission.js';

const runtime = createRuntime(process.env);

const limit = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive whole number`);
  }
  return value;
};

/** Resources of the ingest function, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  ingest: runtime.bucket(ENV.ingestBucket),
  curated: runtime.bucket(ENV.curatedBucket),
  limits: {
    maxBytes: limit('MAX_FILE_BYTES', DEFAULT_LIMITS.maxBytes),
    maxRows: limit('MAX_ROWS', DEFAULT_LIMITS.maxRows),
  },
};

export { config };
