import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestSubmission } from '../../functions/ingest-submission/ingestSubmission.js';
import { consolidateIndicators } from '../../functions/shared/aggregate/consolidateIndicators.js';
import { withIndicatorNames } from '../../functions/shared/aggregate/indicatorNames.js';
import type { ConsolidatedIndicator } from '../../functions/shared/report/types.js';
import { catalogue, FIXTURES_DIR } from './catalogue.js';
import { memoryIngest, uploadOf } from './memoryIngest.js';

/**
 * The consolidated indicator rows of a quarter computed in memory from the
 * fixtures, through the real ingest core and consolidation, each with the
 * units whose accepted submissions hold it (as the rollup's lineage does).
 */
export const consolidateFixtures = async (
  period: string,
): Promise<ConsolidatedIndicator[]> => {
  const root = join(FIXTURES_DIR, 'submissions');
  const accepted: {
    unitCode: string;
    measures: Record<string, Record<string, string>>;
  }[] = [];
  for (const unit of readdirSync(root).sort()) {
    const file = join(root, unit, period, 'chi-tieu-cds.csv');
    if (!existsSync(file)) continue;
    const ports = memoryIngest(readFileSync(file));
    await ingestSubmission(
      uploadOf(`submissions/${unit}/${period}/chi-tieu-cds.csv`),
      ports.deps,
    );
    const record = ports.records[0];
    if (
      record?.status === 'accepted' ||
      record?.status === 'accepted-with-warnings'
    ) {
      accepted.push({ unitCode: unit, measures: record.measures ?? {} });
    }
  }
  return consolidateIndicators(period, accepted, catalogue.indicators).map(
    (row) => ({
      values: withIndicatorNames(row, catalogue.indicators, catalogue.report),
      units: accepted
        .filter((a) => a.measures[row.ma_chi_tieu ?? ''] !== undefined)
        .map((a) => a.unitCode),
    }),
  );
};
