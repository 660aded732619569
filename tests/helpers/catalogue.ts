import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../../functions/shared/schema/loadSchemas.js';

/** The repository's `schemas/` folder. */
export const SCHEMAS_DIR = fileURLToPath(
  new URL('../../schemas', import.meta.url),
);

/** The repository's `fixtures/` folder. */
export const FIXTURES_DIR = fileURLToPath(
  new URL('../../fixtures', import.meta.url),
);

/** The catalogue loaded from `schemas/`, once per test file. */
export const catalogue = loadCatalogue(SCHEMAS_DIR);
