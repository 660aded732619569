import type { DatasetSchema, FieldSchema } from '../schema/types.js';
import type { NormalizedRow } from '../validation/types.js';

/**
 * What one submission contributes to rollups, per group of its dimension
 * values (indicator, locality, audience…): the dimension values themselves,
 * integer fields summed exactly, other measured fields as reported.
 */
export type SubmissionMeasures = Record<string, Record<string, string>>;

/** For each measure group, the physical lines of the file it was computed from. */
export type SubmissionLineage = Record<string, number[]>;

const DIMENSION_ROLES = new Set(['indicator', 'locality', 'dimension']);

const isDimension = (f: FieldSchema) =>
  f['x-role'] !== undefined && DIMENSION_ROLES.has(f['x-role']);

/** Accumulates a submission's measures row by row, in memory bounded by the number of groups. */
const createMeasureAccumulator = (schema: DatasetSchema) => {
  const dimensions = schema.fields.filter(isDimension).map((f) => f.name);
  const measured = schema.fields.filter(
    (f) =>
      f['x-role'] === undefined &&
      (f.type === 'integer' ||
        f.type === 'number' ||
        f.constraints?.enum !== undefined),
  );
  const measures: SubmissionMeasures = {};
  const sums = new Map<string, Map<string, number | bigint>>();
  const lineage: SubmissionLineage = {};
  return {
    add(row: NormalizedRow, line: number) {
      const group =
        dimensions.length === 0
          ? '*'
          : dimensions.map((d) => row[d] ?? '').join('|');
      let target = measures[group];
      let groupSums = sums.get(group);
      if (!target || !groupSums) {
        target = {};
        for (const d of dimensions) target[d] = row[d] ?? '';
        measures[group] = target;
        groupSums = new Map();
        sums.set(group, groupSums);
        lineage[group] = [];
      }
      lineage[group]?.push(line);
      for (const field of measured) {
        const value = row[field.name] ?? '';
        if (value === '') continue;
        if (field.type !== 'integer') {
          target[field.name] = value;
          continue;
        }
        // Numbers while the sum is exact, BigInt past 2^53.
        const prev = groupSums.get(field.name) ?? 0;
        const next =
          typeof prev === 'number'
            ? prev + Number(value)
            : prev + BigInt(value);
        groupSums.set(
          field.name,
          typeof next === 'number' && !Number.isSafeInteger(next)
            ? BigInt(prev) + BigInt(value)
            : next,
        );
      }
    },
    result: () => {
      for (const [group, groupSums] of sums) {
        const target = measures[group];
        if (!target) continue;
        for (const [field, sum] of groupSums) target[field] = String(sum);
      }
      return { measures, lineage };
    },
  };
};

export { createMeasureAccumulator };
