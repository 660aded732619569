import { percentOf } from '../normalize/values.js';
import type { Indicator, MeasureKind } from '../reference/indicators.js';
import type { SubmissionMeasures } from './measures.js';

/** One unit's contribution to a period's consolidation. */
export interface UnitMeasures {
  readonly unitCode: string;
  readonly measures: SubmissionMeasures;
}

/** A province-level row of `tong-hop-chi-tieu-cds`, values as canonical strings. */
export type ConsolidatedRow = Readonly<Record<string, string>>;

/**
 * Whether a consolidated figure meets its plan target; `chua_du_bao_cao`
 * while not every responsible unit has reported.
 */
export type TargetAssessment =
  | 'dat'
  | 'chua_dat'
  | 'khong_danh_gia'
  | 'chua_du_bao_cao';

const COMPLETED = 'Đã hoàn thành';
const IN_PROGRESS = 'Đang thực hiện';
const NOT_STARTED = 'Chưa thực hiện';

/** A decimal string as an exact fraction `n / 10^k`. */
const exact = (decimal: string): [bigint, bigint] => {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return [BigInt(whole + fraction), 10n ** BigInt(fraction.length)];
};

/**
 * Compares `value` (an exact fraction) with a target; the unrounded ratio is
 * compared, so 79.996 % does not meet "≥ 80 %".
 */
const meets = (
  [n, d]: [bigint, bigint],
  operator: '>' | '>=',
  target: number,
): boolean => {
  const [tn, td] = exact(String(target));
  const left = n * td;
  const right = tn * d;
  return operator === '>' ? left > right : left >= right;
};

interface Totals {
  tu: bigint;
  mau: bigint;
  hasRatio: boolean;
  hasCount: boolean;
  units: number;
  reporters: Set<string>;
  values: string[];
  statuses: string[];
}

const emptyTotals = (): Totals => ({
  tu: 0n,
  mau: 0n,
  hasRatio: false,
  hasCount: false,
  units: 0,
  reporters: new Set(),
  values: [],
  statuses: [],
});

/** The status reported by the units: completed only when every one says so. */
const reportedStatus = (statuses: readonly string[]): string => {
  if (statuses.length > 0 && statuses.every((s) => s === COMPLETED)) {
    return COMPLETED;
  }
  if (statuses.some((s) => s === IN_PROGRESS || s === COMPLETED)) {
    return IN_PROGRESS;
  }
  return NOT_STARTED;
};

const consolidateOne = (
  period: string,
  code: string,
  t: Totals,
  indicator: Indicator | undefined,
  previous: ConsolidatedRow | undefined,
  expected: readonly string[],
): ConsolidatedRow => {
  const kind: MeasureKind = indicator?.measureKind ?? 'ratio';
  let value = '';
  let fraction: [bigint, bigint] | undefined;
  if (t.hasRatio && t.mau > 0n) {
    value = percentOf(t.tu, t.mau);
    fraction = [t.tu * 100n, t.mau];
  } else if (kind !== 'ratio' && kind !== 'status' && t.hasCount) {
    value = String(t.tu);
    fraction = [t.tu, 1n];
  } else if (t.units === 1 && t.values.length === 1) {
    // Without figures to sum, a value is carried only when one unit reported it.
    value = t.values[0] ?? '';
    fraction = exact(value);
  }
  const target = indicator?.targetOperator;
  // A figure only some responsible units reported is not the province's yet.
  const partial = expected.some((unit) => !t.reporters.has(unit));
  const assessment: TargetAssessment = partial
    ? 'chua_du_bao_cao'
    : fraction && target && indicator?.targetValue !== undefined
      ? meets(fraction, target, indicator.targetValue)
        ? 'dat'
        : 'chua_dat'
      : 'khong_danh_gia';
  // A measurable indicator is completed when its target is met; otherwise
  // the responsible units' own statuses decide (seed 002's logic); a partial
  // one is never completed.
  const status =
    assessment === 'dat'
      ? COMPLETED
      : assessment === 'chua_dat'
        ? IN_PROGRESS
        : partial
          ? fraction === undefined && reportedStatus(t.statuses) === NOT_STARTED
            ? NOT_STARTED
            : IN_PROGRESS
          : reportedStatus(t.statuses);
  const isFirstQuarter = period.endsWith('-Q1');
  const increase =
    kind !== 'ytd' || !t.hasCount
      ? ''
      : isFirstQuarter
        ? String(t.tu)
        : previous?.tu_so
          ? String(t.tu - BigInt(previous.tu_so))
          : '';
  return {
    ky_bao_cao: period,
    ma_chi_tieu: code,
    loai_chi_tieu: kind,
    tu_so: t.hasRatio || t.hasCount ? String(t.tu) : '',
    mau_so: t.hasRatio ? String(t.mau) : '',
    gia_tri: value,
    tang_trong_quy: increase,
    muc_tieu:
      target && indicator?.targetValue !== undefined
        ? `${target} ${indicator.targetValue}`
        : '',
    danh_gia: assessment,
    trang_thai: status,
    so_don_vi: String(t.units),
    so_don_vi_phai_bao_cao: String(expected.length),
  };
};

/**
 * Consolidates indicator results across units. Ratios: numerators and
 * denominators are summed and divided once (never an average of
 * percentages); counts (stock, flow, year-to-date) are summed, and a
 * year-to-date figure also gets its quarter's increase from the previous
 * quarter's consolidation (`previous`, same year); each figure is assessed
 * against the plan target. `expectedOf` names the units responsible for
 * an indicator (default: none expected); while one of them
 * has not reported, the figure is assessed `chua_du_bao_cao`. Rows come out
 * sorted by code.
 */
const consolidateIndicators = (
  period: string,
  units: readonly UnitMeasures[],
  indicators: ReadonlyMap<string, Indicator> = new Map(),
  previous: ReadonlyMap<string, ConsolidatedRow> = new Map(),
  expectedOf: (code: string) => readonly string[] = () => [],
): ConsolidatedRow[] => {
  const totals = new Map<string, Totals>();
  for (const { unitCode, measures } of units) {
    for (const [code, m] of Object.entries(measures)) {
      const t = totals.get(code) ?? emptyTotals();
      t.units++;
      t.reporters.add(unitCode);
      if (m.tu_so !== undefined && m.mau_so !== undefined) {
        t.tu += BigInt(m.tu_so);
        t.mau += BigInt(m.mau_so);
        t.hasRatio = true;
      } else if (m.tu_so !== undefined && !t.hasRatio) {
        t.tu += BigInt(m.tu_so);
        t.hasCount = true;
      }
      if (m.gia_tri !== undefined) t.values.push(m.gia_tri);
      if (m.trang_thai !== undefined) t.statuses.push(m.trang_thai);
      totals.set(code, t);
    }
  }
  return [...totals.keys()]
    .sort()
    .map((code) =>
      consolidateOne(
        period,
        code,
        totals.get(code) ?? emptyTotals(),
        indicators.get(code),
        previous.get(code),
        expectedOf(code),
      ),
    );
};

export { consolidateIndicators };
