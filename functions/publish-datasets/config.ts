import { createRuntime } from '../shared/aws/runtime.js';
import { ConfigError } from '../shared/errors.js';
import { ENV } from '../shared/resources.js';

const runtime = createRuntime(process.env);

const deadlineDay = Number(process.env.DEADLINE_DAY ?? 15);
if (!Number.isInteger(deadlineDay) || deadlineDay < 1 || deadlineDay > 28) {
  throw new ConfigError('DEADLINE_DAY must be a day from 1 to 28');
}

/** Resources of the publish function, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  curated: runtime.bucket(ENV.curatedBucket),
  public: runtime.bucket(ENV.publicBucket),
  /** Day of a quarter's last month that submissions are due. */
  deadlineDay,
};

export { config };
