import { createRuntime } from '../shared/aws/runtime.js';
import { deadlineDayOf } from '../shared/config.js';
import { ENV } from '../shared/resources.js';

const runtime = createRuntime(process.env);

/** Resources of the publish function, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  curated: runtime.bucket(ENV.curatedBucket),
  public: runtime.bucket(ENV.publicBucket),
  /** Day of a quarter's last month that submissions are due. */
  deadlineDay: deadlineDayOf(process.env),
};

export { config };
