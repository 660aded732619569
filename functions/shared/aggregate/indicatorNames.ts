import type { Indicator } from '../reference/indicators.js';
import type { ReportReference } from '../report/reportReference.js';
import type { ConsolidatedRow } from './consolidateIndicators.js';

/**
 * Adds the indicator's name, pillar name and deadline quarter to a
 * consolidated row (`ten_chi_tieu`, `tru_cot`, `han_hoan_thanh`), so the
 * published data reads without the catalogue; empty for unknown codes.
 */
const withIndicatorNames = (
  row: ConsolidatedRow,
  indicators: ReadonlyMap<string, Indicator>,
  reference: Pick<ReportReference, 'pillars'>,
): ConsolidatedRow => {
  const indicator = indicators.get(row.ma_chi_tieu ?? '');
  return {
    ...row,
    ten_chi_tieu: indicator?.name ?? '',
    tru_cot: indicator
      ? (reference.pillars.get(indicator.pillar)?.name.vi ?? indicator.pillar)
      : '',
    han_hoan_thanh: indicator?.deadline ?? '',
  };
};

export { withIndicatorNames };
