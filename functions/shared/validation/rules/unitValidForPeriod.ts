import { finding } from '../codes.js';
import type { RowRule } from '../types.js';

/** The row's unit exists, is in force for the period and is the submitting unit. */
const unitValidForPeriod =
  (field: string): RowRule =>
  (row, ctx) => {
    const code = row[field] ?? '';
    if (code === '') return [];
    const resolution = ctx.units.resolve(code, ctx.period);
    const details = { line: ctx.line, field, value: code };
    if (resolution.status === 'unknown') {
      return [finding('unknown-unit', details)];
    }
    if (resolution.status === 'not-valid-for-period') {
      return [
        finding('unit-not-valid-for-period', {
          ...details,
          expected: ctx.periodText,
        }),
      ];
    }
    if (code !== ctx.unitCode) {
      return [finding('unit-mismatch', { ...details, expected: ctx.unitCode })];
    }
    return [];
  };

export { unitValidForPeriod };
