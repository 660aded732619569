import { fileURLToPath } from 'node:url';
import { requireVar } from '../config.js';
import { ENV } from '../resources.js';
import { loadCatalogue } from '../schema/loadSchemas.js';
import { createDynamoClient, createS3Client } from './clients.js';
import { createObjectStore } from './objectStore.js';
import { createPipelineTable } from './pipelineTable.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Clients and catalogue a function needs, built once per cold start from its environment. */
const createRuntime = (env: Env) => {
  const s3 = createS3Client(env[ENV.s3Endpoint]);
  const db = createDynamoClient(env[ENV.dynamoEndpoint]);
  const schemasDir =
    env[ENV.schemasDir] ??
    fileURLToPath(new URL('../../../schemas', import.meta.url));
  return {
    catalogue: loadCatalogue(schemasDir),
    table: createPipelineTable(db, requireVar(env, ENV.table)),
    bucket: (variable: string) =>
      createObjectStore(s3, requireVar(env, variable)),
    s3,
    schemasDir,
  };
};

export { createRuntime };
