import { createRuntime } from '../functions/shared/aws/runtime.js';
import { ENV } from '../functions/shared/resources.js';
import { startLocalAws } from '../local/localAws.js';

/** The pipeline's storage as the CLI sees it. */
export type Backend = ReturnType<typeof createRuntime>;

/**
 * Runs `work` against the deployed pipeline when its table is configured in
 * the environment (`TABLE_NAME`, buckets, credentials), otherwise against the
 * embedded local AWS kept in `dataDir`, started for the call and stopped after.
 */
const withBackend = async <T>(
  dataDir: string,
  work: (backend: Backend) => Promise<T>,
): Promise<T> => {
  if (process.env[ENV.table]) return work(createRuntime(process.env));
  const aws = await startLocalAws({ dataDir });
  Object.assign(process.env, aws.env);
  try {
    return await work(createRuntime(process.env));
  } finally {
    await aws.stop();
  }
};

export { withBackend };
