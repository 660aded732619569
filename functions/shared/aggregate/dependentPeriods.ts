import { byText } from '../byText.js';
import { formatPeriod, parsePeriod } from '../period.js';

/**
 * The periods whose consolidation an accepted submission for `period` makes
 * stale: the period itself and every later quarter of the same year, because
 * a year-to-date increment (`tang_trong_quy` of Q+1) is computed from the
 * consolidation of Q. Earlier quarters and other years do not depend on it.
 *
 * @example dependentPeriods('2023-Q3') // ['2023-Q3', '2023-Q4']
 */
const dependentPeriods = (period: string): string[] => {
  const p = parsePeriod(period);
  if (!p) return [];
  const periods: string[] = [];
  for (let q = p.quarter; q <= 4; q++) {
    periods.push(formatPeriod({ year: p.year, quarter: q as 1 | 2 | 3 | 4 }));
  }
  return periods;
};

/**
 * The rollups to run for a batch of requests: each valid period once, in
 * chronological order, so a quarter is consolidated before the later
 * quarters whose year-to-date increments read it.
 */
const rollupOrder = (requested: readonly string[]): string[] =>
  [...new Set(requested.filter((p) => parsePeriod(p) !== undefined))].sort(
    byText,
  );

export { dependentPeriods, rollupOrder };
