import { createS3Client } from '../shared/aws/clients.js';
import { createPresigner } from '../shared/aws/presign.js';
import { createRuntime } from '../shared/aws/runtime.js';
import { integerVar, requireVar } from '../shared/config.js';
import { ENV } from '../shared/resources.js';

const runtime = createRuntime(process.env);
const signer = createS3Client(process.env[ENV.s3Endpoint], {
  forPresigning: true,
});

const ttlSeconds = integerVar(process.env, ENV.uploadUrlTtl, 900, [60, 3600]);

/** Resources of the upload API, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  ingest: createPresigner(
    signer,
    requireVar(process.env, ENV.ingestBucket),
    ttlSeconds,
  ),
  curated: createPresigner(
    signer,
    requireVar(process.env, ENV.curatedBucket),
    ttlSeconds,
  ),
  ttlSeconds,
};

export { config };
