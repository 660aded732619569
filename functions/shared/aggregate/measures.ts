import type { DatasetSchema } from '../schema/types.js';
import type { NormalizedRow } from '../validation/types.js';

/**
 * What one submission contributes to the rollup, per group (indicator):
 * integer fields summed exactly, other measured fields as reported.
 */
export type SubmissionMeasures = Record<string, Record<string, string>>;

/** Accumulates a submission's measures row by row, in memory bounded by the number of groups. */
const createMeasureAccumulator = (schema: DatasetSchema) => {
  const groupField = schema.fields.find((f) => f['x-role'] === 'indicator');
  const measured = schema.fields.filter(
    (f) =>
      f['x-role'] === undefined &&
      (f.type === 'integer' ||
        f.type === 'number' ||
        f.constraints?.enum !== undefined),
  );
  const measures: SubmissionMeasures = {};
  return {
    add(row: NormalizedRow) {
      const group = groupField ? (row[groupField.name] ?? '') : '*';
      const target = measures[group] ?? {};
      measures[group] = target;
      for (const field of measured) {
        const value = row[field.name] ?? '';
        if (value === '') continue;
        target[field.name] =
          field.type === 'integer'
            ? String(BigInt(target[field.name] ?? '0') + BigInt(value))
            : value;
      }
    },
    result: (): SubmissionMeasures => measures,
  };
};

export { createMeasureAccumulator };
