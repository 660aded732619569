import { finding } from '../codes.js';
import type { RowRule } from '../types.js';

/** The administrative unit a row is about exists and is in force for the period. */
const localityValidForPeriod =
  (field: string): RowRule =>
  (row, ctx) => {
    const code = row[field] ?? '';
    if (code === '') return [];
    const resolution = ctx.units.resolve(code, ctx.period);
    const details = { line: ctx.line, field, value: code };
    if (
      resolution.status === 'unknown' ||
      (resolution.status === 'valid' && resolution.unit.kind === 'agency')
    ) {
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
    return [];
  };

export { localityValidForPeriod };
