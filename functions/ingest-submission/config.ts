import { createRuntime } from '../shared/aws/runtime.js';
import { integerVar } from '../shared/config.js';
import { ENV } from '../shared/resources.js';
import { DEFAULT_LIMITS } from './ingestSubmission.js';

const runtime = createRuntime(process.env);

/** Resources of the ingest function, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  ingest: runtime.bucket(ENV.ingestBucket),
  curated: runtime.bucket(ENV.curatedBucket),
  limits: {
    maxBytes: integerVar(
      process.env,
      ENV.maxFileBytes,
      DEFAULT_LIMITS.maxBytes,
      [1, Number.MAX_SAFE_INTEGER],
    ),
    maxRows: integerVar(process.env, ENV.maxRows, DEFAULT_LIMITS.maxRows, [
      1,
      Number.MAX_SAFE_INTEGER,
    ]),
  },
};

export { config };
