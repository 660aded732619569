import { finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

/** One figure is at least another (e.g. trainees ≥ classes), when both are reported. */
const greaterOrEqual =
  (field: string, other: string): RowRule =>
  (row, ctx) => {
    const value = row[field] ?? '';
    const bound = row[other] ?? '';
    if (value === '' || bound === '' || Number(value) >= Number(bound)) {
      return NO_FINDINGS;
    }
    return [
      finding('comparison-error', {
        line: ctx.line,
        field,
        value,
        expected: `${other} = ${bound}`,
      }),
    ];
  };

export { greaterOrEqual };
