import type {
  DatasetSchema,
  FieldSchema,
  NormalizedRow,
} from '../schema/types.js';

/**
 * What one submission contributes to rollups, per group of its dimension
 * values (indicator, locality, audience…): the dimension values themselves,
 * integer fields summed exactly, other measured fields as reported.
 */
export type SubmissionMeasures = Record<string, Record<string, string>>;

/**
 * For each measure group, the physical lines of the file it was computed
 * from: the first LINEAGE_LINES of them, so the trace of a group does not
 * grow with the file (a million-row group would not fit in a DynamoDB item).
 */
export type SubmissionLineage = Record<string, number[]>;

/** Lines kept per measure group. */
const LINEAGE_LINES = 100;

/**
 * Distinct notes kept per group of a joined field (`x-consolidate: join`):
 * the first ones, in file order. Without a bound a file of a million rows
 * with a note each made one ever-longer string, re-split on every row
 * (quadratic), and a measure too large for its DynamoDB item.
 */
const JOINED_NOTES = 10;

const DIMENSION_ROLES = new Set(['indicator', 'locality', 'dimension']);

const isDimension = (f: FieldSchema) =>
  f['x-role'] !== undefined && DIMENSION_ROLES.has(f['x-role']);

interface GroupState {
  readonly values: Record<string, string>;
  /** Sums of the integer fields, in `summed` order: numbers while exact, BigInt past 2^53; none while every cell was empty. */
  readonly sums: (number | bigint | undefined)[];
  readonly lines: number[];
  /** Distinct values of each joined field, at most JOINED_NOTES. */
  readonly notes: Map<string, Set<string>>;
}

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
  const summed = measured
    .filter((f) => f.type === 'integer')
    .map((f) => f.name);
  const reported = measured
    .filter((f) => f.type !== 'integer')
    .map((f) => f.name);
  const joined = schema.fields
    .filter((f) => f['x-consolidate'] === 'join')
    .map((f) => f.name);
  const groups = new Map<string, GroupState>();

  const groupOf = (row: NormalizedRow): string => {
    if (dimensions.length === 0) return '*';
    let group = row[dimensions[0] ?? ''] ?? '';
    for (let i = 1; i < dimensions.length; i++) {
      group += `|${row[dimensions[i] ?? ''] ?? ''}`;
    }
    return group;
  };

  return {
    add(row: NormalizedRow, line: number) {
      const group = groupOf(row);
      let state = groups.get(group);
      if (!state) {
        const values: Record<string, string> = {};
        for (const d of dimensions) values[d] = row[d] ?? '';
        state = {
          values,
          sums: summed.map(() => undefined),
          lines: [],
          notes: new Map(joined.map((name) => [name, new Set<string>()])),
        };
        groups.set(group, state);
      }
      if (state.lines.length < LINEAGE_LINES) state.lines.push(line);
      for (const name of reported) {
        const value = row[name] ?? '';
        if (value !== '') state.values[name] = value;
      }
      for (const name of joined) {
        const value = row[name] ?? '';
        const notes = state.notes.get(name);
        if (value !== '' && notes && notes.size < JOINED_NOTES)
          notes.add(value);
      }
      for (let i = 0; i < summed.length; i++) {
        const value = row[summed[i] ?? ''] ?? '';
        if (value === '') continue;
        const prev = state.sums[i] ?? 0;
        const next =
          typeof prev === 'number'
            ? prev + Number(value)
            : prev + BigInt(value);
        state.sums[i] =
          typeof next === 'number' && !Number.isSafeInteger(next)
            ? BigInt(prev) + BigInt(value)
            : next;
      }
    },
    result: () => {
      const measures: SubmissionMeasures = {};
      const lineage: SubmissionLineage = {};
      for (const [group, state] of groups) {
        const target = { ...state.values };
        for (const [name, notes] of state.notes) {
          if (notes.size > 0) target[name] = [...notes].join('; ');
        }
        summed.forEach((name, i) => {
          const sum = state.sums[i];
          if (sum !== undefined) target[name] = String(sum);
        });
        measures[group] = target;
        lineage[group] = state.lines;
      }
      return { measures, lineage };
    },
  };
};

export { createMeasureAccumulator, LINEAGE_LINES };
