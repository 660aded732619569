import type { SubmissionMeasures } from './measures.js';

/** One unit's contribution to a period's consolidation. */
export interface UnitMeasures {
  readonly unitCode: string;
  readonly measures: SubmissionMeasures;
}

/** A province-level row of `tong-hop-chi-tieu-cds`, values as canonical strings. */
export type ConsolidatedRow = Readonly<Record<string, string>>;

/**
 * `numerator / denominator × 100` rounded half-up to 2 decimals, computed on
 * integers so no float drift enters the published figure.
 */
const percentOf = (numerator: bigint, denominator: bigint): string => {
  const hundredths = (numerator * 20000n + denominator) / (2n * denominator);
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, '0');
  return `${whole}.${fraction}`.replace(/\.?0+$/, '');
};

/**
 * Consolidates indicator results across units: numerators and denominators
 * are summed, the value is their ratio (never an average of percentages).
 * Rows come out sorted by indicator code.
 */
const consolidateIndicators = (
  period: string,
  units: readonly UnitMeasures[],
): ConsolidatedRow[] => {
  const totals = new Map<
    string,
    {
      tu: bigint;
      mau: bigint;
      hasRatio: boolean;
      units: number;
      values: string[];
    }
  >();
  for (const { measures } of units) {
    for (const [indicator, m] of Object.entries(measures)) {
      const t = totals.get(indicator) ?? {
        tu: 0n,
        mau: 0n,
        hasRatio: false,
        units: 0,
        values: [],
      };
      t.units++;
      if (m.tu_so !== undefined && m.mau_so !== undefined) {
        t.tu += BigInt(m.tu_so);
        t.mau += BigInt(m.mau_so);
        t.hasRatio = true;
      }
      if (m.gia_tri !== undefined) t.values.push(m.gia_tri);
      totals.set(indicator, t);
    }
  }
  return [...totals.keys()].sort().map((indicator) => {
    const t = totals.get(indicator);
    if (!t) throw new Error('unreachable');
    const ratio = t.hasRatio && t.mau > 0n;
    return {
      ky_bao_cao: period,
      ma_chi_tieu: indicator,
      tu_so: t.hasRatio ? String(t.tu) : '',
      mau_so: t.hasRatio ? String(t.mau) : '',
      // Without a ratio, a value is carried only when one unit reported it.
      gia_tri: ratio
        ? percentOf(t.tu, t.mau)
        : t.units === 1 && t.values.length === 1
          ? (t.values[0] ?? '')
          : '',
      so_don_vi: String(t.units),
    };
  });
};

export { consolidateIndicators, percentOf };
