import { finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

/** The row's indicator code is in the catalogue. */
const indicatorKnown =
  (field: string): RowRule =>
  (row, ctx) => {
    const code = row[field] ?? '';
    if (code === '' || ctx.indicators.has(code)) return NO_FINDINGS;
    return [
      finding('unknown-indicator', { line: ctx.line, field, value: code }),
    ];
  };

export { indicatorKnown };
