import { finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

/** The row reports the period the file was submitted for. */
const periodMatchesSubmission =
  (field: string): RowRule =>
  (row, ctx) => {
    const value = row[field] ?? '';
    if (value === '' || value === ctx.periodText) return NO_FINDINGS;
    return [
      finding('period-mismatch', {
        line: ctx.line,
        field,
        value,
        expected: ctx.periodText,
      }),
    ];
  };

export { periodMatchesSubmission };
