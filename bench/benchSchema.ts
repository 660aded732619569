import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENV } from '../functions/shared/resources.js';
import {
  type Catalogue,
  loadCatalogue,
} from '../functions/shared/schema/loadSchemas.js';
import type { DatasetSchema } from '../functions/shared/schema/types.js';

// Bundled (bench/run.ts), the benchmark is told where the schemas are, as Lambda is.
const SCHEMAS_DIR =
  process.env[ENV.schemasDir] ??
  fileURLToPath(new URL('../schemas', import.meta.url));

/** Id of the benchmark dataset: `chi-tieu-cds` plus a row number in its key, so a file can hold millions of rows. */
export const BENCH_DATASET = 'bench-chi-tieu';

/** The real catalogue with the benchmark dataset added. */
export const benchCatalogue = (): Catalogue => {
  const catalogue = loadCatalogue(SCHEMAS_DIR);
  const base = JSON.parse(
    readFileSync(`${SCHEMAS_DIR}/chi-tieu-cds.json`, 'utf8'),
  ) as DatasetSchema;
  const schema: DatasetSchema = {
    ...base,
    fields: [
      {
        name: 'stt',
        type: 'integer',
        title: 'STT',
        description: 'Số thứ tự. / Row number.',
        constraints: { required: true, minimum: 1 },
      },
      ...base.fields,
    ],
    primaryKey: ['stt', ...base.primaryKey],
    'x-dataset': { ...base['x-dataset'], id: BENCH_DATASET },
  };
  return {
    ...catalogue,
    schemas: new Map([...catalogue.schemas, [BENCH_DATASET, schema]]),
  };
};
