import { finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

/** A ratio's numerator does not exceed its denominator. */
const numeratorWithinDenominator =
  (numerator: string, denominator: string): RowRule =>
  (row, ctx) => {
    const n = row[numerator] ?? '';
    const d = row[denominator] ?? '';
    if (n === '' || d === '' || Number(n) <= Number(d)) return NO_FINDINGS;
    return [
      finding('numerator-exceeds-denominator', {
        line: ctx.line,
        field: numerator,
        value: n,
        expected: d,
      }),
    ];
  };

export { numeratorWithinDenominator };
