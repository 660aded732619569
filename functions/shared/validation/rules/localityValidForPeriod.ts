import { isWithinArea } from '../../aggregate/unitHierarchy.js';
import type { UnitResolution } from '../../reference/units.js';
import { finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

/** The administrative unit a row is about exists, is in force for the period and lies in the submitting unit's area. */
const localityValidForPeriod = (field: string): RowRule => {
  // Resolutions are fixed for a file's period: compute each code's once.
  const resolved = new Map<string, UnitResolution>();
  const inArea = new Map<string, boolean>();
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
    let within = inArea.get(code);
    if (within === undefined) {
      within = isWithinArea(ctx.units, code, ctx.unitCode, ctx.period);
      inArea.set(code, within);
    }
    if (!within) {
      return [
        finding('locality-outside-area', {
          ...details,
          expected: ctx.unitCode,
        }),
      ];
    }
    return NO_FINDINGS;
  };
};

export { localityValidForPeriod };
