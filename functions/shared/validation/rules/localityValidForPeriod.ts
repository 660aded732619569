import type { UnitResolution } from '../../reference/units.js';
import { finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

/** The administrative unit a row is about exists and is in force for the period. */
const localityValidForPeriod = (field: string): RowRule => {
  // Resolutions are fixed for a file's period: compute each code's once.
  const resolved = new Map<string, UnitResolution>();
  return (row, ctx) => {
    const code = row[field] ?? '';
    if (code === '') return NO_FINDINGS;
    let resolution = resolved.get(code);
    if (!resolution) {
      resolution = ctx.units.resolve(code, ctx.period);
      resolved.set(code, resolution);
    }
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
    return NO_FINDINGS;
  };
};

export { localityValidForPeriod };
