import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrosswalkLink } from '../aggregate/unitHierarchy.js';
import { parseTable } from '../csvTable.js';
import { SchemaNotFoundError } from '../errors.js';
import { type Grant, grantsFromRows } from '../reference/grants.js';
import { type Indicator, indicatorsFromRows } from '../reference/indicators.js';
import {
  adminUnitsFromRows,
  agenciesFromRows,
  createUnitRegistry,
  type UnitRegistry,
} from '../reference/units.js';
import type { DatasetSchema } from './types.js';

/** Everything the pipeline knows from `schemas/`: dataset schemas and reference data. */
export interface Catalogue {
  readonly schemas: ReadonlyMap<string, DatasetSchema>;
  readonly units: UnitRegistry;
  readonly indicators: ReadonlyMap<string, Indicator>;
  /** Old → new commune links of the 2025-07-01 reform. */
  readonly crosswalk: readonly CrosswalkLink[];
  /** Extra rights stewards granted (`reference/grants.csv`). */
  readonly grants: readonly Grant[];
}

const loadDatasetSchemas = (dir: string): Map<string, DatasetSchema> => {
  const schemas = new Map<string, DatasetSchema>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const schema = JSON.parse(
      readFileSync(join(dir, file), 'utf8'),
    ) as DatasetSchema;
    const id = schema['x-dataset']?.id;
    if (id !== file.replace(/\.json$/, '')) {
      throw new SchemaNotFoundError(
        `Schema file ${file} must declare x-dataset.id "${file.replace(/\.json$/, '')}"`,
      );
    }
    schemas.set(id, schema);
  }
  return schemas;
};

/** Loads the dataset schemas and the reference tables from a `schemas/` folder. */
const loadCatalogue = (dir: string): Catalogue => {
  const table = (name: string) =>
    parseTable(readFileSync(join(dir, 'reference', name), 'utf8'));
  return {
    schemas: loadDatasetSchemas(dir),
    units: createUnitRegistry([
      ...adminUnitsFromRows(table('admin-units.csv')),
      ...agenciesFromRows(table('agencies.csv')),
    ]),
    indicators: new Map(
      indicatorsFromRows(table('indicators.csv')).map((i) => [i.code, i]),
    ),
    crosswalk: table('commune-crosswalk-2025-07-01.csv').map((row) => ({
      oldCode: row.old_code ?? '',
      newCode: row.new_code ?? '',
      relation: (row.relation ?? 'whole') as CrosswalkLink['relation'],
    })),
    grants: existsSync(join(dir, 'reference', 'grants.csv'))
      ? grantsFromRows(table('grants.csv'))
      : [],
  };
};

/** Returns a dataset's schema or throws SchemaNotFoundError. */
const requireSchema = (catalogue: Catalogue, id: string): DatasetSchema => {
  const schema = catalogue.schemas.get(id);
  if (!schema) throw new SchemaNotFoundError(`No schema for dataset "${id}"`);
  return schema;
};

export { loadCatalogue, requireSchema };
