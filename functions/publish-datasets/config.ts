import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../shared/aws/runtime.js';
import { ConfigError } from '../shared/errors.js';
import { parsePublisherInfo } from '../shared/publish/publisherInfo.js';
import { ENV } from '../shared/resources.js';

const runtime = createRuntime(process.env);

const deadlineDay = Number(process.env.DEADLINE_DAY ?? 15);
if (!Number.isInteger(deadlineDay) || deadlineDay < 1 || deadlineDay > 28) {
  throw new ConfigError('DEADLINE_DAY must be a day from 1 to 28');
}

const schemasDir =
  process.env[ENV.schemasDir] ??
  fileURLToPath(new URL('../../schemas', import.meta.url));

/** Resources of the publish function, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  approvals: runtime.approvals,
  curated: runtime.bucket(ENV.curatedBucket),
  public: runtime.bucket(ENV.publicBucket),
  /** Day of a quarter's last month that submissions are due. */
  deadlineDay,
  /** `schemas/reference/publisher.json`; `PUBLIC_SITE_URL` overrides its site URL. */
  info: parsePublisherInfo(
    JSON.parse(
      readFileSync(join(schemasDir, 'reference', 'publisher.json'), 'utf8'),
    ),
    process.env.PUBLIC_SITE_URL || undefined,
  ),
};

export { config };
