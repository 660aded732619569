import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime } from '../shared/aws/runtime.js';
import { deadlineDayOf, integerVar, optionalVar } from '../shared/config.js';
import { DEFAULT_PUBLISH_INPUT_BYTES } from '../shared/publish/publishBudget.js';
import { parsePublisherInfo } from '../shared/publish/publisherInfo.js';
import { ENV } from '../shared/resources.js';

const runtime = createRuntime(process.env);

/** Resources of the publish function, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  schemasDir: runtime.schemasDir,
  table: runtime.table,
  curated: runtime.bucket(ENV.curatedBucket),
  public: runtime.bucket(ENV.publicBucket),
  /** The upload API the submission page calls, when deployed. */
  uploadApiUrl: optionalVar(process.env, ENV.uploadApiUrl),
  /** Day of a quarter's last month that submissions are due. */
  deadlineDay: deadlineDayOf(process.env),
  /** Bytes of normalized CSV one run may read (`PUBLISH_MAX_INPUT_BYTES`, default 32 MiB). */
  maxInputBytes: integerVar(
    process.env,
    ENV.publishMaxInputBytes,
    DEFAULT_PUBLISH_INPUT_BYTES,
    [1, Number.MAX_SAFE_INTEGER],
  ),
  /** `schemas/reference/publisher.json`; `PUBLIC_SITE_URL` overrides its site URL. */
  info: parsePublisherInfo(
    JSON.parse(
      readFileSync(
        join(runtime.schemasDir, 'reference', 'publisher.json'),
        'utf8',
      ),
    ),
    optionalVar(process.env, ENV.publicSiteUrl),
  ),
};

export { config };
