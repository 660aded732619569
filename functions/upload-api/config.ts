import { DEFAULT_LIMITS } from '../ingest-submission/ingestSubmission.js';
import { createS3Client } from '../shared/aws/clients.js';
import { createPresigner } from '../shared/aws/presign.js';
import { createPostPresigner } from '../shared/aws/presignPost.js';
import { createRuntime } from '../shared/aws/runtime.js';
import { integerVar, requireVar } from '../shared/config.js';
import { ENV } from '../shared/resources.js';

const runtime = createRuntime(process.env);
const signer = createS3Client(process.env[ENV.s3Endpoint], {
  forPresigning: true,
});

const ttlSeconds = integerVar(process.env, ENV.uploadUrlTtl, 900, [60, 3600]);
// An upload policy is short-lived: it is meant to be used at once, and every
// use within its lifetime stores a new version that ingest validates.
const uploadTtlSeconds = integerVar(
  process.env,
  ENV.uploadPolicyTtl,
  300,
  [60, 3600],
);
// The same variable and default as the ingest function's size limit.
const maxUploadBytes = integerVar(
  process.env,
  ENV.maxFileBytes,
  DEFAULT_LIMITS.maxBytes,
  [1, 5 * 1024 ** 3],
);

/** Resources of the upload API, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  upload: createPostPresigner(
    signer,
    requireVar(process.env, ENV.ingestBucket),
    {
      ttlSeconds: uploadTtlSeconds,
      maxBytes: maxUploadBytes,
      ...(process.env[ENV.s3Endpoint] && {
        endpoint: process.env[ENV.s3Endpoint],
      }),
    },
  ),
  curated: createPresigner(
    signer,
    requireVar(process.env, ENV.curatedBucket),
    ttlSeconds,
  ),
  ttlSeconds,
  uploadTtlSeconds,
  maxUploadBytes,
};

export { config };
