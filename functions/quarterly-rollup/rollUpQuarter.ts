import { consolidateIndicators } from '../shared/aggregate/consolidateIndicators.js';
import type {
  AggregateItem,
  SubmissionItem,
} from '../shared/aws/pipelineTable.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';

/** The ports the rollup works through. */
export interface RollupDeps {
  readonly catalogue: Catalogue;
  listCurrent(period: string, datasetId: string): Promise<SubmissionItem[]>;
  replaceAggregates(
    period: string,
    datasetId: string,
    rows: readonly AggregateItem[],
  ): Promise<void>;
}

/** What one rollup did, per derived dataset. */
export interface RollupSummary {
  readonly period: string;
  readonly datasets: { datasetId: string; rows: number; units: number }[];
}

/**
 * Consolidates the accepted submissions in force for a period into the
 * derived datasets that declare them as source (`x-dataset.derivedFrom`).
 * Re-running it without new input writes the same items.
 */
const rollUpQuarter = async (
  period: string,
  deps: RollupDeps,
): Promise<RollupSummary> => {
  const datasets: RollupSummary['datasets'] = [];
  for (const schema of deps.catalogue.schemas.values()) {
    const meta = schema['x-dataset'];
    const source = meta.derivedFrom?.[0];
    if (meta.kind !== 'derived' || !source) continue;
    const current = await deps.listCurrent(period, source);
    const rows = consolidateIndicators(
      period,
      current.map((s) => ({
        unitCode: s.unitCode,
        measures: s.measures ?? {},
      })),
    );
    await deps.replaceAggregates(
      period,
      meta.id,
      rows.map((values) => ({
        period,
        datasetId: meta.id,
        group: values.ma_chi_tieu ?? '',
        values,
      })),
    );
    datasets.push({
      datasetId: meta.id,
      rows: rows.length,
      units: current.length,
    });
  }
  return { period, datasets };
};

export { rollUpQuarter };
