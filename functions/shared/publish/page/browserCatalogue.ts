import { parseTable } from '../../csvTable.js';
import { grantsFromRows } from '../../reference/grants.js';
import { indicatorsFromRows } from '../../reference/indicators.js';
import {
  adminUnitsFromRows,
  agenciesFromRows,
  createUnitRegistry,
} from '../../reference/units.js';
import type { Catalogue } from '../../schema/loadSchemas.js';
import type { DatasetSchema } from '../../schema/types.js';

/**
 * What the submission page needs of `schemas/` to run the validation core
 * in the browser: the submission datasets' schemas and the reference
 * tables as their CSV text, parsed there by the same code as on the server.
 */
export interface BrowserCatalogue {
  readonly schemas: readonly DatasetSchema[];
  readonly adminUnits: string;
  readonly agencies: string;
  readonly indicators: string;
  /** `reference/grants.csv`, when the catalogue has one. */
  readonly grants?: string;
  /** The deployed upload API's URL; without it the page calls `../api` on its own origin. */
  readonly apiUrl?: string;
}

/** The catalogue the validation core takes, from the page's JSON. */
/** What the validation core needs of the catalogue: the page carries nothing more. */
export type PageCatalogue = Pick<
  Catalogue,
  'schemas' | 'units' | 'indicators' | 'grants'
>;

const catalogueOf = (data: BrowserCatalogue): PageCatalogue => ({
  schemas: new Map(data.schemas.map((s) => [s['x-dataset'].id, s])),
  units: createUnitRegistry([
    ...adminUnitsFromRows(parseTable(data.adminUnits)),
    ...agenciesFromRows(parseTable(data.agencies)),
  ]),
  indicators: new Map(
    indicatorsFromRows(parseTable(data.indicators)).map((i) => [i.code, i]),
  ),

  grants: data.grants ? grantsFromRows(parseTable(data.grants)) : [],
});

export { catalogueOf };
