import { createRuntime } from '../shared/aws/runtime.js';
import { ENV } from '../shared/resources.js';

const runtime = createRuntime(process.env);

/** Resources of the ingest function, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  ingest: runtime.bucket(ENV.ingestBucket),
  curated: runtime.bucket(ENV.curatedBucket),
};

export { config };
