import type { Period } from '../period.js';
import type { Grant } from '../reference/grants.js';
import type { Indicator } from '../reference/indicators.js';
import type { UnitRegistry } from '../reference/units.js';
import type { DatasetSchema, NormalizedRow } from '../schema/types.js';
import type { Finding } from './codes.js';

/** What a row rule may look at besides the row. */
export interface RuleContext {
  readonly line: number;
  readonly schema: DatasetSchema;
  /** The submitting unit and period, from the object key. */
  readonly unitCode: string;
  readonly period: Period;
  readonly periodText: string;
  readonly units: UnitRegistry;
  readonly indicators: ReadonlyMap<string, Indicator>;
  /** Extra rights stewards granted; none when absent. */
  readonly grants?: readonly Grant[];
}

/** A rule over one normalized row; an empty array means the row passes. */
export type RowRule = (
  row: NormalizedRow,
  ctx: RuleContext,
) => readonly Finding[];
