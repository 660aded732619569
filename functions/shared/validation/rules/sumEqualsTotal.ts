import { finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

/** Parts add up to their total, when all of them are reported. */
const sumEqualsTotal =
  (parts: readonly string[], total: string): RowRule =>
  (row, ctx) => {
    const values = parts.map((p) => row[p] ?? '');
    const reported = row[total] ?? '';
    if (reported === '' || values.some((v) => v === '')) return NO_FINDINGS;
    const sum = values.reduce((acc, v) => acc + BigInt(v), 0n);
    if (sum === BigInt(reported)) return NO_FINDINGS;
    return [
      finding('sum-mismatch', {
        line: ctx.line,
        field: total,
        value: reported,
        expected: `${parts.join(' + ')} = ${sum}`,
      }),
    ];
  };

export { sumEqualsTotal };
