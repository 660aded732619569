import { createRuntime } from '../shared/aws/runtime.js';
import { deadlineDayOf } from '../shared/config.js';

const runtime = createRuntime(process.env);

/** Resources of the rollup function, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  rollupRequests: runtime.rollupRequests,
  /** Day of a quarter's last month that submissions are due. */
  deadlineDay: deadlineDayOf(process.env),
};

export { config };
