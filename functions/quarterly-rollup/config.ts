import { createRuntime } from '../shared/aws/runtime.js';

const runtime = createRuntime(process.env);

/** Resources of the rollup function, read once per cold start. */
const config = { catalogue: runtime.catalogue, table: runtime.table };

export { config };
